export type BulkAction = 'reassign' | 'tag' | 'close_as_spam';

/** `POST /api/tickets/bulk` (supervisors): each ticket goes through its own rules. */
export interface BulkTicketRequest {
  action: BulkAction;
  ticketIds: string[];
  /** reassign */
  toAgentId?: string;
  reason?: string;
  /** tag */
  add?: string[];
  remove?: string[];
}

/** A ticket the action changed (`seq` its last event now), left as it was (`changed: false`), or refused with the problem. */
export type BulkTicketResult =
  | { ticketId: string; ok: true; changed: boolean; seq: number }
  | { ticketId: string; ok: false; problem: { type: string; title: string; status: number; detail: string } };

export interface BulkTicketAnswer {
  action: BulkAction;
  results: BulkTicketResult[];
  succeeded: number;
  failed: number;
}
