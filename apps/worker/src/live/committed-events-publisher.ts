import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { dropPublishedLiveEvents, LiveMetricsReader, TicketReadModel, type StoredTicketEvent } from '@firsthand/persistence';
import { LivePublisher, SupervisorMetricsBroadcaster } from '@firsthand/ticketing';
import type { DataSource } from 'typeorm';
import { RedisConnections } from '../redis-connections.js';

/**
 * Events the worker itself commits (SLA warnings and escalations, closings) go live at once, as the
 * API's do: publish after commit, then drop their live_outbox rows. Should Redis be down, the rows
 * stay and the live relay publishes them later. Those that move the supervisors' figures (an
 * escalation, a closed ticket, outcomes settling) get the figures pushed too.
 */
@Injectable()
export class CommittedEventsPublisher implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CommittedEventsPublisher.name);
  private readonly publisher: LivePublisher;
  private readonly figures: SupervisorMetricsBroadcaster;
  private readonly readModel = new TicketReadModel();

  constructor(redis: RedisConnections, @InjectDataSource() private readonly db: DataSource, @Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    const client = redis.forPublisher();
    this.publisher = new LivePublisher(client);
    this.figures = new SupervisorMetricsBroadcaster(new LiveMetricsReader(db, config.metricsTimeZone), client, {
      onError: (error) => this.logger.warn(`Supervisor figures not pushed (${error.message}); dashboards keep GET /api/metrics/live`),
    });
  }

  get live(): LivePublisher {
    return this.publisher;
  }

  async publish(ticketId: string, events: StoredTicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.figures.eventsCommitted(events);
    try {
      const ticket = await this.readModel.findById(this.db.manager, ticketId);
      if (!ticket) return;
      await this.publisher.publishTicketEvents(ticket, events);
      await dropPublishedLiveEvents(this.db.manager, events.map((e) => e.id));
    } catch (error) {
      this.logger.warn(`Live update not published (${(error as Error).message}); the live relay will send it`);
    }
  }

  /** Provisional outcomes settled, or anything else that moved the figures without a ticket event. */
  figuresChanged(): void {
    this.figures.figuresChanged();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.figures.close();
  }
}
