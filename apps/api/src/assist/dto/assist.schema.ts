import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { LOCALES, type Locale, type PersonalDataKind } from '@firsthand/domain';
import type {
  AssistArticle,
  AssistFirstContactFigures,
  AssistFirstContactReport,
  AssistText,
  ResolutionArticleDraft,
  SimilarSolvedTicketView,
  TicketAssist,
} from '@firsthand/http-contracts';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { integer, oneOf, optionalText, optionalTime, share, text, time, uuid } from '../../http/dto/response-fields.js';
import { ArticleViewSchema } from '../../knowledge-base/dto/article.schema.js';

export const SUGGESTION_KINDS = ['article', 'ticket'] as const;
const PERSONAL_DATA_KINDS: PersonalDataKind[] = ['email', 'phone', 'customer-name'];

/** Which suggestion of the assist panel a message used. */
export class AssistSuggestionDto {
  @ApiProperty({ enum: SUGGESTION_KINDS }) @IsIn(SUGGESTION_KINDS) kind: 'article' | 'ticket';
  @ApiProperty({ format: 'uuid', description: 'The article, or the similar solved ticket' }) @IsUUID() id: string;
}

export class ResolutionArticleDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'The draft\'s category; the first category when left out' }) @IsOptional() @IsUUID() categoryId?: string;
}

@ApiSchema({ name: 'AssistArticle' })
export class AssistArticleSchema implements AssistArticle {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) slug: string;
  @ApiProperty(oneOf(LOCALES)) locale: Locale;
  @ApiProperty(oneOf(['public', 'internal'])) audience: 'public' | 'internal';
  @ApiProperty(text) title: string;
  @ApiProperty(text) excerpt: string;
  @ApiProperty(text) categoryName: string;
  @ApiProperty({ type: Number, minimum: 0, maximum: 1 }) score: number;
  @ApiProperty({ ...optionalText, description: 'Help-center link (public articles only)' }) url: string | null;
  @ApiProperty({ ...text, description: 'Plain text to insert, at most 4,000 characters' }) text: string;
}

@ApiSchema({ name: 'AssistText' })
export class AssistTextSchema implements AssistText {
  @ApiProperty(text) body: string;
  @ApiProperty(time) at: string;
}

@ApiSchema({ name: 'SimilarSolvedTicket' })
export class SimilarSolvedTicketSchema implements SimilarSolvedTicketView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) code: string;
  @ApiProperty(text) subject: string;
  @ApiProperty(oneOf(['resolved', 'closed'])) status: 'resolved' | 'closed';
  @ApiProperty(optionalTime) resolvedAt: string | null;
  @ApiProperty(optionalText) resolution: string | null;
  @ApiProperty({ type: () => AssistTextSchema, nullable: true }) finalReply: AssistTextSchema | null;
  @ApiProperty({ type: () => AssistTextSchema, nullable: true }) lastInternalNote: AssistTextSchema | null;
}

@ApiSchema({ name: 'TicketAssist' })
export class TicketAssistSchema implements TicketAssist {
  @ApiProperty({ type: () => [AssistArticleSchema] }) articles: AssistArticleSchema[];
  @ApiProperty({ type: () => [SimilarSolvedTicketSchema] }) similarTickets: SimilarSolvedTicketSchema[];
}

@ApiSchema({ name: 'ResolutionArticleDraft' })
export class ResolutionArticleDraftSchema implements ResolutionArticleDraft {
  @ApiProperty({ type: () => ArticleViewSchema }) article: ArticleViewSchema;
  @ApiProperty({ type: String, enum: PERSONAL_DATA_KINDS, isArray: true }) removed: PersonalDataKind[];
  @ApiProperty(text) editorPath: string;
}

@ApiSchema({ name: 'AssistFirstContactFigures' })
export class AssistFirstContactFiguresSchema implements AssistFirstContactFigures {
  @ApiProperty({ ...integer, minimum: 0 }) resolved: number;
  @ApiProperty({ ...integer, minimum: 0 }) firstContact: number;
  @ApiProperty(share) rate: number | null;
}

@ApiSchema({ name: 'AssistFirstContactReport' })
export class AssistFirstContactReportSchema implements AssistFirstContactReport {
  @ApiProperty(text) from: string;
  @ApiProperty(text) to: string;
  @ApiProperty({ type: () => AssistFirstContactFiguresSchema }) used: AssistFirstContactFiguresSchema;
  @ApiProperty({ type: () => AssistFirstContactFiguresSchema }) notUsed: AssistFirstContactFiguresSchema;
}
