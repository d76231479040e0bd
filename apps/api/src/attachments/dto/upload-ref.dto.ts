import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, ValidateNested } from 'class-validator';

/** An upload to attach, as `POST /api/uploads` answered it. */
export class UploadRefDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ description: 'The one-time token the upload answered with' }) @IsString() @Matches(/^[A-Za-z0-9_-]{16,64}$/) uploadToken: string;
}

/** The hard cap of the request shape; the configured per-message limit (10 by default) is checked with the files. */
export const MAX_ATTACHMENT_REFS = 100;

export function AttachmentsField(): PropertyDecorator {
  return (target, key) => {
    ApiPropertyOptional({ type: [UploadRefDto], description: 'Files uploaded with POST /api/uploads; at most FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE (10)' })(target, key);
    IsOptional()(target, key);
    IsArray()(target, key);
    ArrayMaxSize(MAX_ATTACHMENT_REFS)(target, key);
    ValidateNested({ each: true })(target, key);
    Type(() => UploadRefDto)(target, key);
  };
}
