import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { JOB_QUEUE, jobOptions, type JobName, type JobPayloads, type QueueName } from '@firsthand/queue-contracts';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { RedisConnections } from '../redis-connections.js';

export interface JobToAdd<N extends JobName = JobName> {
  name: N;
  data: JobPayloads[N];
  opts?: JobsOptions;
}

/**
 * The worker's only way to add jobs: a job name fixes its queue, payload type and options. Its
 * Redis connection fails fast, so a caller holding a database transaction is never stuck on a
 * Redis outage: the outbox or the sweeper hands the job over again later.
 */
@Injectable()
export class JobProducer implements BeforeApplicationShutdown {
  private readonly queues = new Map<QueueName, Queue>();
  /** For the worker's own bookkeeping keys next to the queues (timer sets, markers); fails fast like the queues. */
  readonly keys: Redis;

  constructor(private readonly redis: RedisConnections, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {
    this.keys = redis.forProducer();
  }

  /** A bookkeeping key in this deployment's namespace. */
  key(name: string): string {
    return `${this.config.queuePrefix}:${name}`;
  }

  queue(name: QueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = new Queue(name, { connection: this.redis.forProducer(), prefix: this.config.queuePrefix });
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions = {}): Promise<void> {
    await this.queue(JOB_QUEUE[name]).add(name, data, { ...jobOptions(name, data), ...opts });
  }

  /** Adds jobs of one queue in one round trip. */
  async addBulk(jobs: JobToAdd[]): Promise<void> {
    const byQueue = new Map<QueueName, JobToAdd[]>();
    for (const job of jobs) byQueue.set(JOB_QUEUE[job.name], [...(byQueue.get(JOB_QUEUE[job.name]) ?? []), job]);
    for (const [queue, list] of byQueue) {
      await this.queue(queue).addBulk(list.map((j) => ({ name: j.name, data: j.data, opts: { ...jobOptions(j.name, j.data), ...j.opts } })));
    }
  }

  /** After the workers finished their active jobs (onModuleDestroy), before the connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close().catch(() => undefined)));
  }
}
