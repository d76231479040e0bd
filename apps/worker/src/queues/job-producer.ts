import { Inject, Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, REDIS_DEADLINE_MS, type FirsthandConfig } from '@firsthand/config';
import { JOB_QUEUE, jobOptions, type JobName, type JobPayloads, type QueueName } from '@firsthand/queue-contracts';
import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import { RedisConnections } from '../redis-connections.js';

export interface JobToAdd<N extends JobName = JobName> {
  name: N;
  data: JobPayloads[N];
  opts?: JobsOptions;
}

export class RedisUnavailable extends Error {
  constructor() {
    super(`Redis did not answer within ${REDIS_DEADLINE_MS} ms`);
  }
}

/**
 * The worker's only way to add and look up jobs: a job name fixes its queue, payload type and
 * options. Every call fails within a deadline when Redis is away, so a caller holding a database
 * transaction is never stuck on an outage: the outbox or a sweeper hands the job over again later.
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

  async withRedis<T>(work: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new RedisUnavailable()), REDIS_DEADLINE_MS)));
    try {
      return await Promise.race([work(), deadline]);
    } finally {
      clearTimeout(timer);
    }
  }

  async add<N extends JobName>(name: N, data: JobPayloads[N], opts: JobsOptions = {}): Promise<void> {
    await this.withRedis(() => this.queue(JOB_QUEUE[name]).add(name, data, { ...jobOptions(name, data), ...opts }));
  }

  /** Adds jobs, one round trip per queue. */
  async addBulk(jobs: JobToAdd[]): Promise<void> {
    const byQueue = new Map<QueueName, JobToAdd[]>();
    for (const job of jobs) byQueue.set(JOB_QUEUE[job.name], [...(byQueue.get(JOB_QUEUE[job.name]) ?? []), job]);
    for (const [queue, list] of byQueue) {
      const bulk = list.map((j) => ({ name: j.name, data: j.data, opts: { ...jobOptions(j.name, j.data), ...j.opts } }));
      await this.withRedis(() => this.queue(queue).addBulk(bulk));
    }
  }

  /** What became of a job Redis should hold: still waiting, done, given up, or gone (`missing`). */
  async jobState(queue: QueueName, jobId: string): Promise<'waiting' | 'completed' | 'failed' | 'missing'> {
    return this.withRedis(async () => {
      const job = await this.queue(queue).getJob(jobId);
      if (!job) return 'missing';
      if (await job.isFailed()) return 'failed';
      return (await job.isCompleted()) ? 'completed' : 'waiting';
    });
  }

  async retryFailed(queue: QueueName, jobId: string): Promise<void> {
    await this.withRedis(async () => {
      const job = await this.queue(queue).getJob(jobId);
      await job?.retry('failed');
    });
  }

  async remove(queue: QueueName, jobId: string): Promise<void> {
    await this.withRedis(() => this.queue(queue).remove(jobId));
  }

  /** After the workers finished their active jobs (onModuleDestroy), before the connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => Promise.race([q.close().catch(() => undefined), new Promise((r) => setTimeout(r, 1000).unref())])));
  }
}
