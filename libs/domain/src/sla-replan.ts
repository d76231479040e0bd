import { initialDueTimes, plannedTargetsOf, ticketTargets, type SlaTargets } from './sla-clock.js';
import type { TicketDecision } from './ticket-decision.js';
import { SYSTEM, type Ticket } from './ticket.js';

const REPLANNED_STATUSES: ReadonlySet<Ticket['status']> = new Set(['new', 'open', 'pending_customer']);

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;
const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/**
 * A calendar a ticket's clocks run on changed (its hours or holidays, or the team or policy now
 * names another): the targets it has not met are planned again from its creation on the calendar
 * as it is now, keeping the waits for the customer it already had. The first response only while
 * nobody answered; the promised next update stays as promised to the customer. Null when nothing
 * moves (so running it twice changes nothing) or the ticket is no longer worked on.
 *
 * `current` is the policy of the ticket's priority and tier now; only its calendars count. The
 * minutes are the ones the ticket was planned with: a policy changed since applies to tickets opened
 * after it, and a priority raised by the critical stage does not shorten the clocks. A ticket
 * planned before tickets kept their targets takes the policy's, and keeps them from here on.
 */
export function replanSlaClocks(ticket: Ticket, current: SlaTargets, reason: string): TicketDecision | null {
  if (!REPLANNED_STATUSES.has(ticket.status)) return null;
  const targets = ticketTargets(ticket, current);
  const due = initialDueTimes(ticket.kind, targets, ticket.createdAt, ticket.slaPausedMinutes);
  const firstResponseDueAt = ticket.firstResponseAt === null ? due.firstResponseDueAt : ticket.firstResponseDueAt;
  const resolutionDueAt = ticket.resolutionDueAt === null ? null : due.resolutionDueAt;
  if (same(firstResponseDueAt, ticket.firstResponseDueAt) && same(resolutionDueAt, ticket.resolutionDueAt)) return null;
  return {
    patch: { firstResponseDueAt, resolutionDueAt, ...(ticket.plannedTargets ? {} : { plannedTargets: plannedTargetsOf(targets) }) },
    events: [
      {
        type: 'sla_replanned',
        visibility: 'internal',
        actor: SYSTEM,
        payload: {
          reason: reason.slice(0, 500),
          firstResponseDueAt: { from: iso(ticket.firstResponseDueAt), to: iso(firstResponseDueAt) },
          resolutionDueAt: { from: iso(ticket.resolutionDueAt), to: iso(resolutionDueAt) },
        },
      },
    ],
  };
}
