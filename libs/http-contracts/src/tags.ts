import type { TicketChange } from './tickets.js';

/** `PATCH /api/tickets/:id/tags`: tags are normalised (trimmed, Latin lower-cased); absent ones are not removed, present ones not added again. */
export interface TicketTagsChange {
  add?: string[];
  remove?: string[];
}

/** `GET /api/tags?prefix=`: tags in use on the agent's teams' tickets, most used first. */
export interface TagSuggestionList {
  items: Array<{ tag: string; uses: number }>;
}

export type TicketTagsChanged = TicketChange;
