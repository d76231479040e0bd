import { Injectable } from '@nestjs/common';
import { LiveTicketReader } from '@firsthand/persistence';
import { toLiveCustomerEvent, toLiveTicketEvent, type CatchUp, type LiveCustomerEvent, type LiveTicketEvent } from '@firsthand/realtime-contracts';

/** Beyond this many missed events a client gets a snapshot and the latest events instead. */
export const CATCH_UP_LIMIT = 200;
const SNAPSHOT_TAIL = 20;

/**
 * What a client missed, read from the database: the source of truth, so a client that was away,
 * or on a gateway that went down, sees exactly what was committed. The client has already joined
 * the ticket's room, so nothing committed after this read is lost either; its sequencer drops
 * what arrives twice.
 */
@Injectable()
export class TicketCatchUp {
  constructor(private readonly tickets: LiveTicketReader) {}

  async forAgents(ticketId: string, afterSeq: number): Promise<CatchUp<LiveTicketEvent>> {
    const view = await this.tickets.findById(ticketId);
    if (!view) return { ok: false, error: 'not-found' };
    if (view.lastSeq - afterSeq > CATCH_UP_LIMIT) {
      const events = await this.tickets.eventsAfter(ticketId, view.lastSeq - SNAPSHOT_TAIL, SNAPSHOT_TAIL);
      return { ok: true, mode: 'snapshot', snapshot: view as unknown as Record<string, unknown>, events: events.map(toLiveTicketEvent), lastSeq: view.lastSeq };
    }
    const events = await this.tickets.eventsAfter(ticketId, afterSeq, CATCH_UP_LIMIT);
    return { ok: true, mode: 'events', events: events.map(toLiveTicketEvent), lastSeq: view.lastSeq };
  }

  async forCustomer(ticketId: string, code: string, afterSeq: number): Promise<CatchUp<LiveCustomerEvent>> {
    const view = await this.tickets.findById(ticketId);
    if (!view) return { ok: false, error: 'not-found' };
    const from = view.lastSeq - afterSeq > CATCH_UP_LIMIT ? view.lastSeq - SNAPSHOT_TAIL : afterSeq;
    const events = (await this.tickets.eventsAfter(ticketId, from, CATCH_UP_LIMIT)).map((e) => toLiveCustomerEvent(code, e));
    if (from === afterSeq) return { ok: true, mode: 'events', events, lastSeq: view.lastSeq };
    const snapshot = { code: view.code, subject: view.subject, status: view.status, ownerName: view.owner?.name ?? null, nextUpdateDueAt: view.sla.nextUpdateDueAt };
    return { ok: true, mode: 'snapshot', snapshot, events, lastSeq: view.lastSeq };
  }
}
