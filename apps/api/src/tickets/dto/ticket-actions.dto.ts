import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { AGENT_SETTABLE_STATUSES, VISIBILITIES, type AgentSettableStatus, type Visibility } from '@firsthand/domain';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsNotIn, IsObject, IsOptional, IsString, IsUUID, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { AssistSuggestionDto } from '../../assist/dto/assist.schema.js';
import { AttachmentsField, type UploadRefDto } from '../../attachments/dto/upload-ref.dto.js';
import { NotBlank } from '../../http/dto/not-blank.js';

const SEQ_DOC = 'The last event seq you saw; refused with 409 and the new events if the customer wrote since.';

export class PostMessageDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(20_000) @NotBlank() body: string;
  @ApiProperty({ enum: VISIBILITIES }) @IsIn(VISIBILITIES) visibility: Visibility;
  @ApiPropertyOptional({ description: SEQ_DOC }) @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000) expectedSeq?: number;
  @AttachmentsField() attachments?: UploadRefDto[];
  @ApiPropertyOptional({ type: () => AssistSuggestionDto, description: 'The assist suggestion (article or similar solved ticket) this message used; recorded with it' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => AssistSuggestionDto)
  suggestion?: AssistSuggestionDto;
}

export class ChangeStatusDto {
  @ApiProperty({ enum: AGENT_SETTABLE_STATUSES }) @IsIn(AGENT_SETTABLE_STATUSES) status: AgentSettableStatus;
  // `bot` and `spam` name the bot's resolution and a spam close, which the metrics and the customer's page treat apart.
  @ApiPropertyOptional({ description: "What solved it; only when resolving. Not 'bot' or 'spam', which the system writes itself" })
  @IsOptional() @IsString() @MinLength(1) @MaxLength(5_000) @NotBlank()
  @IsNotIn(['bot', 'spam'], { message: "resolution may not be 'bot' or 'spam': those name the bot's resolution and a spam close" })
  resolution?: string;
  @ApiPropertyOptional({ description: SEQ_DOC }) @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000) expectedSeq?: number;
}

export class ProposeHandoffDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() toAgentId: string;
  @ApiProperty({ description: 'What the next owner needs to know' }) @IsString() @MinLength(1) @MaxLength(5_000) @NotBlank() note: string;
}

export class ReassignDto {
  @ApiProperty({ format: 'uuid' }) @IsUUID() toAgentId: string;
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2_000) @NotBlank() reason: string;
}

export class EscalateDto {
  @ApiProperty() @IsString() @MinLength(1) @MaxLength(2_000) @NotBlank() reason: string;
}
