import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { LivePublisher } from '@firsthand/realtime-contracts';
import type { TicketView } from '@firsthand/persistence';
import type { TicketEvent } from '@firsthand/domain';
import { Redis } from 'ioredis';

/**
 * Hands committed ticket events to the gateways. Called only after the transaction committed, so
 * what a screen shows is what the database holds; a Redis outage drops the live copy (never the
 * change), and clients recover it by seq when they follow the ticket again.
 */
@Injectable()
export class LiveUpdates implements OnApplicationShutdown {
  private readonly logger = new Logger(LiveUpdates.name);
  private readonly redis: Redis;
  private readonly publisher: LivePublisher;
  private lastWarning = 0;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.publisher = new LivePublisher(this.redis, (error) => this.warn(error));
  }

  ticketChanged(ticket: TicketView, events: TicketEvent[]): void {
    if (events.length === 0) return;
    try {
      this.publisher.publishTicketEvents(ticket, events);
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

  private warn(error: Error): void {
    if (Date.now() - this.lastWarning < 10_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`Live update not published (${error.message}); clients catch up by seq`);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }
}
