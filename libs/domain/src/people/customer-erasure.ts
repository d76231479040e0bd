import { endHoldOnClose } from '../knowledge-base/standard-question-bot.js';
import type { TicketDecision } from '../ticket-decision.js';
import { SYSTEM, type Ticket } from '../ticket.js';
import type { TicketStatus } from '../vocabulary.js';

/**
 * Customer data rights (docs/data-rights.md): what an erasure does, in order, and what it asks
 * before it starts. Each step is idempotent, so a worker that died part-way through can run the
 * step it was in again from the start.
 */
export const ERASURE_STEPS = [
  'close_open_tickets',
  'ticket_texts',
  'mails',
  'notifications',
  'attachments',
  'exports',
  'customer_record',
] as const;
export type ErasureStep = (typeof ERASURE_STEPS)[number];

/** What replaces an erased text: the ticket, its timeline and its counts stay; the words go. */
export const ERASED_TEXT = '[erased]';
/** The resolution recorded when an erasure closes a ticket still open; not a resolution for the metrics (no `resolved` status). */
export const ERASURE_RESOLUTION = 'erased';

const STILL_OPEN: readonly TicketStatus[] = ['new', 'open', 'pending_customer'];

/** The name an erased record keeps, numbered so two erased customers stay apart in the lists. */
export function erasedCustomerName(number: number): string {
  return `Erased customer #${number}`;
}

/** The step an erasure with `stepsDone` steps behind it does next; null once every step is done. */
export function nextErasureStep(stepsDone: number): ErasureStep | null {
  return ERASURE_STEPS[stepsDone] ?? null;
}

export interface OpenTicketSummary {
  id: string;
  code: string;
  subject: string;
  status: TicketStatus;
}

export type ErasureAdmission = { admitted: true } | { admitted: false; openTickets: OpenTicketSummary[]; consequences: string };

/**
 * An erasure closes the customer's open tickets for good: an admin must have seen that first.
 * Without open tickets nothing is lost that is not already settled, so no confirmation is asked.
 */
export function admitErasure(openTickets: readonly OpenTicketSummary[], confirmed: boolean): ErasureAdmission {
  if (openTickets.length === 0 || confirmed) return { admitted: true };
  const codes = openTickets.map((t) => t.code).join(', ');
  return {
    admitted: false,
    openTickets: [...openTickets],
    consequences:
      `The customer has ${openTickets.length} open ticket(s) (${codes}). Erasing closes them without telling the customer, ` +
      `replaces their texts and the customer's contacts, deletes their attachments and exports and ends their tracking links. ` +
      `Send the request again with "confirm": true to go ahead.`,
  };
}

/**
 * An open ticket of an erased customer is closed: nobody could answer them any more. The event is
 * internal (no "closed" message goes out) and the ticket is not resolved, so no rate counts it.
 */
export function closeForErasure(ticket: Ticket, now: Date): TicketDecision | null {
  if (!STILL_OPEN.includes(ticket.status)) return null;
  return {
    patch: {
      status: 'closed',
      closedAt: now,
      resolution: ERASURE_RESOLUTION,
      nextUpdateDueAt: null,
      pendingHandoffToId: null,
      handoffNote: null,
      offeredToId: null,
      slaPausedAt: null,
      ...endHoldOnClose(ticket, now),
    },
    events: [{ type: 'status_changed', visibility: 'internal', actor: SYSTEM, payload: { from: ticket.status, to: 'closed', resolution: ERASURE_RESOLUTION } }],
  };
}

/** When a ready export stops being downloadable. */
export function exportExpiresAt(readyAt: Date, keepHours: number): Date {
  return new Date(readyAt.getTime() + keepHours * 3_600_000);
}
