import type { StoredTicketEvent } from '@firsthand/persistence';
import type { TicketChange, TicketEventView } from '@firsthand/http-contracts';
import { toLiveTicketEvent } from '@firsthand/realtime-contracts';
import type { TicketChangeResult } from '@firsthand/ticketing';

/** A stored event over REST: the same shape the live stream pushes. */
export function eventResponse(event: StoredTicketEvent): TicketEventView {
  return toLiveTicketEvent(event);
}

export function changeResponse(result: TicketChangeResult): TicketChange {
  return { ticket: result.ticket, events: result.events.map(eventResponse) };
}
