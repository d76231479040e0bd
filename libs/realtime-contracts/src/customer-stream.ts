import { toCustomerTimelineEntry, type TicketEvent } from '@firsthand/domain';
import type { LiveCustomerEvent, LiveTicketEvent } from './live-events.js';

export function toLiveCustomerEvent(ticketCode: string, event: TicketEvent): LiveCustomerEvent {
  const entry = toCustomerTimelineEntry(event);
  return entry ? { ...entry, ticketCode, hidden: false } : { ticketCode, seq: event.seq, hidden: true };
}

/** A stored ticket event as agents receive it on the wire. */
export function toLiveTicketEvent(event: TicketEvent & { id?: string }): LiveTicketEvent {
  return {
    id: event.id ?? `${event.ticketId}:${event.seq}`,
    ticketId: event.ticketId,
    seq: event.seq,
    type: event.type,
    visibility: event.visibility,
    actor: event.actor,
    payload: event.payload as unknown as Record<string, unknown>,
    createdAt: event.createdAt.toISOString(),
  };
}
