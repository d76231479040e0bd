import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CHANNELS, CUSTOMER_TIERS, PRIORITIES, TICKET_KINDS, TICKET_STATUSES, type Channel, type CustomerTier, type Priority, type TicketKind, type TicketStatus } from '@firsthand/domain';
import type { SaveViewRequest, SearchFilters, SearchSort } from '@firsthand/http-contracts';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsInstant } from '../../http/dto/instant.js';
import { commaList } from '../../http/dto/comma-list.js';

export const SEARCH_LIMITS = { qLength: 200, words: 8, tags: 10, tagLength: 40, pageMax: 50, pageDefault: 20, viewName: 80 } as const;
export const SEARCH_SORTS = ['relevance', 'newest', 'oldest'] as const;

const bool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const OWNER = /^(me|unowned|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i;
const TAG = /^[^\s,][^,]*$/;
const list = (values: readonly string[]) => `Comma-separated: ${values.join(', ')}`;

/** The filters as query parameters (comma-separated lists), for `GET /api/search`. */
export class SearchQuery {
  @ApiPropertyOptional({ description: `Words (Chinese or English), a ticket code, email, phone or name; at most ${SEARCH_LIMITS.qLength} characters and ${SEARCH_LIMITS.words} words`, maxLength: SEARCH_LIMITS.qLength })
  @IsOptional() @IsString() @MaxLength(SEARCH_LIMITS.qLength) q?: string;

  @ApiPropertyOptional({ description: list(TICKET_STATUSES) }) @IsOptional() @Transform(commaList) @ArrayMaxSize(TICKET_STATUSES.length) @IsIn(TICKET_STATUSES, { each: true }) status?: TicketStatus[];
  @ApiPropertyOptional({ description: 'me, unowned, or an agent id' }) @IsOptional() @Matches(OWNER, { message: 'ownerId must be me, unowned or an agent id' }) ownerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ description: `Comma-separated; tickets carrying all of them (at most ${SEARCH_LIMITS.tags})` })
  @IsOptional() @Transform(commaList) @ArrayMaxSize(SEARCH_LIMITS.tags) @IsString({ each: true }) @Matches(TAG, { each: true, message: 'each tag must be text without commas' }) @MaxLength(SEARCH_LIMITS.tagLength, { each: true }) tags?: string[];
  @ApiPropertyOptional({ description: list(PRIORITIES) }) @IsOptional() @Transform(commaList) @ArrayMaxSize(PRIORITIES.length) @IsIn(PRIORITIES, { each: true }) priority?: Priority[];
  @ApiPropertyOptional({ description: list(CUSTOMER_TIERS) }) @IsOptional() @Transform(commaList) @ArrayMaxSize(CUSTOMER_TIERS.length) @IsIn(CUSTOMER_TIERS, { each: true }) tier?: CustomerTier[];
  @ApiPropertyOptional({ description: list(CHANNELS) }) @IsOptional() @Transform(commaList) @ArrayMaxSize(CHANNELS.length) @IsIn(CHANNELS, { each: true }) channel?: Channel[];
  @ApiPropertyOptional({ description: list(TICKET_KINDS) }) @IsOptional() @Transform(commaList) @ArrayMaxSize(TICKET_KINDS.length) @IsIn(TICKET_KINDS, { each: true }) kind?: TicketKind[];
  @ApiPropertyOptional({ format: 'date-time', description: 'Created at or after' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Created before' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional({ description: 'Only unresolved tickets past an SLA target' }) @IsOptional() @Transform(bool) @IsBoolean() breaching?: boolean;
  @ApiPropertyOptional({ enum: SEARCH_SORTS, description: 'Default: relevance with q, newest without' }) @IsOptional() @IsIn(SEARCH_SORTS) sort?: SearchSort;
  @ApiPropertyOptional({ default: SEARCH_LIMITS.pageDefault, minimum: 1, maximum: SEARCH_LIMITS.pageMax })
  @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(SEARCH_LIMITS.pageMax) limit?: number;
  @ApiPropertyOptional({ description: 'nextCursor from the previous page (same q, filters and sort)' }) @IsOptional() @IsString() @MaxLength(300) cursor?: string;
}

/** The same filters in a JSON body (lists as arrays), for saved views. */
export class SearchFiltersBody implements SearchFilters {
  @ApiPropertyOptional({ enum: TICKET_STATUSES, isArray: true }) @IsOptional() @ArrayMaxSize(TICKET_STATUSES.length) @IsIn(TICKET_STATUSES, { each: true }) status?: TicketStatus[];
  @ApiPropertyOptional({ description: 'me, unowned, or an agent id' }) @IsOptional() @IsString() @Matches(OWNER, { message: 'owner must be me, unowned or an agent id' }) owner?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() team?: string;
  @ApiPropertyOptional({ type: [String], maxItems: SEARCH_LIMITS.tags })
  @IsOptional() @ArrayMaxSize(SEARCH_LIMITS.tags) @IsString({ each: true }) @Matches(TAG, { each: true, message: 'each tag must be text without commas' }) @MaxLength(SEARCH_LIMITS.tagLength, { each: true }) tags?: string[];
  @ApiPropertyOptional({ enum: PRIORITIES, isArray: true }) @IsOptional() @ArrayMaxSize(PRIORITIES.length) @IsIn(PRIORITIES, { each: true }) priority?: Priority[];
  @ApiPropertyOptional({ enum: CUSTOMER_TIERS, isArray: true }) @IsOptional() @ArrayMaxSize(CUSTOMER_TIERS.length) @IsIn(CUSTOMER_TIERS, { each: true }) tier?: CustomerTier[];
  @ApiPropertyOptional({ enum: CHANNELS, isArray: true }) @IsOptional() @ArrayMaxSize(CHANNELS.length) @IsIn(CHANNELS, { each: true }) channel?: Channel[];
  @ApiPropertyOptional({ enum: TICKET_KINDS, isArray: true }) @IsOptional() @ArrayMaxSize(TICKET_KINDS.length) @IsIn(TICKET_KINDS, { each: true }) kind?: TicketKind[];
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() from?: string;
  @ApiPropertyOptional({ format: 'date-time' }) @IsOptional() @IsInstant() to?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() breaching?: boolean;
}

export class SaveViewBody implements SaveViewRequest {
  @ApiProperty({ minLength: 1, maxLength: SEARCH_LIMITS.viewName }) @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(SEARCH_LIMITS.viewName) name: string;
  @ApiProperty({ enum: ['personal', 'team'] }) @IsIn(['personal', 'team']) scope: 'personal' | 'team';
  @ApiPropertyOptional({ format: 'uuid', description: 'For a team view; defaults to your team' }) @IsOptional() @IsUUID() teamId?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: SEARCH_LIMITS.qLength }) @IsOptional() @IsString() @MaxLength(SEARCH_LIMITS.qLength) q?: string | null;
  @ApiPropertyOptional({ type: () => SearchFiltersBody }) @IsOptional() @IsObject() @ValidateNested() @Type(() => SearchFiltersBody) filters?: SearchFiltersBody;
  @ApiPropertyOptional({ enum: SEARCH_SORTS }) @IsOptional() @IsIn(SEARCH_SORTS) sort?: SearchSort;
}

/** A change to a view: its name, query, filters or order (scope and team stay). */
export class ChangeViewBody {
  @ApiPropertyOptional({ minLength: 1, maxLength: SEARCH_LIMITS.viewName }) @IsOptional() @IsString() @Matches(/\S/, { message: 'name must not be blank' }) @MaxLength(SEARCH_LIMITS.viewName) name?: string;
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: SEARCH_LIMITS.qLength }) @IsOptional() @IsString() @MaxLength(SEARCH_LIMITS.qLength) q?: string | null;
  @ApiPropertyOptional({ type: () => SearchFiltersBody }) @IsOptional() @IsObject() @ValidateNested() @Type(() => SearchFiltersBody) filters?: SearchFiltersBody;
  @ApiPropertyOptional({ enum: SEARCH_SORTS }) @IsOptional() @IsIn(SEARCH_SORTS) sort?: SearchSort;
}
