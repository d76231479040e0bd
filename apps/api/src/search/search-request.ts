import { parseSearchQuery, type SearchQuery as ParsedQuery } from '@firsthand/search';
import type { SearchFilters, SearchSort } from '@firsthand/http-contracts';
import type { TicketSearchCursor, TicketSearchFilter } from '@firsthand/persistence';
import { notAnInstant, realInstant } from '../http/dto/instant.js';
import { RequestValidationFailed, type FieldProblem } from '../http/problem.js';
import { SEARCH_LIMITS } from './dto/search-filters.dto.js';

/** A search as the reader takes it, with what the highlighter needs. */
export interface SearchRequest {
  filter: TicketSearchFilter;
  parsed: ParsedQuery | null;
  raw: string | null;
  sort: SearchSort;
}

/**
 * Turns the route's (or a saved view's) query text and filters into the reader's filter; every
 * problem is a 400 naming its field. `fieldOf` names fields as the caller spells them.
 */
export function searchRequest(q: string | null | undefined, filters: SearchFilters, sort: SearchSort | undefined, fieldOf: (name: string) => string = (n) => n): SearchRequest {
  const problems: FieldProblem[] = [];
  const raw = q?.trim() ? q.trim() : null;
  let parsed: ParsedQuery | null = null;
  if (raw) {
    parsed = parseSearchQuery(raw);
    if (parsed.wordCount > SEARCH_LIMITS.words) problems.push({ field: fieldOf('q'), messages: [`q must have at most ${SEARCH_LIMITS.words} words (it has ${parsed.wordCount})`] });
  }
  // Read again for a saved view, whose filters were stored before this check existed.
  const instant = (name: 'from' | 'to', value: string | undefined): Date | undefined => {
    if (!value) return undefined;
    const at = realInstant(value);
    if (!at) problems.push({ field: fieldOf(name), messages: [notAnInstant(name)] });
    return at ?? undefined;
  };
  const from = instant('from', filters.from);
  const to = instant('to', filters.to);
  if (from && to && from >= to) problems.push({ field: fieldOf('to'), messages: ['to must be after from'] });
  if (problems.length) throw new RequestValidationFailed(problems);
  return {
    filter: {
      text: raw ? { tsquery: parsed!.tsquery, raw } : undefined,
      status: filters.status,
      owner: filters.owner,
      teamId: filters.team,
      tags: filters.tags?.map((t) => t.trim()),
      priority: filters.priority,
      tier: filters.tier,
      channel: filters.channel,
      kind: filters.kind,
      createdFrom: from,
      createdTo: to,
      breaching: filters.breaching || undefined,
    },
    parsed,
    raw,
    sort: sort ?? (raw ? 'relevance' : 'newest'),
  };
}

/** The cursor names its order, so a page of one order is never continued in another. */
export function encodeSearchCursor(sort: SearchSort, cursor: TicketSearchCursor | null): string | null {
  if (!cursor) return null;
  const fields: unknown[] = [sort, cursor.exact, cursor.rank, cursor.createdUs, cursor.id];
  if (cursor.rankedFromUs !== undefined) fields.push(cursor.rankedFromUs);
  return Buffer.from(JSON.stringify(fields)).toString('base64url');
}

export function decodeSearchCursor(value: string | undefined, sort: SearchSort): TicketSearchCursor | undefined {
  if (value === undefined) return undefined;
  try {
    const fields = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as unknown[];
    const [cursorSort, exact, rank, createdUs, id, rankedFromUs] = fields;
    const valid =
      cursorSort === sort &&
      Number.isInteger(exact) && (exact as number) >= 0 && (exact as number) <= 3 &&
      typeof rank === 'number' && Number.isFinite(rank) &&
      typeof createdUs === 'string' && /^\d{1,17}$/.test(createdUs) &&
      typeof id === 'string' && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id) &&
      Array.isArray(fields) && (fields.length === 5 ||
        (fields.length === 6 && (rankedFromUs === null || (typeof rankedFromUs === 'string' && /^\d{1,17}$/.test(rankedFromUs)))));
    if (!valid) throw new Error('bad cursor');
    const cursor: TicketSearchCursor = { exact: exact as number, rank: rank as number, createdUs: createdUs as string, id: id as string };
    if (fields.length === 6) cursor.rankedFromUs = rankedFromUs as string | null;
    return cursor;
  } catch {
    throw new RequestValidationFailed([{ field: 'cursor', messages: ['cursor must be a nextCursor returned by this endpoint for the same sort'] }]);
  }
}
