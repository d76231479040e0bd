import type { Actor } from './ticket.js';
import type { TicketStatus, Visibility } from './vocabulary.js';

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
] as const;
export type TicketEventType = (typeof TICKET_EVENT_TYPES)[number];

export interface TicketEventPayloads {
  created: { code: string; subject: string; channel: string; kind: string; priority: string; tier: string; repeatOfTicketId: string | null };
  claimed: { ownerId: string; ownerName: string; via: 'claim' | 'reply' };
  agent_replied: { messageId: string; body: string };
  internal_note_added: { messageId: string; body: string };
  customer_replied: { messageId: string; body: string };
  status_changed: { from: TicketStatus; to: TicketStatus; resolution?: string | null };
  reopened: { from: TicketStatus; reopenCount: number };
  handoff_proposed: { fromAgentId: string; toAgentId: string; toAgentName: string; note: string };
  handoff_accepted: { fromAgentId: string; toAgentId: string; toAgentName: string };
  handoff_declined: { fromAgentId: string; toAgentId: string; withdrawn: boolean };
  reassigned: { fromAgentId: string | null; toAgentId: string; toAgentName: string; reason: string };
  escalation_requested: { fromLevel: number; toLevel: number; reason: string; watcherIds: string[] };
  repeat_contact: { ticketId: string; code: string };
  rated: { rating: number; comment: string | null };
}

export type NewTicketEvent = {
  [T in TicketEventType]: { type: T; visibility: Visibility; actor: Actor; payload: TicketEventPayloads[T] };
}[TicketEventType];

export type TicketEvent = NewTicketEvent & { ticketId: string; seq: number; createdAt: Date };

export function isCustomerAuthored(event: Pick<TicketEvent, 'actor'>): boolean {
  return event.actor.type === 'customer';
}
