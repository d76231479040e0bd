import type { TicketEvent } from './ticket-events.js';
import type { Ticket } from './ticket.js';

/** What a customer is told, in their locale, after a change they can see. */
export const CUSTOMER_PROGRESS_KINDS = ['received', 'automatic_answer', 'claimed', 'agent_replied', 'pending_customer', 'resolved', 'reopened', 'next_update', 'closed', 'files_not_attached'] as const;
export type CustomerProgressKind = (typeof CUSTOMER_PROGRESS_KINDS)[number];

/** What an agent is told (email and the live stream). */
export const AGENT_NOTICE_KINDS = [
  'sla_warning',
  'sla_escalated',
  'update_reminder',
  'customer_replied',
  'handoff_proposed',
  'handoff_withdrawn',
  'handoff_declined',
  'reassigned',
  'repeat_contact',
  'reopened',
  'escalation_requested',
] as const;
export type AgentNoticeKind = (typeof AGENT_NOTICE_KINDS)[number];

export type NoticeTicket = Pick<Ticket, 'ownerId' | 'nextUpdateDueAt'> & Partial<Pick<Ticket, 'botOutcome'>>;

/**
 * Every customer-visible change is followed by a progress message; a new issue is acknowledged with
 * its first-response promise, a change of owner is told as "X is now handling your issue", and a
 * customer's own reply is answered with the promise of the next update when someone owns it.
 * A ticket the bot answered at opening is acknowledged once, by the automatic answer (which carries
 * the same first-response promise), not by a "received" notice as well. Files a customer's mail
 * carried that were not attached are named to them (in the acknowledgement, or a message of their own).
 * A customer's reply that reopened their resolved ticket is one message: the reopen is told in the
 * reply's (with the promise of the next update when someone owns it), not in a message of its own.
 */
export function customerProgressFor(event: TicketEvent, ticket: NoticeTicket, action: SameAction = [event]): CustomerProgressKind | null {
  if (event.visibility !== 'public') return null;
  switch (event.type) {
    case 'created':
      // A mail that failed the sender checks is not acknowledged to the address it names: that
      // would send our reply, with the writer's subject, to someone who may never have written.
      if (event.payload.unverified) return null;
      // The bot answers only at opening, and its outcome is never cleared: set now means set then.
      // Its answer is the acknowledgement; files the mail lost are then told on their own.
      if (ticket.botOutcome) return event.payload.filesNotAttached?.length ? 'files_not_attached' : null;
      return 'received';
    case 'bot_answered':
      return 'automatic_answer';
    case 'claimed':
    case 'handoff_accepted':
    case 'reassigned':
      return 'claimed';
    case 'agent_replied':
      return 'agent_replied';
    case 'reopened':
      return tellsReopen(replyAfter(event, action)) ? null : 'reopened';
    case 'status_changed':
      if (event.payload.to === 'pending_customer' || event.payload.to === 'resolved' || event.payload.to === 'closed') return event.payload.to;
      return null;
    case 'customer_replied':
      // Mail not surely the customer's (kept off their page) is not acknowledged to them either:
      // the promise would answer a message they may never have written.
      if (event.payload.unverified) return null;
      // Files the mail carried that were refused are told at once, with what to do (the promise of an update waits for the next message).
      if (event.payload.filesNotAttached?.length) return 'files_not_attached';
      if (ticket.ownerId && ticket.nextUpdateDueAt) return 'next_update';
      // Its reopen is told here, not apart: with nobody to promise an update, as the reopen alone.
      return replyReopenedTicket(event, action) ? 'reopened' : null;
    default:
      return null;
  }
}

/**
 * The events one action wrote on a ticket (one transaction), in seq order, the event itself among
 * them. What one step did is told in one message; a later action is told in its own.
 */
export type SameAction = readonly TicketEvent[];

/**
 * Whether a customer's progress message goes by email. A claim made by replying is told in the
 * reply's own email ("… is handling your issue and replied"), not in a second email a moment
 * before it; so is a wait for the customer set with a public reply (a macro's "reply, then wait
 * for the customer"): "… replied and is waiting for your reply". Their SMS stay, milestones, since
 * the reply itself is not one.
 */
export function emailsCustomerProgress(event: TicketEvent, action: SameAction = [event]): boolean {
  if (event.type === 'claimed' && event.payload.via === 'reply') return false;
  return !(waitsForCustomer(event) && action.some(isPublicReply));
}

/** A public reply whose action also set the ticket waiting for the customer: its email says so. */
export function replyAwaitsCustomer(event: TicketEvent, action: SameAction): boolean {
  return isPublicReply(event) && action.some(waitsForCustomer);
}

/**
 * A customer's reply that reopened their resolved ticket (the mail or tracking-page reply written
 * right after the reopen, in the same action): its message says the issue is open again.
 */
