import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CANNED_REPLY_LIMITS, CANNED_REPLY_SCOPES, CANNED_REPLY_SHORTCUT, LOCALES, type CannedReplyScope, type Locale } from '@firsthand/domain';
import type { CreateCannedReplyRequest, UpdateCannedReplyRequest } from '@firsthand/http-contracts';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { NotBlank } from '../../http/dto/not-blank.js';

const { titleMaxLength, shortcutMaxLength, bodyMaxLength, listMax } = CANNED_REPLY_LIMITS;
const shortcutRule = { message: 'shortcut must be one word: letters, digits, - or _ (no spaces, no leading /)' };
const bodyDoc = (language: string) => ({
  type: String,
  nullable: true,
  maxLength: bodyMaxLength,
  description: `The reply in ${language}. Placeholders: {{customer.name}}, {{ticket.code}}, {{agent.name}}, {{ticket.next_update_due}}; any other is refused (400 unknown-placeholders)`,
});

export class CreateCannedReplyDto implements CreateCannedReplyRequest {
  @ApiProperty({ enum: CANNED_REPLY_SCOPES, description: 'personal: yours alone; team: shared with a team, written by its seniors, supervisors and admins' })
  @IsIn(CANNED_REPLY_SCOPES)
  scope: CannedReplyScope;

  @ApiPropertyOptional({ format: 'uuid', description: "A team reply's team; your own team when left out. Not for personal replies" })
  @IsOptional()
  @IsUUID()
  teamId?: string;

  @ApiProperty({ example: 'Refund on its way', maxLength: titleMaxLength }) @IsString() @MinLength(1) @MaxLength(titleMaxLength) @NotBlank() title: string;

  @ApiProperty({ example: 'refund', maxLength: shortcutMaxLength, description: 'One word typed after / in the composer: letters, digits, - and _' })
  @IsString()
  @MaxLength(shortcutMaxLength)
  @Matches(CANNED_REPLY_SHORTCUT, shortcutRule)
  shortcut: string;

  @ApiPropertyOptional(bodyDoc('English')) @IsOptional() @IsString() @MinLength(1) @MaxLength(bodyMaxLength) @NotBlank() bodyEn?: string | null;

  @ApiPropertyOptional(bodyDoc('Simplified Chinese')) @IsOptional() @IsString() @MinLength(1) @MaxLength(bodyMaxLength) @NotBlank() bodyZhCn?: string | null;
}

export class UpdateCannedReplyDto implements UpdateCannedReplyRequest {
  @ApiPropertyOptional({ maxLength: titleMaxLength }) @IsOptional() @IsString() @MinLength(1) @MaxLength(titleMaxLength) @NotBlank() title?: string;

  @ApiPropertyOptional({ maxLength: shortcutMaxLength, description: 'One word typed after / in the composer: letters, digits, - and _' })
  @IsOptional()
  @IsString()
  @MaxLength(shortcutMaxLength)
  @Matches(CANNED_REPLY_SHORTCUT, shortcutRule)
  shortcut?: string;

  @ApiPropertyOptional({ ...bodyDoc('English'), description: 'null removes the English body (one body must remain)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(bodyMaxLength)
  @NotBlank()
 
  bodyEn?: string | null;

  @ApiPropertyOptional({ ...bodyDoc('Simplified Chinese'), description: 'null removes the Chinese body (one body must remain)' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(bodyMaxLength)
  @NotBlank()
 
  bodyZhCn?: string | null;
}

export class ListCannedRepliesQuery {
  @ApiPropertyOptional({ maxLength: 100, description: 'Words in the shortcut, title or either body; exact and prefix shortcut matches first' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
 
  q?: string;

  @ApiPropertyOptional({ enum: CANNED_REPLY_SCOPES }) @IsOptional() @IsIn(CANNED_REPLY_SCOPES) scope?: CannedReplyScope;

  @ApiPropertyOptional({ enum: LOCALES, default: 'en', description: "The agent's language: replies written in it come first" }) @IsOptional() @IsIn(LOCALES) lang?: Locale;

  @ApiPropertyOptional({ default: 50, minimum: 1, maximum: listMax }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(listMax) limit?: number;
}

export class RenderCannedReplyQuery {
  @ApiProperty({ format: 'uuid', description: 'The ticket to fill the placeholders from; it must be one you may see' }) @IsUUID() ticketId: string;
}

export class UseCannedReplyDto {
  @ApiProperty({ format: 'uuid', description: 'The ticket the reply is inserted into; it must be one you may see' }) @IsUUID() ticketId: string;
}
