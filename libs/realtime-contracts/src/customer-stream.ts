import { toCustomerTimelineEntry, type TicketEvent } from '@firsthand/domain';
import type { LiveCustomerEvent, LiveTicketEvent } from './live-events.js';

export function toLiveCustomerEvent(ticketCode: string, event: TicketEvent): LiveCustomerEvent {
  const entry = toCustomerTimelineEntry(event);
  return entry ? { ...entry, ticketCode, hidden: false } : { ticketCode, seq: event.seq, hidden: true };
}

/** A stored ticket event as agents receive it on the wire. */
export function toLiveTicketEvent(event: TicketEvent & { id?: string }): LiveTicketEvent {
  // The spread keeps each event's `type` paired with its payload; payloads hold no Dates (the
  // compiler says so if one ever does), so they travel as they are.
  return { ...event, id: event.id ?? `${event.ticketId}:${event.seq}`, createdAt: event.createdAt.toISOString() };
}
