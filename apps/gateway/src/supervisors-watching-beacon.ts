import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { SUPERVISORS_WATCHING_RENEW_MS, SUPERVISORS_WATCHING_TTL_SECONDS, supervisorsWatchingKey } from '@firsthand/realtime-contracts';
import { Redis } from 'ioredis';

/**
 * Keeps `supervisorsWatchingKey` set in Redis while this gateway holds a supervisor's socket (set at
 * once on a connection, renewed on a timer and when Redis comes back), so that the API and the worker
 * read and push the supervisors' live figures only while someone is looking at them.
 */
@Injectable()
export class SupervisorsWatchingBeacon implements OnApplicationShutdown {
  private readonly redis: Redis;
  private readonly key: string;
  private readonly timer: ReturnType<typeof setInterval>;
  private supervisorsHere: () => number = () => 0;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.key = supervisorsWatchingKey(config.queuePrefix);
    this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.redis.on('ready', () => void this.renew());
    this.timer = setInterval(() => void this.renew(), SUPERVISORS_WATCHING_RENEW_MS);
    this.timer.unref();
  }

  /** How many supervisors' sockets this gateway holds now. */
  countWith(supervisorsHere: () => number): void {
    this.supervisorsHere = supervisorsHere;
  }

  /** Sets the key when a supervisor is here; never throws (a Redis outage is renewed on its return). */
  async renew(): Promise<void> {
    if (this.supervisorsHere() === 0 || this.redis.status !== 'ready') return;
    await this.redis.set(this.key, '1', 'EX', SUPERVISORS_WATCHING_TTL_SECONDS).catch(() => undefined);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
    this.redis.disconnect();
  }
}
