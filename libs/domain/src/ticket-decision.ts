import type { NewTicketEvent } from './ticket-events.js';
import type { TicketPatch } from './ticket.js';
import type { Channel, Visibility } from './vocabulary.js';

export interface NewMessage {
  id: string;
  visibility: Visibility;
  body: string;
  authorType: 'agent' | 'customer';
  authorId: string;
  /** How it reached us; the web app and the console when absent. */
  channel?: Channel;
}

/**
 * What a rule decided: the fields to change and the events that record it. Storage applies the
 * patch and appends the events in one transaction, or applies nothing.
 */
export interface TicketDecision {
  patch: TicketPatch;
  events: NewTicketEvent[];
  message?: NewMessage;
  addWatcherIds?: string[];
}
