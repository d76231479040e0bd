import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Redis } from 'ioredis';

/**
 * Worker connections as BullMQ's production guide asks: a blocking worker connection retries for
 * ever (`maxRetriesPerRequest: null`) so the worker rides out a Redis restart.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly opened: Redis[] = [];

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  forWorker(): Redis {
    return this.open({ maxRetriesPerRequest: null });
  }

  forQueue(): Redis {
    return this.open({ maxRetriesPerRequest: null });
  }

  private open(options: { maxRetriesPerRequest: number | null }): Redis {
    const client = new Redis(this.config.redisUrl, { ...options, retryStrategy: (attempt) => Math.min(attempt * 250, 5000) });
    client.on('error', () => undefined);
    this.opened.push(client);
    return client;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.opened.map((c) => c.quit().catch(() => c.disconnect())));
  }
}