export function replyReopenedTicket(event: TicketEvent, action: SameAction): boolean {
  if (event.type !== 'customer_replied' || !tellsReopen(event)) return false;
  const before = [...action].reverse().find((e) => e.seq < event.seq && (e.type === 'reopened' || e.type === 'customer_replied'));
  return before?.type === 'reopened' && before.visibility === 'public';
}

/** The customer reply a reopen was made for: the first one after it in its action. */
function replyAfter(reopen: TicketEvent, action: SameAction): TicketEvent | undefined {
  return action.find((e) => e.seq > reopen.seq && e.type === 'customer_replied');
}

/** A reply that is told to its customer as itself (verified, nothing refused), and so can carry the reopen. */
function tellsReopen(reply: TicketEvent | undefined): boolean {
  return reply?.type === 'customer_replied' && reply.visibility === 'public' && !reply.payload.unverified && !reply.payload.filesNotAttached?.length;
}

const isPublicReply = (event: TicketEvent) => event.type === 'agent_replied' && event.visibility === 'public';
const waitsForCustomer = (event: TicketEvent) => event.type === 'status_changed' && event.visibility === 'public' && event.payload.to === 'pending_customer';

/** A reply that claimed the ticket: its email says who now handles the issue. */
export function replyClaimedTicket(event: TicketEvent): boolean {
  return event.type === 'agent_replied' && event.payload.claimedTicket === true;
}

/** The agent the "claimed" message names: the one who now owns the ticket. */
export function handlingAgentName(event: TicketEvent): string | null {
  switch (event.type) {
    case 'claimed':
      return event.payload.ownerName;
    case 'handoff_accepted':
    case 'reassigned':
      return event.payload.toAgentName;
    default:
      return event.actor.type === 'agent' ? event.actor.name : null;
  }
}

export interface AgentNotice {
  agentId: string;
  kind: AgentNoticeKind;
}

/** Who among the agents hears about an event: each once, never the agent who did it. */
export function agentNoticesFor(event: TicketEvent, ticket: NoticeTicket): AgentNotice[] {
  const to = (kind: AgentNoticeKind, ids: Array<string | null | undefined>): AgentNotice[] => {
    const actorId = event.actor.type === 'agent' ? event.actor.id : null;
    return [...new Set(ids.filter((id): id is string => !!id && id !== actorId))].map((agentId) => ({ agentId, kind }));
  };
  switch (event.type) {
    case 'sla_warning':
    case 'sla_escalated':
      return to(event.type, event.payload.notifiedIds);
    case 'update_reminder':
      return to('update_reminder', [event.payload.ownerId]);
    case 'customer_replied':
      return to('customer_replied', [ticket.ownerId]);
    case 'handoff_proposed':
      return to('handoff_proposed', [event.payload.toAgentId]);
    case 'handoff_declined':
      // The other side hears at once: a withdrawn offer leaves "Handoffs for me", a declined one stays with its owner.
      return event.payload.withdrawn ? to('handoff_withdrawn', [event.payload.toAgentId]) : to('handoff_declined', [event.payload.fromAgentId]);
    case 'reassigned':
      return to('reassigned', [event.payload.toAgentId, event.payload.fromAgentId]);
    case 'repeat_contact':
      return to('repeat_contact', [ticket.ownerId]);
    case 'reopened':
      return to('reopened', [ticket.ownerId]);
    case 'escalation_requested':
      // The seniors and supervisors the owner's request made watchers: asked for help, they are told.
      return to('escalation_requested', event.payload.watcherIds);
    default:
      return [];
  }
}

/**
 * Email for what needs the agent's own attention. A warning to a whole team (nobody owns the
 * ticket yet) only pops up live, or every unclaimed ticket would mail everyone twice an hour.
 */
export function emailsAgentNotice(kind: AgentNoticeKind, ticket: NoticeTicket): boolean {
  // A handoff that did not happen changes nothing the agent must act on: it only pops up live.
  if (kind === 'handoff_withdrawn' || kind === 'handoff_declined') return false;
  return !(kind === 'sla_warning' && ticket.ownerId === null);
}

/** Integrations (webhook endpoints) receive exactly what the customer could see. */
export function isIntegrationEvent(event: TicketEvent): boolean {
  return event.visibility === 'public';
}

/** SMS costs money and interrupts: milestones only, unless the customer gave no email address. */
const SMS_MILESTONES: ReadonlySet<CustomerProgressKind> = new Set(['received', 'automatic_answer', 'claimed', 'pending_customer', 'resolved']);

export function sendsSms(kind: CustomerProgressKind, hasEmail: boolean): boolean {
  return !hasEmail || SMS_MILESTONES.has(kind);
}
