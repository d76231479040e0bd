import type { AttachmentRef, FileNotAttached } from './attachments/attachment-ref.js';
import type { Actor } from './ticket.js';
import type { Channel, CustomerTier, Priority, TicketStatus, Visibility } from './vocabulary.js';

/**
 * Event type names are stored in the timeline and read by the metrics, the worker and clients:
 * renaming one strands history, so add new names instead of changing these.
 */
export const TICKET_EVENT_TYPES = [
  'created',
  'claimed',
  'agent_replied',
  'internal_note_added',
  'customer_replied',
  'status_changed',
  'reopened',
  'handoff_proposed',
  'handoff_accepted',
  'handoff_declined',
  'reassigned',
  'escalation_requested',
  'repeat_contact',
  'rated',
  // Written by the worker's SLA timers; internal, never shown to customers.
  'sla_warning',
  'sla_escalated',
  'update_reminder',
  // A supervisor's acts on the ticket's customer record; internal.
  'customer_tier_changed',
  'customer_merged',
  // Tags and macros (issue 12): internal, never shown to customers.
  'tags_changed',
  'priority_changed',
  // Business-time SLA (issue 14): a calendar change moved the due times; internal.
  'sla_replanned',
  // The bot for standard questions (issue 16): public, marked automatic.
  'bot_answered',
  'bot_resolved',
  'bot_handed_over',
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

/** The supervisor who took in a held mail (quarantined for its sender's rate, or ignored as automatic): for agents, never on the customer's page. */
export interface TakenInBy {
  id: string;
  name: string;
}

export interface TicketEventPayloads {
  /** `filesNotAttached`: files of the opening mail that were refused (the customer is told). `takenInBy`: the mail was held, and taken in. */
  created: { code: string; subject: string; channel: string; kind: string; priority: string; tier: string; repeatOfTicketId: string | null; attachments?: AttachmentRef[]; unverified?: boolean; filesNotAttached?: FileNotAttached[]; takenInBy?: TakenInBy };
  claimed: { ownerId: string; ownerName: string; via: 'claim' | 'reply' };
  /** `claimedTicket`: this reply claimed the unowned ticket (a `claimed` event via 'reply' comes just before it). */
  agent_replied: { messageId: string; body: string; attachments?: AttachmentRef[]; claimedTicket?: true };
  internal_note_added: { messageId: string; body: string; attachments?: AttachmentRef[] };
  /** By email: `channel` is 'email', `from` the sender, and `unverified` set when DMARC failed for the customer's address. */
  /** `copiedPerson`: written by someone the customer copied on the ticket (`from`), not by the customer. `takenInBy`: the mail was held, and taken in. */
  customer_replied: { messageId: string; body: string; attachments?: AttachmentRef[]; channel?: Channel; from?: string; unverified?: boolean; copiedPerson?: boolean; filesNotAttached?: FileNotAttached[]; takenInBy?: TakenInBy };
  status_changed: { from: TicketStatus; to: TicketStatus; resolution?: string | null };
  reopened: { from: TicketStatus; reopenCount: number };
  handoff_proposed: { fromAgentId: string; toAgentId: string; toAgentName: string; note: string };
  handoff_accepted: { fromAgentId: string; toAgentId: string; toAgentName: string };
  handoff_declined: { fromAgentId: string; toAgentId: string; withdrawn: boolean };
  reassigned: { fromAgentId: string | null; toAgentId: string; toAgentName: string; reason: string };
  escalation_requested: { fromLevel: number; toLevel: number; reason: string; watcherIds: string[] };
  repeat_contact: { ticketId: string; code: string };
  rated: { rating: number; comment: string | null };
  /** 80% of a target passed: the owner (the team, while nobody owns it) is warned. */
  sla_warning: { target: SlaTarget; dueAt: string; fromLevel: number; toLevel: number; notifiedIds: string[] };
  /** The target passed (`breach`) or 150% of it did (`critical`, which also raises the priority one step). */
  sla_escalated: {
    target: SlaTarget;
    stage: 'breach' | 'critical';
    dueAt: string;
    fromLevel: number;
    toLevel: number;
    watcherIds: string[];
    notifiedIds: string[];
    priority: { from: Priority; to: Priority } | null;
  };
  /** The owner let the promised update time pass. */
  update_reminder: { dueAt: string; ownerId: string };
  /** The customer's tier changed while the ticket was open: its tier copy follows, its unmet due times are re-planned. */
  customer_tier_changed: {
    customerId: string;
    from: CustomerTier;
    to: CustomerTier;
    firstResponseDueAt: { from: string | null; to: string | null };
    resolutionDueAt: { from: string | null; to: string | null };
  };
  /** The ticket's customer record was merged into another: the ticket now belongs to the surviving record. */
  customer_merged: { fromCustomerId: string; fromCustomerName: string; toCustomerId: string; toCustomerName: string };
  /** Tags added and removed by one act (an edit, a macro, a bulk action, a spam close). */
  tags_changed: { added: string[]; removed: string[] };
  /** An owner's macro set the priority; the SLA due times set at opening stay. */
  priority_changed: { from: Priority; to: Priority };
  /** A calendar the ticket's clocks run on changed: its unmet due times are planned again on it. */
  /** The automatic answer: which article, in which version and language, how sure; the ticket is held until `holdUntil`. */
  bot_answered: { articleId: string; articleVersion: number; title: string; locale: string; confidence: number; automatic: true; holdUntil: string };
  /** The customer said the automatic answer solved it. */
  bot_resolved: { automatic: true };
  /** The bot let go of the ticket: the customer asked, the hold ran out, they replied, or an agent claimed it. */
  bot_handed_over: { reason: 'asked' | 'timer' | 'replied' | 'claimed' };
  sla_replanned: {
    reason: string;
    firstResponseDueAt: { from: string | null; to: string | null };
    resolutionDueAt: { from: string | null; to: string | null };
  };
}

/** The three clocks of an SLA policy. */
export const SLA_TARGETS = ['first_response', 'next_update', 'resolution'] as const;
export type SlaTarget = (typeof SLA_TARGETS)[number];

export type NewTicketEvent = {
  [T in TicketEventType]: { type: T; visibility: Visibility; actor: Actor; payload: TicketEventPayloads[T] };
}[TicketEventType];

export type TicketEvent = NewTicketEvent & { ticketId: string; seq: number; createdAt: Date };

export function isCustomerAuthored(event: Pick<TicketEvent, 'actor'>): boolean {
  return event.actor.type === 'customer';
}
