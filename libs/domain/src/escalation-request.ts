import { TransitionNotAllowed } from './domain-errors.js';
import { FirstResponderPolicy } from './ownership-policy.js';
import type { TicketDecision } from './ticket-decision.js';
import { agentActor, type ActingAgent, type Ticket } from './ticket.js';
import { ESCALATION_LEVELS, type EscalationLevel } from './vocabulary.js';

/**
 * The owner asks for senior help. Escalation never moves ownership: it raises the level and adds the
 * team's seniors and supervisors as watchers; the first responder stays accountable.
 */
export function requestEscalation(
  ticket: Ticket,
  owner: ActingAgent,
  reason: string,
  watcherIds: string[],
  ownerName: string | null,
): TicketDecision {
  FirstResponderPolicy.assertOwner(ticket, owner, 'escalate', ownerName);
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new TransitionNotAllowed(ticket.status, ticket.status, `A ${ticket.status} ticket cannot be escalated.`);
  }
  const toLevel = Math.min(
    Math.max(ticket.escalationLevel, ESCALATION_LEVELS.warning) + 1,
    ESCALATION_LEVELS.critical,
  ) as EscalationLevel;
  const newWatchers = watcherIds.filter((id) => id !== owner.id);
  return {
    patch: { escalationLevel: toLevel },
    events: [
      {
        type: 'escalation_requested',
        visibility: 'internal',
        actor: agentActor(owner),
        payload: { fromLevel: ticket.escalationLevel, toLevel, reason, watcherIds: newWatchers },
      },
    ],
    addWatcherIds: newWatchers,
  };
}
