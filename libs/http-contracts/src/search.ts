import type { Channel, CustomerTier, Priority, SavedViewPreset, TicketKind, TicketStatus } from '@firsthand/domain';
import type { TicketView } from './tickets.js';

/** Filters of the search and of saved views; every one also works without a query. */
export interface SearchFilters {
  status?: TicketStatus[];
  /** 'me', 'unowned' or an agent id. */
  owner?: string;
  team?: string;
  /** Tickets carrying all of these tags. */
  tags?: string[];
  priority?: Priority[];
  tier?: CustomerTier[];
  channel?: Channel[];
  kind?: TicketKind[];
  /** Created at or after (ISO date-time). */
  from?: string;
  /** Created before (ISO date-time). */
  to?: string;
  /** Only unresolved tickets past an SLA target. */
  breaching?: boolean;
}

export type SearchSort = 'relevance' | 'newest' | 'oldest';

export type SearchField = 'code' | 'subject' | 'description' | 'customer' | 'email' | 'phone' | 'message' | 'internal_note';

/** A fragment of a field with the ranges that matched (UTF-16 offsets into `text`, end exclusive). Plain text: render the marks, never as HTML. */
export interface SearchHighlight {
  field: SearchField;
  text: string;
  marks: Array<{ start: number; end: number }>;
  truncatedStart: boolean;
  truncatedEnd: boolean;
}

export interface SearchHit {
  ticket: TicketView;
  /** code: the ticket code itself; contact: the customer's email or phone itself; partial: part of a code, email, phone or name; words: the text; filter: no query. */
  match: 'code' | 'contact' | 'partial' | 'words' | 'filter';
  highlights: SearchHighlight[];
}

export interface SearchPage {
  items: SearchHit[];
  nextCursor: string | null;
}

export type SavedViewScope = 'personal' | 'team';

export interface SavedView {
  id: string;
  name: string;
  /** Made from a preset (the demo's team views) and not renamed since: the console names it in the reader's language. */
  preset: SavedViewPreset | null;
  scope: SavedViewScope;
  /** The team a team view is shared with; null for a personal view. */
  teamId: string | null;
  createdBy: { id: string; name: string };
  q: string | null;
  filters: SearchFilters;
  sort: SearchSort;
  /** Whether the caller may rename, change or delete it. */
  mayChange: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface SavedViewList {
  items: SavedView[];
}

export interface SaveViewRequest {
  name: string;
  scope: SavedViewScope;
  /** For a team view: the team (an agent's own team unless a supervisor); defaults to the caller's team. */
  teamId?: string;
  q?: string | null;
  filters?: SearchFilters;
  sort?: SearchSort;
}

export interface SavedViewCount {
  id: string;
  /** Matching tickets the caller may see, counted up to `cap`. */
  count: number;
  /** True when there are more than `count`. */
  capped: boolean;
}

export interface SavedViewCounts {
  items: SavedViewCount[];
}
