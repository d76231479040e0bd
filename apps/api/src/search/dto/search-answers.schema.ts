import { ApiProperty, ApiPropertyOptional, ApiSchema } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, PRIORITIES, SAVED_VIEW_PRESETS, TICKET_KINDS, TICKET_STATUSES, type Channel, type SavedViewPreset, type CustomerTier, type Priority, type TicketKind, type TicketStatus } from '@firsthand/domain';
import type { SavedView, SavedViewCount, SavedViewCounts, SavedViewList, SearchField, SearchFilters, SearchHighlight, SearchHit, SearchPage, SearchSort } from '@firsthand/http-contracts';
import { integer, oneOf, optionalText, optionalUuid, text, time, uuid } from '../../http/dto/response-fields.js';
import { TicketViewSchema } from '../../tickets/dto/ticket-view.schema.js';
import { SEARCH_SORTS } from './search-filters.dto.js';

const FIELDS: SearchField[] = ['code', 'subject', 'description', 'customer', 'email', 'phone', 'message', 'internal_note'];

@ApiSchema({ name: 'SearchMark' })
export class SearchMarkSchema {
  @ApiProperty({ ...integer, minimum: 0, description: 'UTF-16 offset of the first marked character' }) start: number;
  @ApiProperty({ ...integer, minimum: 0, description: 'UTF-16 offset after the last marked character' }) end: number;
}

@ApiSchema({ name: 'SearchHighlight', description: 'Plain text with the ranges that matched; render the marks, never as HTML' })
export class SearchHighlightSchema implements SearchHighlight {
  @ApiProperty(oneOf(FIELDS)) field: SearchField;
  @ApiProperty(text) text: string;
  @ApiProperty({ type: () => [SearchMarkSchema] }) marks: SearchMarkSchema[];
  @ApiProperty({ type: Boolean }) truncatedStart: boolean;
  @ApiProperty({ type: Boolean }) truncatedEnd: boolean;
}

@ApiSchema({ name: 'SearchHit' })
export class SearchHitSchema implements SearchHit {
  @ApiProperty({ type: () => TicketViewSchema }) ticket: TicketViewSchema;
  @ApiProperty({ ...oneOf(['code', 'contact', 'partial', 'words', 'filter']), description: 'What matched: the code itself, the email or phone itself, part of a code/email/phone/name, words, or (without q) the filters' })
  match: SearchHit['match'];
  @ApiProperty({ type: () => [SearchHighlightSchema] }) highlights: SearchHighlightSchema[];
}

@ApiSchema({ name: 'SearchPage' })
export class SearchPageSchema implements SearchPage {
  @ApiProperty({ type: () => [SearchHitSchema] }) items: SearchHitSchema[];
  @ApiProperty({ ...optionalText, description: 'Pass as cursor (with the same q, filters and sort) for the next page; null on the last' }) nextCursor: string | null;
}

@ApiSchema({ name: 'SearchFilters' })
export class SearchFiltersSchema implements SearchFilters {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true }) status?: TicketStatus[];
  @ApiPropertyOptional({ type: String, description: 'me, unowned, or an agent id' }) owner?: string;
  @ApiPropertyOptional({ type: String, format: 'uuid' }) team?: string;
  @ApiPropertyOptional({ type: [String] }) tags?: string[];
  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true }) priority?: Priority[];
  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, isArray: true }) tier?: CustomerTier[];
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true }) channel?: Channel[];
  @ApiPropertyOptional({ enum: TICKET_KINDS, isArray: true }) kind?: TicketKind[];
  @ApiPropertyOptional(time) from?: string;
  @ApiPropertyOptional(time) to?: string;
  @ApiPropertyOptional({ type: Boolean }) breaching?: boolean;
}

@ApiSchema({ name: 'SavedViewCreator' })
export class SavedViewCreatorSchema {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
}

@ApiSchema({ name: 'SavedView' })
export class SavedViewSchema implements SavedView {
  @ApiProperty(uuid) id: string;
  @ApiProperty(text) name: string;
  @ApiProperty({ ...oneOf(SAVED_VIEW_PRESETS), nullable: true, description: "Made from a preset and not renamed since: a page names it in the reader's language" }) preset: SavedViewPreset | null;
  @ApiProperty(oneOf(['personal', 'team'])) scope: 'personal' | 'team';
  @ApiProperty(optionalUuid) teamId: string | null;
  @ApiProperty({ type: () => SavedViewCreatorSchema }) createdBy: SavedViewCreatorSchema;
  @ApiProperty(optionalText) q: string | null;
  @ApiProperty({ type: () => SearchFiltersSchema }) filters: SearchFiltersSchema;
  @ApiProperty(oneOf(SEARCH_SORTS)) sort: SearchSort;
  @ApiProperty({ type: Boolean }) mayChange: boolean;
  @ApiProperty(time) createdAt: string;
  @ApiProperty(time) updatedAt: string;
}

@ApiSchema({ name: 'SavedViewList' })
export class SavedViewListSchema implements SavedViewList {
  @ApiProperty({ type: () => [SavedViewSchema] }) items: SavedViewSchema[];
}

@ApiSchema({ name: 'SavedViewCount' })
export class SavedViewCountSchema implements SavedViewCount {
  @ApiProperty(uuid) id: string;
  @ApiProperty({ ...integer, minimum: 0 }) count: number;
  @ApiProperty({ type: Boolean }) capped: boolean;
}

@ApiSchema({ name: 'SavedViewCounts' })
export class SavedViewCountsSchema implements SavedViewCounts {
  @ApiProperty({ type: () => [SavedViewCountSchema] }) items: SavedViewCountSchema[];
}
