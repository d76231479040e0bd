import { NotTicketOwner, RoleRequired, TicketOwnedByAnother, TransitionNotAllowed } from './domain-errors.js';
import type { ActingAgent, Ticket } from './ticket.js';
import { isSupervisorRole } from './vocabulary.js';

/**
 * First-responder ownership: whoever first claims or publicly answers a ticket owns it, and while
 * it is owned only the owner speaks for it.
 */
export const FirstResponderPolicy = {
  /** The agent's claim of a ticket it already owns asks for nothing new: answered as done, not as lost (a retried or double-clicked claim). */
  isClaimedBy(ticket: Ticket, agent: ActingAgent): boolean {
    return ticket.ownerId === agent.id;
  },

  /** Throws unless `agent` may become the owner of this unowned ticket now. */
  assertClaimable(ticket: Ticket, ownerName: string | null): void {
    if (ticket.ownerId !== null) throw new TicketOwnedByAnother(ticket.ownerId, ownerName ?? 'another agent');
    if (ticket.status !== 'new') {
      throw new TransitionNotAllowed(ticket.status, 'open', `A ${ticket.status} ticket cannot be claimed.`);
    }
  },

  /** Throws unless `agent` owns the ticket; `action` completes "Only the owner may ...". */
  assertOwner(ticket: Ticket, agent: ActingAgent, action: string, ownerName: string | null): void {
    if (ticket.ownerId !== agent.id) throw new NotTicketOwner(action, ticket.ownerId, ownerName);
  },

  assertSupervisor(agent: ActingAgent, action: string): void {
    if (!isSupervisorRole(agent.role)) throw new RoleRequired(['supervisor', 'admin'], action);
  },
};
