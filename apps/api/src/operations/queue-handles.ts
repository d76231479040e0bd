import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, REDIS_DEADLINE_MS, type FirsthandConfig } from '@firsthand/config';
import { JOB_QUEUE, jobOptions, QueueName, type JobName, type JobPayloads } from '@firsthand/queue-contracts';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The API's handles on the worker's queues: for the queue board, the queue-depth metrics and the
 * rare direct hand-over (a supervisor's retry). One connection that never queues commands while
 * Redis is away, so no request waits on a Redis outage; what the API could not hand over stays in
 * PostgreSQL for the worker's sweepers.
 */
@Injectable()
export class QueueHandles implements OnApplicationShutdown {
  private readonly connection: Redis;
  readonly all: Queue[];

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.connection = new Redis(config.redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 0, connectTimeout: 2000, commandTimeout: REDIS_DEADLINE_MS, retryStrategy: (n) => Math.min(n * 200, 2000) });
    this.connection.on('error', () => undefined);
    this.all = Object.values(QueueName).map((name) => {
      const queue = new Queue(name, { connection: this.connection, prefix: config.queuePrefix });
      queue.on('error', () => undefined);
      return queue;
    });
  }

  /** Hands a job over within `timeoutMs`; false when Redis did not take it. */
  async tryAdd<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions = {}, timeoutMs = 1000): Promise<boolean> {
    const queue = this.all.find((q) => q.name === JOB_QUEUE[name])!;
    const timeout = new Promise<false>((resolve) => setTimeout(resolve, timeoutMs, false).unref());
    const added = queue.add(name, data, { ...jobOptions(name, data), ...opts }).then(() => true, () => false);
    return Promise.race([added, timeout]);
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.all.map((q) => q.close().catch(() => undefined)));
    this.connection.disconnect();
  }
}
