import { TransitionNotAllowed } from './domain-errors.js';
import { FirstResponderPolicy } from './ownership-policy.js';
import { agentActor } from './ticket.js';
import { ESCALATION_LEVELS } from './vocabulary.js';
/**
 * The owner asks for senior help. Escalation never moves ownership: it raises the level and adds the
 * team's seniors and supervisors as watchers; the first responder stays accountable.
 */
export function requestEscalation(ticket, owner, reason, watcherIds, ownerName) {
    FirstResponderPolicy.assertOwner(ticket, owner, 'escalate', ownerName);
    if (ticket.status === 'resolved' || ticket.status === 'closed') {
        throw new TransitionNotAllowed(ticket.status, ticket.status, `A ${ticket.status} ticket cannot be escalated.`);
    }
    const toLevel = Math.min(Math.max(ticket.escalationLevel, ESCALATION_LEVELS.warning) + 1, ESCALATION_LEVELS.critical);
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
//# sourceMappingURL=escalation-request.js.map