import type { StoredTicketEvent, TicketView } from '@firsthand/persistence';
import type { TicketChangeResult } from '@firsthand/ticketing';

export function eventResponse(event: StoredTicketEvent) {
  return {
    id: event.id,
    ticketId: event.ticketId,
    seq: event.seq,
    type: event.type,
    visibility: event.visibility,
    actor: event.actor,
    payload: event.payload,
    createdAt: event.createdAt.toISOString(),
  };
}

export function changeResponse(result: TicketChangeResult): { ticket: TicketView; events: ReturnType<typeof eventResponse>[] } {
  return { ticket: result.ticket, events: result.events.map(eventResponse) };
}
