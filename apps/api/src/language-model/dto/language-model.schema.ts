import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import type { ChatMessage, LanguageModelPurpose } from '@firsthand/domain';
import type { LanguageModelAnswer, LanguageModelCallOutcome, LanguageModelCallPage, LanguageModelCallView, LanguageModelStatus } from '@firsthand/http-contracts';
import { IsOptional, IsString, IsUUID, IsInt, Max, MaxLength, Min } from 'class-validator';
import { Type } from 'class-transformer';
import { integer, oneOf, optionalInteger, optionalText, text, time, uuid } from '../../http/dto/response-fields.js';

const PURPOSES = ['draft-reply', 'handoff-summary'] as const;
const OUTCOMES = ['ok', 'timeout', 'garbage', 'http-error', 'unreachable'] as const;

@ApiSchema({ name: 'LanguageModelStatus' })
export class LanguageModelStatusSchema implements LanguageModelStatus {
  @ApiProperty({ type: Boolean, description: 'false: no endpoint is configured; the draft and summary routes answer 404' }) enabled: boolean;
  @ApiProperty(optionalText) model: string | null;
}

@ApiSchema({ name: 'LanguageModelAnswer' })
export class LanguageModelAnswerSchema implements LanguageModelAnswer {
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(oneOf(PURPOSES)) purpose: LanguageModelPurpose;
  @ApiProperty(oneOf(OUTCOMES)) outcome: LanguageModelCallOutcome;
  @ApiProperty({ ...text, nullable: true, description: 'For the agent to edit; never sent by this route. Null when the endpoint failed (see outcome and message)' }) text: string | null;
  @ApiProperty({ ...text, nullable: true, description: 'Why there is no text (timeout, garbage, HTTP error, unreachable); the ticket is unchanged. Null on success' }) message: string | null;
  @ApiProperty(text) model: string;
  @ApiProperty({ type: [String], description: 'Knowledge-base articles the prompt carried' }) articleIds: string[];
  @ApiProperty({ ...uuid, description: 'The audit log entry of this call' }) callId: string;
}

@ApiSchema({ name: 'LanguageModelChatMessage' })
class ChatMessageSchema implements ChatMessage {
  @ApiProperty(oneOf(['system', 'user'])) role: ChatMessage['role'];
  @ApiProperty(text) content: string;
}

@ApiSchema({ name: 'LanguageModelCall' })
class LanguageModelCallSchema implements LanguageModelCallView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(uuid) agentId: string;
  @ApiProperty(text) agentName: string;
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty(oneOf(PURPOSES)) purpose: LanguageModelPurpose;
  @ApiProperty(text) model: string;
  @ApiProperty({ type: () => [ChatMessageSchema], description: 'Exactly what was sent to the endpoint' }) prompt: ChatMessageSchema[];
  @ApiProperty({ type: [String] }) articleIds: string[];
  @ApiProperty(oneOf(OUTCOMES)) outcome: LanguageModelCallOutcome;
  @ApiProperty(optionalInteger) httpStatus: number | null;
  @ApiProperty({ ...optionalText, description: 'Why the call failed' }) detail: string | null;
  @ApiProperty(optionalInteger) answerChars: number | null;
  @ApiProperty(integer) latencyMs: number;
  @ApiProperty(time) createdAt: string;
}

@ApiSchema({ name: 'LanguageModelCallPage' })
export class LanguageModelCallPageSchema implements LanguageModelCallPage {
  @ApiProperty({ type: () => [LanguageModelCallSchema] }) items: LanguageModelCallSchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor for the next page; null on the last' }) nextCursor: string | null;
}

export class ListLanguageModelCallsQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ticketId?: string;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: 200 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(200) limit?: number;

  @ApiPropertyOptional({ description: 'nextCursor from the previous page' }) @IsOptional() @IsString() @MaxLength(200) cursor?: string;
}
