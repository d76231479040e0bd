import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { TicketReadModel, type StoredTicketEvent } from '@firsthand/persistence';
import { LivePublisher } from '@firsthand/realtime-contracts';
import type { DataSource } from 'typeorm';
import { RedisConnections } from '../redis-connections.js';

/**
 * Events the worker itself commits (SLA warnings and escalations, closings) go live at once, as the
 * API's do: publish after commit, then drop their live_outbox rows. Should Redis be down, the rows
 * stay and the live relay publishes them later.
 */
@Injectable()
export class CommittedEventsPublisher {
  private readonly logger = new Logger(CommittedEventsPublisher.name);
  private readonly publisher: LivePublisher;
  private readonly readModel = new TicketReadModel();

  constructor(redis: RedisConnections, @InjectDataSource() private readonly db: DataSource) {
    this.publisher = new LivePublisher(redis.forPublisher());
  }

  get live(): LivePublisher {
    return this.publisher;
  }

  async publish(ticketId: string, events: StoredTicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    try {
      const ticket = await this.readModel.findById(this.db.manager, ticketId);
      if (!ticket) return;
      await this.publisher.publishTicketEvents(ticket, events);
      await this.db.query(`DELETE FROM live_outbox WHERE event_id = ANY($1::bigint[])`, [events.map((e) => e.id)]);
    } catch (error) {
      this.logger.warn(`Live update not published (${(error as Error).message}); the live relay will send it`);
    }
  }
}
