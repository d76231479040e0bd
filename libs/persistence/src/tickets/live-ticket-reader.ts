import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActingAgent } from '@firsthand/domain';
import type { DataSource } from 'typeorm';
import { TicketReadModel, type TicketView } from './ticket-read-model.js';
import { TicketStore, type StoredTicketEvent } from './ticket-store.js';

/** What the live gateways read of tickets, outside any transaction: who may follow one, and what a client missed. */
@Injectable()
export class LiveTicketReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readModel: TicketReadModel,
    private readonly store: TicketStore,
  ) {}

  isVisible(ticketId: string, agent: ActingAgent): Promise<boolean> {
    return this.readModel.isVisible(this.db.manager, ticketId, agent);
  }

  findById(ticketId: string): Promise<TicketView | null> {
    return this.readModel.findById(this.db.manager, ticketId);
  }

  /** The ticket a tracking link opens, with the token hash to check against. */
  findByCodeForCustomer(code: string): Promise<(TicketView & { trackingTokenHash: string }) | null> {
    return this.readModel.findByCodeForCustomer(this.db.manager, code);
  }

  eventsAfter(ticketId: string, afterSeq: number, limit: number): Promise<StoredTicketEvent[]> {
    return this.store.eventsAfter(this.db.manager, ticketId, afterSeq, limit);
  }
}
