import { HandoffConflict, InvalidAssignee, TransitionNotAllowed } from './domain-errors.js';
import { handToPerson } from './knowledge-base/standard-question-bot.js';
import { FirstResponderPolicy } from './ownership-policy.js';
import type { TicketDecision } from './ticket-decision.js';
import { agentActor, type ActingAgent, type Ticket } from './ticket.js';
import { takesTickets, type AgentRole } from './vocabulary.js';

/** The agent a ticket is handed or reassigned to, as storage found them. */
export interface Assignee {
  id: string;
  name: string;
  active: boolean;
  role: AgentRole;
}

function assertOpenForOwnershipChange(ticket: Ticket): void {
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new TransitionNotAllowed(ticket.status, ticket.status, `A ${ticket.status} ticket keeps its owner.`);
  }
}

function assertAssignable(to: Assignee | null): asserts to is Assignee {
  if (!to) throw new InvalidAssignee('No such agent.');
  if (!to.active) throw new InvalidAssignee(`${to.name} is disabled and cannot own tickets.`);
  if (!takesTickets(to.role)) throw new InvalidAssignee(`${to.name} oversees the queue (${to.role}): supervisors and admins are not handed tickets.`);
}

/** Ownership moves only when the other agent accepts: until then the proposer still owns it. */
export function proposeHandoff(
  ticket: Ticket,
  owner: ActingAgent,
  to: Assignee | null,
  note: string,
  ownerName: string | null,
): TicketDecision {
  FirstResponderPolicy.assertOwner(ticket, owner, 'hand the ticket off', ownerName);
  assertOpenForOwnershipChange(ticket);
  assertAssignable(to);
  if (to.id === owner.id) throw new InvalidAssignee('You already own this ticket.');
  if (ticket.pendingHandoffToId) {
    throw new HandoffConflict('handoff-waiting', ticket.pendingHandoffToId);
  }
  return {
    patch: { pendingHandoffToId: to.id, handoffNote: note },
    events: [
      {
        type: 'handoff_proposed',
        visibility: 'internal',
        actor: agentActor(owner),
        payload: { fromAgentId: owner.id, toAgentId: to.id, toAgentName: to.name, note },
      },
    ],
  };
}

export function acceptHandoff(ticket: Ticket, agent: ActingAgent, now: Date): TicketDecision {
  if (ticket.pendingHandoffToId !== agent.id) {
    throw new HandoffConflict('no-handoff-to-you', ticket.pendingHandoffToId);
  }
  assertOpenForOwnershipChange(ticket);
  return {
    patch: { ownerId: agent.id, pendingHandoffToId: null, handoffNote: null, transferCount: ticket.transferCount + 1, lastCustomerVisibleUpdateAt: now },
    events: [
      {
        type: 'handoff_accepted',
        visibility: 'public',
        actor: agentActor(agent),
        payload: { fromAgentId: ticket.ownerId ?? '', toAgentId: agent.id, toAgentName: agent.name },
      },
    ],
  };
}

/** The proposed agent declines, or the owner withdraws the proposal; ownership stays. */
export function declineHandoff(ticket: Ticket, agent: ActingAgent): TicketDecision {
  const pendingTo = ticket.pendingHandoffToId;
  const withdrawn = agent.id === ticket.ownerId;
  if (!pendingTo || (pendingTo !== agent.id && !withdrawn)) {
    throw new HandoffConflict('no-handoff-to-you', pendingTo);
  }
  return {
    patch: { pendingHandoffToId: null, handoffNote: null },
    events: [
      {
        type: 'handoff_declined',
        visibility: 'internal',
        actor: agentActor(agent),
        payload: { fromAgentId: ticket.ownerId ?? '', toAgentId: pendingTo, withdrawn },
      },
    ],
  };
}

/**
 * A supervisor moves ownership at once, with a reason, when the owner cannot continue. An unowned
 * ticket may be assigned this way too; the assignee becomes its first responder only when they
 * first answer the customer, so the first-response clock stays honest.
 */
export function reassignTicket(
  ticket: Ticket,
  supervisor: ActingAgent,
  to: Assignee | null,
  reason: string,
  now: Date,
): TicketDecision {
  FirstResponderPolicy.assertSupervisor(supervisor, 'reassign a ticket');
  assertOpenForOwnershipChange(ticket);
  assertAssignable(to);
  if (ticket.ownerId === to.id) throw new InvalidAssignee(`${to.name} already owns this ticket.`);
  const actor = agentActor(supervisor);
  // A ticket the bot holds is handed to the person it is given to, as a claim would hand it.
  const fromBot = handToPerson(ticket, 'claimed', actor, now);
  return {
    patch: {
      ...fromBot?.patch,
      ownerId: to.id,
      ...(ticket.status === 'new' ? { status: 'open' as const } : {}),
      pendingHandoffToId: null,
      handoffNote: null,
      offeredToId: null,
      transferCount: ticket.ownerId ? ticket.transferCount + 1 : ticket.transferCount,
      lastCustomerVisibleUpdateAt: now,
    },
    events: [
      ...(fromBot?.events ?? []),
      {
        type: 'reassigned',
        visibility: 'public',
        actor,
        payload: { fromAgentId: ticket.ownerId, toAgentId: to.id, toAgentName: to.name, reason },
      },
    ],
  };
}
