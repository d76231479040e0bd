import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActingAgent } from '@firsthand/domain';
import type { DataSource } from 'typeorm';
import { HeldTicketViews } from './held-ticket-views.js';
import { TicketReadModel, type TicketListFilter, type TicketView } from './ticket-read-model.js';
import { TicketStore, type StoredTicketEvent } from './ticket-store.js';

/** Reads outside any transaction: what routes and the worker show, never what a rule decides on. */
@Injectable()
export class TicketQueries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly readModel: TicketReadModel,
    private readonly store: TicketStore,
    private readonly held: HeldTicketViews,
  ) {}

  view(ticketId: string): Promise<TicketView | null> {
    return this.readModel.findById(this.db.manager, ticketId);
  }

  /** Held per process until the ticket changes (HeldTicketViews): exact, as a read would answer. */
  visibleTo(ticketId: string, agent: ActingAgent): Promise<TicketView | null> {
    const read = () => this.readModel.findVisible(this.db.manager, ticketId, agent);
    return this.held.visible(ticketId, agent, read);
  }

  isVisibleTo(ticketId: string, agent: ActingAgent): Promise<boolean> {
    return this.readModel.isVisible(this.db.manager, ticketId, agent);
  }

  /** Held per process until any ticket changes (HeldTicketViews), as `visibleTo`. */
  list(agent: ActingAgent, filter: TicketListFilter) {
    const read = () => this.readModel.list(this.db.manager, agent, filter);
    return this.held.page(agent, filter, read);
  }

  /** The ticket a tracking link names, with the token hash to check the link's token against. */
  forTrackingCode(code: string) {
    return this.readModel.findByCodeForCustomer(this.db.manager, code);
  }

  eventsAfter(ticketId: string, afterSeq: number, limit: number): Promise<StoredTicketEvent[]> {
    return this.store.eventsAfter(this.db.manager, ticketId, afterSeq, limit);
  }

  /** Resolved before the cutoff, oldest first: candidates for closing once the reopen window passed. */
  async resolvedBefore(cutoff: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM tickets WHERE status = 'resolved' AND resolved_at < $1 ORDER BY resolved_at LIMIT $2`,
      [cutoff, limit],
    );
    return rows.map((r) => r.id);
  }
}
