import type { SearchFilters, SearchSort } from '@firsthand/http-contracts';

/** What the search box and its filters hold: the text, one choice per filter ('' = any), the order. */
export interface SearchState {
  q: string;
  status: string;
  priority: string;
  tier: string;
  channel: string;
  kind: string;
  owner: string;
  breaching: boolean;
  sort: SearchSort | '';
}

export const EMPTY_SEARCH: SearchState = { q: '', status: '', priority: '', tier: '', channel: '', kind: '', owner: '', breaching: false, sort: '' };

/** Whether there is anything to search for: text or at least one filter. */
export function isActive(state: SearchState): boolean {
  return state.q.trim() !== '' || toFilters(state) !== null;
}

/** The filters as a saved view stores them; null when none is set. */
export function toFilters(state: SearchState): SearchFilters | null {
  const filters: SearchFilters = {};
  if (state.status) filters.status = state.status.split(',') as SearchFilters['status'];
  if (state.priority) filters.priority = [state.priority] as SearchFilters['priority'];
  if (state.tier) filters.tier = [state.tier] as SearchFilters['tier'];
  if (state.channel) filters.channel = [state.channel] as SearchFilters['channel'];
  if (state.kind) filters.kind = [state.kind] as SearchFilters['kind'];
  if (state.owner) filters.owner = state.owner;
  if (state.breaching) filters.breaching = true;
  return Object.keys(filters).length ? filters : null;
}

/** A saved view's query and filters in the form's terms (a list filter shows its first value when it has several). */
export function fromView(q: string | null, filters: SearchFilters, sort: SearchSort): SearchState {
  return {
    q: q ?? '',
    status: filters.status?.join(',') ?? '',
    priority: filters.priority?.[0] ?? '',
    tier: filters.tier?.[0] ?? '',
    channel: filters.channel?.[0] ?? '',
    kind: filters.kind?.[0] ?? '',
    owner: filters.owner ?? '',
    breaching: filters.breaching ?? false,
    sort,
  };
}

/** The query string of `GET /api/search`, for a view's full filters or the form's. */
export function searchQueryString(q: string, filters: SearchFilters, sort: SearchSort | '', cursor?: string | null, limit = 20): string {
  const params = new URLSearchParams();
  if (q.trim()) params.set('q', q.trim());
  const lists: Array<keyof SearchFilters> = ['status', 'priority', 'tier', 'channel', 'kind', 'tags'];
  for (const key of lists) {
    const value = filters[key] as string[] | undefined;
    if (value?.length) params.set(key, value.join(','));
  }
  if (filters.owner) params.set('ownerId', filters.owner);
  if (filters.team) params.set('teamId', filters.team);
  if (filters.from) params.set('from', filters.from);
  if (filters.to) params.set('to', filters.to);
  if (filters.breaching) params.set('breaching', 'true');
  if (sort) params.set('sort', sort);
  params.set('limit', String(limit));
  if (cursor) params.set('cursor', cursor);
  return params.toString();
}

/** Splits a highlight into plain and marked pieces, in order; marks outside the text are clipped. */
export function markedPieces(text: string, marks: ReadonlyArray<{ start: number; end: number }>): Array<{ text: string; marked: boolean }> {
  const pieces: Array<{ text: string; marked: boolean }> = [];
  let at = 0;
  for (const { start, end } of [...marks].sort((a, b) => a.start - b.start)) {
    const s = Math.max(at, Math.min(start, text.length));
    const e = Math.max(s, Math.min(end, text.length));
    if (s > at) pieces.push({ text: text.slice(at, s), marked: false });
    if (e > s) pieces.push({ text: text.slice(s, e), marked: true });
    at = e;
  }
  if (at < text.length) pieces.push({ text: text.slice(at), marked: false });
  return pieces;
}
