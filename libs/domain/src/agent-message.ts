import { TransitionNotAllowed } from './domain-errors.js';
import { FirstResponderPolicy } from './ownership-policy.js';
import { nextUpdateDue, type SlaTargets } from './sla-clock.js';
import { guardAgainstStaleView } from './stale-view-guard.js';
import { withAttachments, type AttachmentRef } from './attachments/attachment-ref.js';
import type { TicketDecision } from './ticket-decision.js';
import type { TicketEvent } from './ticket-events.js';
import { agentActor, type ActingAgent, type Ticket } from './ticket.js';
import type { Visibility } from './vocabulary.js';

export interface AgentMessageInput {
  messageId: string;
  body: string;
  visibility: Visibility;
  expectedSeq?: number;
  /** Files already uploaded and checked; their refs travel in the event so timelines can list them. */
  attachments?: AttachmentRef[];
}

/**
 * An internal note is open to any agent who can see the ticket (consulting without taking over).
 * A public reply is the owner's; on an unowned ticket the replier claims it through
 * `claimTicket` first, so this decision only ever sees an owned ticket for public replies.
 */
export function postAgentMessage(
  ticket: Ticket,
  agent: ActingAgent,
  input: AgentMessageInput,
  context: { now: Date; sla: SlaTargets; ownerName: string | null; eventsAfterExpected: TicketEvent[] },
): TicketDecision {
  const { now, sla } = context;
  const message = {
    id: input.messageId,
    visibility: input.visibility,
    body: input.body,
    authorType: 'agent' as const,
    authorId: agent.id,
  };
  if (input.visibility === 'internal') {
    if (ticket.status === 'closed') throw new TransitionNotAllowed('closed', 'closed', 'A closed ticket takes no more notes.');
    return {
      patch: {},
      events: [
        { type: 'internal_note_added', visibility: 'internal', actor: agentActor(agent), payload: { messageId: message.id, body: message.body, ...withAttachments(input.attachments) } },
      ],
      message,
    };
  }
  FirstResponderPolicy.assertOwner(ticket, agent, 'reply to the customer', context.ownerName);
  if (ticket.status === 'resolved' || ticket.status === 'closed') {
    throw new TransitionNotAllowed(ticket.status, ticket.status, `A ${ticket.status} ticket takes no public replies.`);
  }
  guardAgainstStaleView(input.expectedSeq, ticket.lastSeq, context.eventsAfterExpected);
  return {
    patch: {
      // An assigned (not claimed) ticket gets its first responder at the owner's first answer.
      ...(ticket.firstResponderId === null ? { firstResponderId: agent.id, firstResponseAt: now } : {}),
      lastCustomerVisibleUpdateAt: now,
      nextUpdateDueAt: ticket.status === 'pending_customer' ? null : nextUpdateDue(sla, now),
    },
    events: [
      { type: 'agent_replied', visibility: 'public', actor: agentActor(agent), payload: { messageId: message.id, body: message.body, ...withAttachments(input.attachments) } },
    ],
    message,
  };
}

/** The decision of a public reply that claimed the ticket just before, in the same transaction: its reply says so. */
export function asClaimingReply(decision: TicketDecision): TicketDecision {
  return {
    ...decision,
    events: decision.events.map((event) => (event.type === 'agent_replied' ? { ...event, payload: { ...event.payload, claimedTicket: true } } : event)),
  };
}

