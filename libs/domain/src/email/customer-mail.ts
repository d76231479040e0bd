import { handToPerson } from '../knowledge-base/standard-question-bot.js';
import { isWithinReopenWindow, type ResolutionWindows } from '../resolution-windows.js';
import { nextUpdateDue, type SlaTargets } from '../sla-clock.js';
import type { TicketDecision } from '../ticket-decision.js';
import type { Actor, Ticket } from '../ticket.js';
import type { CustomerIdentity } from '../customer-acts.js';
import type { TakenInBy } from '../ticket-events.js';
import { withAttachments, withFilesNotAttached, type AttachmentRef, type FileNotAttached } from '../attachments/attachment-ref.js';

export interface CustomerMail {
  messageId: string;
  body: string;
  /** The sender's address as the mail gave it. */
  from: string;
  /** DMARC (or aligned DKIM) passed, or gave no verdict against it: the mail comes from that address. */
  verified: boolean;
  /** From someone the customer copied on the ticket (not the customer): shown as theirs, and it reopens nothing. */
  copiedPerson?: boolean;
  /** The mail's files that were accepted (checked before the rule runs). */
  attachments?: AttachmentRef[];
  /** The mail's files that were refused (the customer is told which, and why). */
  filesNotAttached?: FileNotAttached[];
  /** The mail was held back, and this supervisor took it in. */
  takenInBy?: TakenInBy;
}

/**
 * Where a mail that threads onto a ticket goes: onto that ticket, or, when the ticket is past
 * reopening (closed, or resolved longer ago than the reopen window), into a new ticket linked to it
 * as a repeat contact, as a web customer writing again would.
 */
export function mailContinuesTicket(ticket: Pick<Ticket, 'status' | 'resolvedAt'>, now: Date, windows: ResolutionWindows): boolean {
  if (ticket.status === 'closed') return false;
  if (ticket.status === 'resolved') return isWithinReopenWindow(ticket, now, windows);
  return true;
}

/**
 * A customer's mail on their ticket. A verified one acts as the customer would on the tracking
 * page: it reopens a resolved ticket within the window (same owner, counted) and returns a ticket
 * waiting for the customer to its owner. An unverified one (claims the customer's address but fails
 * DMARC) is only recorded, marked so, for the owner to judge: it changes nothing on its own, not
 * even the bot's hold.
 */
export function receiveCustomerMail(
  ticket: Ticket,
  customer: CustomerIdentity,
  mail: CustomerMail,
  now: Date,
  sla: SlaTargets,
  windows: ResolutionWindows,
): TicketDecision {
  const actor: Actor = { type: 'customer', id: customer.id, name: customer.name };
  const decision: TicketDecision = {
    patch: {},
    events: [],
    message: { id: mail.messageId, visibility: 'public', body: mail.body, authorType: 'customer', authorId: customer.id, channel: 'email' },
  };
  const replied = {
    type: 'customer_replied' as const,
    visibility: 'public' as const,
    actor,
    payload: {
      messageId: mail.messageId,
      body: mail.body,
      ...withAttachments(mail.attachments),
      channel: 'email' as const,
      from: mail.from,
      ...(mail.verified ? {} : { unverified: true }),
      ...(mail.verified && mail.copiedPerson ? { copiedPerson: true } : {}),
      ...withFilesNotAttached(mail.filesNotAttached),
      ...(mail.takenInBy ? { takenInBy: mail.takenInBy } : {}),
    },
  };
  // A colleague the customer copied answering "thanks" to the resolution must not reopen the customer's issue.
  if (mail.verified && !mail.copiedPerson && ticket.status === 'resolved' && isWithinReopenWindow(ticket, now, windows)) {
    const reopenCount = ticket.reopenCount + 1;
    // A bot-resolved ticket has no owner to go back to: the team queue gets it as a new ticket.
    decision.patch = { status: ticket.ownerId === null ? 'new' : 'open', resolvedAt: null, resolution: null, reopenCount, nextUpdateDueAt: nextUpdateDue(sla, now) };
    decision.events.push({ type: 'reopened', visibility: 'public', actor, payload: { from: 'resolved', reopenCount } });
  } else if (mail.verified && ticket.status === 'pending_customer') {
    decision.patch = { status: 'open', nextUpdateDueAt: nextUpdateDue(sla, now) };
    decision.events.push({ type: 'status_changed', visibility: 'public', actor, payload: { from: 'pending_customer', to: 'open' } });
  }
  decision.events.push(replied);
  // A mail while the bot holds the ticket hands it to a person, as a reply on the tracking page does;
  // an unverified one does not (it may be anyone's), and the hold ends by itself.
  const handover = mail.verified ? handToPerson(ticket, 'replied', actor, now) : null;
  if (handover) {
    decision.patch = { ...decision.patch, ...handover.patch };
    decision.events.push(...handover.events);
  }
  return decision;
}
