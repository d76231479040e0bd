import { FirstResponderPolicy } from './ownership-policy.js';
import { nextUpdateDue, type SlaTargets } from './sla-clock.js';
import type { TicketDecision } from './ticket-decision.js';
import { agentActor, type ActingAgent, type Ticket } from './ticket.js';
import { handToPerson } from './knowledge-base/standard-question-bot.js';

/**
 * The claim itself: owner and first responder become the agent, the first response is now.
 * Storage must apply it with `WHERE owner_id IS NULL` so that exactly one concurrent claim wins.
 */
export function claimTicket(
  ticket: Ticket,
  agent: ActingAgent,
  now: Date,
  sla: SlaTargets,
  via: 'claim' | 'reply' = 'claim',
  currentOwnerName: string | null = null,
): TicketDecision {
  FirstResponderPolicy.assertClaimable(ticket, currentOwnerName);
  // A claim ends the bot's hold (search, a direct link): ownership is the claim's, exactly as always.
  const handover = handToPerson(ticket, 'claimed', agentActor(agent), now);
  const claimed: TicketDecision = {
    patch: {
      ownerId: agent.id,
      firstResponderId: agent.id,
      firstResponseAt: now,
      status: 'open',
      offeredToId: null,
      lastCustomerVisibleUpdateAt: now,
      nextUpdateDueAt: nextUpdateDue(sla, now),
    },
    events: [
      {
        type: 'claimed',
        visibility: 'public',
        actor: agentActor(agent),
        payload: { ownerId: agent.id, ownerName: agent.name, via },
      },
    ],
  };
  if (handover) {
    claimed.patch = { ...claimed.patch, ...handover.patch };
    claimed.events.push(...handover.events);
  }
  return claimed;
}
