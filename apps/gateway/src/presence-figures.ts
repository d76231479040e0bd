import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { MetricsReports } from '@firsthand/persistence';
import { liveChannelKey, supervisorsWatchingKey } from '@firsthand/realtime-contracts';
import { SupervisorMetricsBroadcaster } from '@firsthand/ticketing';
import { Redis } from 'ioredis';

/**
 * An agent's presence moves when their first console connects or their last one closes, and no
 * ticket event tells of it: this gateway pushes the supervisors' figures (agent load shows presence)
 * itself (when an agent's first socket here opens or last one closes), debounced and only while a
 * supervisor watches, as the API and the worker do after changes.
 */
@Injectable()
export class PresenceFigures implements OnApplicationShutdown {
  private readonly logger = new Logger(PresenceFigures.name);
  private readonly redis: Redis;
  private readonly figures: SupervisorMetricsBroadcaster;
  private lastWarning = 0;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig, reports: MetricsReports, clock: Clock) {
    this.redis = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000 });
    this.redis.on('error', () => undefined);
    this.figures = new SupervisorMetricsBroadcaster({ read: () => reports.live(clock.now()) }, this.redis, {
      channelKey: liveChannelKey(config.queuePrefix),
      watchingKey: supervisorsWatchingKey(config.queuePrefix),
      onError: (error) => this.warn(error),
    });
  }

  /** After an agent socket's row was written or deleted; returns at once, never throws. */
  presenceMayHaveMoved(): void {
    this.figures.figuresChanged();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.figures.close();
    this.redis.disconnect();
  }

  private warn(error: Error): void {
    // A Redis or database outage would otherwise log once per connecting agent.
    if (Date.now() - this.lastWarning < 30_000) return;
    this.lastWarning = Date.now();
    this.logger.warn(`Supervisor figures not pushed after a presence change (dashboards keep GET /api/metrics/live): ${error.message}`);
  }
}
