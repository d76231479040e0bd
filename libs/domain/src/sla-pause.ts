import { addBusinessMinutes, businessMinutesBetween } from './business-time/index.js';
import { slaCalendar, type SlaTargets } from './sla-clock.js';
import type { TicketDecision } from './ticket-decision.js';
import type { Ticket } from './ticket.js';

/**
 * Stops the resolution clock while the ticket waits for the customer and restarts it when the
 * wait ends, whoever ends it (a customer's reply, an agent, a closing): the resolution due time
 * moves by the working minutes the wait lasted, so a customer who takes three days to answer does
 * not breach the team's target. A clock that had already run out is not stopped. The write path
 * applies this to every decision, so no rule has to remember it.
 */
export function withSlaPause(ticket: Ticket, decision: TicketDecision, targets: SlaTargets, now: Date): TicketDecision {
  const next = decision.patch.status ?? ticket.status;
  if (ticket.slaPausedAt === null) {
    const starts = next === 'pending_customer' && ticket.status !== 'pending_customer';
    const running = ticket.resolutionDueAt !== null && ticket.resolutionDueAt.getTime() > now.getTime();
    if (!starts || !running || targets.pausesWhileWaitingForCustomer === false) return decision;
    return { ...decision, patch: { ...decision.patch, slaPausedAt: now } };
  }
  if (next === 'pending_customer') return decision;
  const patch = { ...decision.patch, slaPausedAt: null };
  if (decision.patch.resolutionDueAt === undefined && ticket.resolutionDueAt) {
    const calendar = slaCalendar(targets);
    const left = businessMinutesBetween(calendar, ticket.slaPausedAt, ticket.resolutionDueAt);
    if (left > 0) patch.resolutionDueAt = addBusinessMinutes(calendar, now, left);
  }
  return { ...decision, patch };
}
