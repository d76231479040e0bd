import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, REDIS_DEADLINE_MS, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { AgentPrincipals, LiveOutbox, MetricsReports, TicketQueries, type StoredTicketEvent, type TicketView } from '@firsthand/persistence';
import { liveChannelKey, supervisorsWatchingKey, type AgentNotification, type FailedNotification } from '@firsthand/realtime-contracts';
import { Redis } from 'ioredis';
import { LivePublisher, type PublishedTicket } from './live/live-publisher.js';
import { SupervisorMetricsBroadcaster } from './live/supervisor-metrics.broadcaster.js';

/**
 * Hands committed ticket events to the gateways: called only after the transaction committed, so a
 * screen shows what the database holds. Once Redis has taken them their live_outbox rows are
 * dropped; if it has not (Redis down, or this process dies first) the worker's relay publishes them
 * from the outbox a moment later. It never throws: the change is committed either way. Changes that
 * move the supervisors' live figures get them recomputed and pushed (debounced).
 */
@Injectable()
export class CommittedEventsPublisher implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(CommittedEventsPublisher.name);
  private readonly redis: Redis;
  private readonly publisher: LivePublisher;
  private readonly figures: SupervisorMetricsBroadcaster;
  private lastWarning = 0;
  /** Published event ids whose outbox rows are dropped together, one DELETE per burst instead of one per change. */
  private publishedIds: string[] = [];
  private dropping: Promise<void> | null = null;

  constructor(
    @Inject(FIRSTHAND_CONFIG) config: FirsthandConfig,
    reports: MetricsReports,
    clock: Clock,
    private readonly outbox: LiveOutbox,
    private readonly tickets: TicketQueries,
    private readonly agents: AgentPrincipals,
  ) {
    // Fail fast: a request never waits on a Redis outage, the outbox keeps the work. One change is
    // several PUBLISHes (ticket room, queue, supervisors, customer): auto-pipelining sends them in one write.
    this.redis = new Redis(config.redisUrl, {
      enableAutoPipelining: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      commandTimeout: REDIS_DEADLINE_MS,
      retryStrategy: (attempt) => Math.min(attempt * 250, 5000),
    });
    this.redis.on('error', () => undefined);
    const channelKey = liveChannelKey(config.queuePrefix);
    this.publisher = new LivePublisher(this.redis, channelKey, (error) => this.warn(error));
    this.figures = new SupervisorMetricsBroadcaster({ read: () => reports.live(clock.now()) }, this.redis, {
      channelKey,
      watchingKey: supervisorsWatchingKey(config.queuePrefix),
      onError: (error) => this.warn(error, 'Supervisor figures not pushed', 'dashboards keep GET /api/metrics/live'),
    });
  }

  /** Publishes a committed change; pass the ticket's view when the caller has it, else it is read. */
  async publish(ticket: TicketView | PublishedTicket | string, events: StoredTicketEvent[]): Promise<void> {
    if (events.length === 0) return;
    this.figures.eventsCommitted(events);
    try {
      const view = typeof ticket === 'string' ? await this.tickets.view(ticket) : ticket;
      if (!view) return;
      await this.publisher.publishTicketEvents(view, events);
      this.dropPublished(events.map((e) => e.id));
      await this.revokeFromPreviousOwner(view.id, events);
    } catch (error) {
      this.warn(error as Error);
    }
  }

  private dropPublished(ids: string[]): void {
    this.publishedIds.push(...ids);
    // One DELETE (and commit) per 25 ms of changes, far inside the relay's grace (2 s by default).
    this.dropping ??= new Promise<void>((resolve) => setTimeout(resolve, 25))
      .then(async () => {
        const batch = this.publishedIds;
        this.publishedIds = [];
        this.dropping = null;
        await this.outbox.drop(batch);
      })
      // Rows left behind are published again by the relay; clients de-duplicate by seq.
      .catch((error: Error) => this.warn(error, 'Published live events not dropped from the outbox', 'the relay sends them once more'));
  }

  /** Events found in the outbox by the relay: the relay drops their rows itself, in its transaction. */
  async republish(ticket: PublishedTicket, events: StoredTicketEvent[]): Promise<void> {
    await this.publisher.publishTicketEvents(ticket, events);
  }

  /** Provisional outcomes settled, or anything else that moved the figures without a ticket event. */
  figuresChanged(): void {
    this.figures.figuresChanged();
  }

  notifyAgents(notices: Array<{ agentId: string; notice: AgentNotification }>): Promise<void> {
    return this.publisher.notifyAgents(notices);
  }

  notificationFailed(notification: FailedNotification): Promise<void> {
    return this.publisher.notificationFailed(notification);
  }

  /** Best effort: an open ticket page also reads its notifications again on its own schedule and on reload. */
  deliveriesChanged(ticketId: string): Promise<void> {
    return this.publisher.deliveriesChanged(ticketId).catch((error: Error) => this.warn(error, 'Delivery change not pushed', 'open ticket pages show it when they next read'));
  }

  /** A disabled agent's sockets are dropped at once. */
  agentRevoked(agentId: string, reason: string): void {
    try {
      this.publisher.revokeAgent(agentId, reason);
    } catch (error) {
      this.warn(error as Error);
    }
  }

  /** An owner who handed a ticket to another team loses it from view: their open sockets too. */
  private async revokeFromPreviousOwner(ticketId: string, events: StoredTicketEvent[]): Promise<void> {
    for (const event of events) {
      if (event.type !== 'handoff_accepted' && event.type !== 'reassigned') continue;
      const previousOwner = event.payload.fromAgentId;
      if (!previousOwner) continue;
      const agent = await this.agents.findActive(previousOwner);
      if (agent && !(await this.tickets.isVisibleTo(ticketId, agent))) {
        this.publisher.revokeTicketAccess(agent.id, ticketId, 'The ticket now belongs to another team.');
      }
    }
  }

  private warn(error: Error, what = 'Live update not published', fallback = 'the live relay sends it from the outbox'): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`${what} (${error.message}); ${fallback}`);
  }

  /** Before the database pool closes: let a push already reading figures finish. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.dropping;
    await this.figures.close();
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
