import { ApiProperty, ApiSchema } from '@nestjs/swagger';
import { CANNED_REPLY_SCOPES, LOCALES, type CannedReplyScope, type Locale } from '@firsthand/domain';
import type { CannedReplyList, CannedReplyUse, CannedReplyView, RenderedCannedReply } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalTime, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';

@ApiSchema({ name: 'CannedReplyView' })
export class CannedReplyViewSchema implements CannedReplyView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(oneOf(CANNED_REPLY_SCOPES)) scope: CannedReplyScope;
  @ApiProperty({ ...optionalUuid, description: 'The author of a personal reply' }) ownerId: string | null;
  @ApiProperty({ ...optionalUuid, description: 'The team of a team reply' }) teamId: string | null;
  @ApiProperty(text) title: string;
  @ApiProperty(text) shortcut: string;
  @ApiProperty(optionalText) bodyEn: string | null;
  @ApiProperty(optionalText) bodyZhCn: string | null;
  @ApiProperty({ ...integer, minimum: 0 }) useCount: number;
  @ApiProperty(optionalTime) lastUsedAt: string | null;
  @ApiProperty({ type: Boolean, description: 'Whether you may change or delete it' }) mayEdit: boolean;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(time) updatedAt: string;
}

@ApiSchema({ name: 'CannedReplyList' })
export class CannedReplyListSchema implements CannedReplyList {
  @ApiProperty({ type: () => [CannedReplyViewSchema] }) items: CannedReplyViewSchema[];
}

@ApiSchema({ name: 'RenderedCannedReply' })
export class RenderedCannedReplySchema implements RenderedCannedReply {
  @ApiProperty(uuid) cannedReplyId: string;
  @ApiProperty(uuid) ticketId: string;
  @ApiProperty({ ...oneOf(LOCALES), description: "The text's language: the customer's when the reply has a body in it" }) locale: Locale;
  @ApiProperty({ ...text, description: 'Placeholders filled; a missing fact reads as a phrase, never empty' }) text: string;
}

@ApiSchema({ name: 'CannedReplyUse' })
export class CannedReplyUseSchema extends RenderedCannedReplySchema implements CannedReplyUse {
  @ApiProperty({ ...integer, minimum: 1, description: 'Uses so far, this one included' }) useCount: number;
}
