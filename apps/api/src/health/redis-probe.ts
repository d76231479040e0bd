import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, REDIS_DEADLINE_MS, type FirsthandConfig } from '@firsthand/config';
import { Redis } from 'ioredis';

/**
 * The API's Redis connection. It never queues commands while disconnected, so a Redis outage makes
 * callers fail fast instead of hanging a request.
 */
@Injectable()
export class RedisProbe implements OnApplicationShutdown {
  readonly client: Redis;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.client = new Redis(config.redisUrl, {
      lazyConnect: false,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 2000,
      // A hung Redis (connection open, no answer) must fail as fast as a stopped one.
      commandTimeout: REDIS_DEADLINE_MS,
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    // Connection errors are reported through readiness, not as unhandled events.
    this.client.on('error', () => undefined);
  }

  async ping(timeoutMs = 1000): Promise<boolean> {
    try {
      const reply = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs).unref()),
      ]);
      return reply === 'PONG';
    } catch {
      return false;
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.client.disconnect();
  }
}
