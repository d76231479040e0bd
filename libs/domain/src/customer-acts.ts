import { withAttachments, type AttachmentRef } from './attachments/attachment-ref.js';
import { ReopenWindowClosed, TicketAlreadyRated, TransitionNotAllowed } from './domain-errors.js';
import { isWithinReopenWindow, reopenWindowEndsAt, type ResolutionWindows } from './resolution-windows.js';
import { initialDueTimes, nextUpdateDue, plannedTargetsOf, type SlaTargets } from './sla-clock.js';
import type { TicketDecision } from './ticket-decision.js';
import type { Actor, Ticket, TicketPatch } from './ticket.js';
import { handToPerson } from './knowledge-base/standard-question-bot.js';
import { SPAM_RESOLUTION } from './tags/close-as-spam.js';

export interface CustomerIdentity {
  id: string;
  name: string;
}

function customerActor(customer: CustomerIdentity): Actor {
  return { type: 'customer', id: customer.id, name: customer.name };
}

/**
 * A customer's reply on a ticket waiting for them puts it back in the owner's hands. A reply on a
 * resolved ticket within the reopen window reopens it (as "Reopen my issue" would) and then records
 * the reply; past the window, or on a closed ticket, it is refused with the way forward (a new
 * issue, linked to this one as a repeat contact).
 */
export function receiveCustomerReply(
  ticket: Ticket,
  customer: CustomerIdentity,
  messageId: string,
  body: string,
  now: Date,
  sla: SlaTargets,
  windows: ResolutionWindows,
  attachments: AttachmentRef[] = [],
): TicketDecision {
  if (ticket.status === 'closed') throw new TransitionNotAllowed('closed', 'open', 'This issue is closed; open a new one.');
  const reopening = ticket.status === 'resolved' ? reopenByCustomer(ticket, customer, now, sla, windows) : null;
  const actor = customerActor(customer);
  const decision: TicketDecision = {
    patch: reopening?.patch ?? {},
    events: [...(reopening?.events ?? []), { type: 'customer_replied', visibility: 'public', actor, payload: { messageId, body, ...withAttachments(attachments) } }],
    message: { id: messageId, visibility: 'public', body, authorType: 'customer', authorId: customer.id },
  };
  if (ticket.status === 'pending_customer') {
    decision.patch = { status: 'open', nextUpdateDueAt: nextUpdateDue(sla, now) };
    decision.events.push({ type: 'status_changed', visibility: 'public', actor, payload: { from: 'pending_customer', to: 'open' } });
  }
  // Writing back while the bot holds the ticket means the automatic answer was not enough: a person takes it.
  const handover = handToPerson(ticket, 'replied', actor, now);
  if (handover) {
    decision.patch = { ...decision.patch, ...handover.patch };
    decision.events.push(...handover.events);
  }
  return decision;
}

/** Reopening goes back to the same owner, and is counted. */
export function reopenByCustomer(
  ticket: Ticket,
  customer: CustomerIdentity,
  now: Date,
  sla: SlaTargets,
  windows: ResolutionWindows,
): TicketDecision {
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw new TransitionNotAllowed(ticket.status, 'open', 'Only a resolved issue can be reopened.');
  }
  if (!isWithinReopenWindow(ticket, now, windows)) throw new ReopenWindowClosed(reopenWindowEndsAt(ticket, windows));
  // A bot-resolved ticket has nobody to go back to: it returns to the team queue as a new ticket.
  const status = ticket.ownerId === null ? 'new' : 'open';
  return {
    patch: {
      status,
      resolvedAt: null,
      resolution: null,
      reopenCount: ticket.reopenCount + 1,
      nextUpdateDueAt: nextUpdateDue(sla, now),
      ...(ticket.botOutcome === 'resolved' && ticket.ownerId === null ? backFromTheBot(ticket, sla, now) : {}),
    },
    events: [{ type: 'reopened', visibility: 'public', actor: customerActor(customer), payload: { from: ticket.status, reopenCount: ticket.reopenCount + 1 } }],
  };
}

export function rateResolution(ticket: Ticket, customer: CustomerIdentity, rating: number, comment: string | null): TicketDecision {
  if (ticket.status !== 'resolved' && ticket.status !== 'closed') {
    throw new TransitionNotAllowed(ticket.status, ticket.status, 'An issue can be rated once it is resolved.');
  }
  // Closed as spam: no service to rate (and the rate must not move). The sender is not told the verdict.
  if (ticket.resolution === SPAM_RESOLUTION) throw new TransitionNotAllowed(ticket.status, ticket.status, 'This issue cannot be rated.');
  if (ticket.csatRating !== null) throw new TicketAlreadyRated();
  return {
    patch: { csatRating: rating, csatComment: comment },
    events: [{ type: 'rated', visibility: 'public', actor: customerActor(customer), payload: { rating, comment } }],
  };
}

/**
 * "This solved it", taken back: the bot did not solve it after all, and the customer wants a person.
 * The bot's figures count it as handed over at the customer's asking, not as solved; and since no
 * person had the issue before, its first-response and resolution clocks start now, as for a new
 * contact (counted from the opening they would all be due already, and the ticket would escalate
 * to the top at once, against whoever takes it), on the policy as it is now.
 */
function backFromTheBot(ticket: Ticket, sla: SlaTargets, now: Date): Pick<TicketPatch, 'botOutcome' | 'firstResponseDueAt' | 'resolutionDueAt' | 'plannedTargets'> {
  return { botOutcome: 'asked', ...initialDueTimes(ticket.kind, sla, now), plannedTargets: plannedTargetsOf(sla) };
}
