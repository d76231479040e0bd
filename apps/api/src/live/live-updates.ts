import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { LivePublisher, SupervisorMetricsBroadcaster } from '@firsthand/ticketing';
import { InjectDataSource } from '@nestjs/typeorm';
import { AgentEntity, dropPublishedLiveEvents, LiveMetricsReader, TicketReadModel, type StoredTicketEvent, type TicketView } from '@firsthand/persistence';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { Clock } from '@firsthand/domain';

/**
 * Hands committed ticket events to the gateways, the fast path: called only after the transaction
 * committed, so a screen shows what the database holds. Once Redis has taken them, their
 * live_outbox rows are deleted; if it has not (Redis down, or this process dies first), the
 * worker's relay publishes them from the outbox a moment later. Changes that move the supervisors'
 * live figures also get them recomputed and pushed (debounced, see SupervisorMetricsBroadcaster).
 */
@Injectable()
export class LiveUpdates implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(LiveUpdates.name);
  private readonly redis: Redis;
  private readonly publisher: LivePublisher;
  private readonly metrics: SupervisorMetricsBroadcaster;
  private lastWarning = 0;
  private readonly readModel = new TicketReadModel();

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig, @InjectDataSource() private readonly db: DataSource, clock: Clock) {
    this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.publisher = new LivePublisher(this.redis, (error) => this.warn(error));
    const figures = new LiveMetricsReader(db, config.metricsTimeZone, () => clock.now());
    this.metrics = new SupervisorMetricsBroadcaster(figures, this.redis, {
      onError: (error) => this.warn(error, 'Supervisor figures not pushed', 'dashboards keep GET /api/metrics/live'),
    });
  }

  /** Not awaited by the request: the change is committed either way, and the outbox has the rest. */
  ticketChanged(ticket: TicketView, events: StoredTicketEvent[]): void {
    if (events.length === 0) return;
    this.publisher
      .publishTicketEvents(ticket, events)
      .then(() => dropPublishedLiveEvents(this.db.manager, events.map((e) => e.id)))
      .catch((error: Error) => this.warn(error));
    this.metrics.eventsCommitted(events);
    for (const event of events) {
      if (event.type === 'handoff_accepted' || event.type === 'reassigned') {
        const previousOwner = event.payload.fromAgentId;
        if (previousOwner) void this.revokeIfHidden(previousOwner, ticket.id);
      }
    }
  }

  /** An owner who handed a ticket to another team loses it from view: their open sockets too. */
  private async revokeIfHidden(agentId: string, ticketId: string): Promise<void> {
    try {
      const agent = await this.db.getRepository(AgentEntity).findOneBy({ id: agentId });
      if (!agent || (await this.readModel.isVisible(this.db.manager, ticketId, agent))) return;
      this.publisher.revokeTicketAccess(agentId, ticketId, 'The ticket now belongs to another team.');
    } catch (error) {
      this.warn(error as Error);
    }
  }

  agentRevoked(agentId: string, reason: string): void {
    try {
      this.publisher.revokeAgent(agentId, reason);
    } catch (error) {
      this.warn(error as Error);
    }
  }

  private warn(error: Error, what = 'Live update not published', fallback = 'clients catch up by seq'): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`${what} (${error.message}); ${fallback}`);
  }

  /** Before the database pool closes: let a push already reading figures finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.metrics.close();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
