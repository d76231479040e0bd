import { addBusinessMinutes, ALWAYS_OPEN_UTC, businessMinutesBetween } from './business-time/index.js';
import { slaCalendar, ticketTargets, type SlaTargets } from './sla-clock.js';
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
  const calendar = slaCalendar(targets);
  const waited = Math.max(0, businessMinutesBetween(calendar, ticket.slaPausedAt, now));
  const patch = { ...decision.patch, slaPausedAt: null, slaPausedMinutes: ticket.slaPausedMinutes + waited };
  if (decision.patch.resolutionDueAt === undefined && ticket.resolutionDueAt) {
    const clock = resolutionClockOf(ticket, targets);
    const left = businessMinutesBetween(clock, ticket.slaPausedAt, ticket.resolutionDueAt);
    if (left > 0) patch.resolutionDueAt = addBusinessMinutes(clock, now, left);
  }
  return { ...decision, patch };
}

/**
 * The calendar the resolution due time runs on: the SLA's, except for a complaint held to its
 * 24-hour cap (due before the target it was planned with would be), which runs on the cap's calendar
 * (24×7 unless set). Moved on the team's hours, a capped complaint's clock stood still every night
 * and weekend after a wait.
 */
function resolutionClockOf(ticket: Ticket, targets: SlaTargets) {
  const calendar = slaCalendar(targets);
  if (ticket.kind !== 'complaint' || !ticket.resolutionDueAt) return calendar;
  const policyDue = addBusinessMinutes(calendar, ticket.createdAt, ticketTargets(ticket, targets).resolutionMinutes + ticket.slaPausedMinutes);
  return ticket.resolutionDueAt < policyDue ? (targets.complaintCapCalendar ?? ALWAYS_OPEN_UTC) : calendar;
}
