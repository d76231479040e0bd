import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, REDIS_DEADLINE_MS, type FirsthandConfig } from '@firsthand/config';
import { Redis, type RedisOptions } from 'ioredis';

/**
 * Worker connections as BullMQ's production guide asks: a blocking worker connection retries for
 * ever (`maxRetriesPerRequest: null`) so the worker rides out a Redis restart. Producers and the
 * live publisher fail fast instead: their work is kept in PostgreSQL and handed over again.
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly opened: Redis[] = [];

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  forWorker(): Redis {
    return this.open({ maxRetriesPerRequest: null });
  }

  forProducer(): Redis {
    return this.open({ maxRetriesPerRequest: 1, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: REDIS_DEADLINE_MS });
  }

  forPublisher(): Redis {
    return this.open({ maxRetriesPerRequest: 0, enableOfflineQueue: false, connectTimeout: 2000, commandTimeout: REDIS_DEADLINE_MS });
  }

  private open(options: RedisOptions): Redis {
    const client = new Redis(this.config.redisUrl, { ...options, retryStrategy: (attempt) => Math.min(attempt * 250, 5000) });
    client.on('error', () => undefined);
    this.opened.push(client);
    return client;
  }

  /** QUIT waits for Redis; when it is not there, just drop the connection. */
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(
      this.opened.map((c) =>
        c.status === 'ready' ? Promise.race([c.quit().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())]).finally(() => c.disconnect()) : c.disconnect(),
      ),
    );
  }
}
