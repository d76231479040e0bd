import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import { AttachmentsField, type UploadRefDto } from '../attachments/dto/upload-ref.dto.js';
import { NotBlank } from '../http/dto/not-blank.js';

export class CustomerMessageDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) @NotBlank() body: string;
  @AttachmentsField() attachments?: UploadRefDto[];
}

export class FeedbackDto {
  @ApiProperty({ minimum: 1, maximum: 5 }) @IsInt() @Min(1) @Max(5) rating: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2_000) comment?: string;
}

export class TrackQuery {
  @ApiPropertyOptional({ minimum: 0, maximum: 2_147_483_647, description: 'Only timeline entries after this seq' }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(2_147_483_647) after?: number;
}
