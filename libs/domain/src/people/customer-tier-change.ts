import { initialDueTimes, type PlannedSlaTargets, type SlaTargets } from '../sla-clock.js';
import type { TicketDecision } from '../ticket-decision.js';
import type { Actor, Ticket } from '../ticket.js';
import type { CustomerTier, TicketStatus } from '../vocabulary.js';

/** Tickets still being worked on follow their customer's tier; resolved and closed ones keep the tier they were served under. */
export const TIER_FOLLOWING_STATUSES: readonly TicketStatus[] = ['new', 'open', 'pending_customer'];

export function followsCustomerTier(ticket: Pick<Ticket, 'status'>): boolean {
  return TIER_FOLLOWING_STATUSES.includes(ticket.status);
}

const iso = (at: Date | null): string | null => at?.toISOString() ?? null;

/**
 * A supervisor changed the customer's tier. An open ticket takes the new tier, and the targets it
 * has not met yet are re-planned from its creation under the new tier's policy (the first response
 * only while nobody answered; the resolution always, complaints still within 24 hours), as if it had
 * been opened under that tier, keeping the time it already spent waiting for the customer. A due time that has already passed under the new targets is acted on
 * by the SLA timers at once. The ticket keeps the new targets for later re-plans (a met first
 * response keeps the target it was planned with). Resolved and closed tickets, and tickets already
 * on the new tier, are left alone (null).
 */
export function changeTicketTier(ticket: Ticket, to: CustomerTier, targets: SlaTargets, actor: Actor): TicketDecision | null {
  if (!followsCustomerTier(ticket) || ticket.tier === to) return null;
  // The waits for the customer it already had still count for nothing, as on every re-plan.
  const due = initialDueTimes(ticket.kind, targets, ticket.createdAt, ticket.slaPausedMinutes);
  const answered = ticket.firstResponseAt !== null;
  const firstResponseDueAt = answered ? ticket.firstResponseDueAt : due.firstResponseDueAt;
  const plannedTargets: PlannedSlaTargets = {
    firstResponseMinutes: answered && ticket.plannedTargets ? ticket.plannedTargets.firstResponseMinutes : targets.firstResponseMinutes,
    resolutionMinutes: targets.resolutionMinutes,
  };
  return {
    patch: { tier: to, firstResponseDueAt, resolutionDueAt: due.resolutionDueAt, plannedTargets },
    events: [
      {
        type: 'customer_tier_changed',
        visibility: 'internal',
        actor,
        payload: {
          customerId: ticket.customerId,
          from: ticket.tier,
          to,
          firstResponseDueAt: { from: iso(ticket.firstResponseDueAt), to: iso(firstResponseDueAt) },
          resolutionDueAt: { from: iso(ticket.resolutionDueAt), to: iso(due.resolutionDueAt) },
        },
      },
    ],
  };
}
