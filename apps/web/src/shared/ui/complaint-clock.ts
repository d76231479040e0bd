import type { TicketView } from '@firsthand/http-contracts';

export type ComplaintFields = Pick<TicketView, 'kind' | 'status' | 'sla'>;

/**
 * A complaint's 24-hour clock: null for other kinds; `leftMs` null once it no longer runs (resolved,
 * closed), negative when over; while it is paused for the customer, `paused` and the time left when it stopped.
 */
export function complaintClock(ticket: ComplaintFields, now: number): { leftMs: number | null; paused?: true } | null {
  if (ticket.kind !== 'complaint') return null;
  const running = ticket.status === 'new' || ticket.status === 'open' || ticket.status === 'pending_customer';
  if (!running || !ticket.sla.resolutionDueAt) return { leftMs: null };
  const pausedAt = ticket.status === 'pending_customer' && ticket.sla.resolutionPausedAt ? Date.parse(ticket.sla.resolutionPausedAt) : null;
  if (pausedAt !== null) return { leftMs: Math.max(0, Date.parse(ticket.sla.resolutionDueAt) - pausedAt), paused: true };
  return { leftMs: Date.parse(ticket.sla.resolutionDueAt) - now };
}
