import { Inject, Injectable, Logger } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { RedisProbe } from '../health/redis-probe.js';
import { HttpProblem } from '../http/problem.js';

/**
 * Uploads per client address and minute, counted in Redis so every API replica shares the count.
 * The route is public (the new-issue form has no account), so this is what stops one client from
 * filling the disk. When Redis is unreachable uploads are let through: the per-file limit and the
 * 24-hour sweep still bound what one client can leave behind.
 */
@Injectable()
export class UploadRateLimit {
  private readonly logger = new Logger('UploadRateLimit');

  constructor(
    private readonly redis: RedisProbe,
    private readonly clock: Clock,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** Counts one upload from `client`; throws 429 with the seconds to wait once the minute's allowance is spent. */
  async take(client: string): Promise<void> {
    const now = this.clock.now().getTime();
    const minute = Math.floor(now / 60_000);
    const key = `${this.config.queuePrefix}:upload-rate:${client}:${minute}`;
    let count: number;
    try {
      const results = await this.redis.client.multi().incr(key).pexpire(key, 61_000).exec();
      count = Number(results?.[0]?.[1] ?? 0);
    } catch (error) {
      this.logger.warn(`Upload rate not counted (Redis): ${(error as Error).message}`);
      return;
    }
    const allowed = this.config.attachments.uploadsPerMinute;
    if (count > allowed) {
      const retryAfterSeconds = Math.max(1, Math.ceil(((minute + 1) * 60_000 - now) / 1000));
      throw new HttpProblem(429, 'too-many-uploads', 'Too many uploads', `At most ${allowed} uploads a minute from one address; try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
    }
  }
}
