import type { Ticket } from './ticket.js';

export type DeadlineFields = Pick<Ticket, 'status' | 'firstResponseDueAt' | 'nextUpdateDueAt' | 'resolutionDueAt' | 'slaPausedAt'>;

/**
 * The nearest SLA deadline whose clock runs in the ticket's status, the one the console's badge
 * counts down to: a new ticket waits for its first response and its resolution, an open one for its
 * next promised update and its resolution, a pending one for its resolution unless that clock stopped
 * for the customer's turn. Null when no clock runs (resolved, closed, stopped): such tickets come last
 * in the `due` order. A deadline already past still runs: that ticket is the most urgent of all.
 */
export function nearestRunningDeadline(ticket: DeadlineFields): Date | null {
  const running =
    ticket.status === 'new'
      ? [ticket.firstResponseDueAt, ticket.resolutionDueAt]
      : ticket.status === 'open'
        ? [ticket.nextUpdateDueAt, ticket.resolutionDueAt]
        : ticket.status === 'pending_customer' && ticket.slaPausedAt === null
          ? [ticket.resolutionDueAt]
          : [];
  return running.reduce<Date | null>((nearest, due) => (due !== null && (nearest === null || due < nearest) ? due : nearest), null);
}
