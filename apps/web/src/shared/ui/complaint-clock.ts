import type { TicketView } from '@firsthand/http-contracts';

export type ComplaintFields = Pick<TicketView, 'kind' | 'status' | 'sla'>;

/** A complaint's 24-hour clock: null for other kinds; `leftMs` null once it no longer runs (resolved, closed), negative when over. */
export function complaintClock(ticket: ComplaintFields, now: number): { leftMs: number | null } | null {
  if (ticket.kind !== 'complaint') return null;
  const running = ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending_customer';
  return { leftMs: running && ticket.sla.resolutionDueAt ? Date.parse(ticket.sla.resolutionDueAt) - now : null };
}
