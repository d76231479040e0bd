import { toCustomerTimelineEntry, type TicketEvent } from '@firsthand/domain';
import type { LiveCustomerEvent } from './live-events.js';

export function toLiveCustomerEvent(ticketCode: string, event: TicketEvent): LiveCustomerEvent {
  const entry = toCustomerTimelineEntry(event);
  return entry ? { ...entry, ticketCode, hidden: false } : { ticketCode, seq: event.seq, hidden: true };
}
