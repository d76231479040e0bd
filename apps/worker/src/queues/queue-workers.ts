import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { assertEveryJobHandled, type JobHandlers, type QueueName } from '@firsthand/queue-contracts';
import { Worker, type Job } from 'bullmq';
import { RedisConnections } from '../redis-connections.js';
import { WorkerMetrics } from '../worker-metrics.js';

/**
 * One BullMQ worker per queue, dispatching on `job.name` (BullMQ's own advice), with the logging
 * and metrics every queue needs written once. Boot fails when a job of the queue has no handler.
 */
@Injectable()
export class QueueWorkers implements OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly redis: RedisConnections,
    private readonly metrics: WorkerMetrics,
  ) {}

  async run<Q extends QueueName>(queue: Q, handlers: JobHandlers<Q>, options: { concurrency?: number } = {}): Promise<Worker> {
    assertEveryJobHandled(queue, handlers);
    const table = handlers as Record<string, (data: unknown, attemptsMade: number) => Promise<unknown>>;
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const handler = table[job.name];
        if (!handler) throw new Error(`No handler for job ${job.name} on ${queue}`);
        const stopTimer = this.metrics.jobStarted(queue, job.name, job.timestamp, job.opts.delay ?? 0);
        try {
          const result = await handler(job.data, job.attemptsMade);
          stopTimer('completed');
          return result;
        } catch (error) {
          stopTimer('failed');
          throw error;
        }
      },
      {
        connection: this.redis.forWorker(),
        prefix: this.config.queuePrefix,
        concurrency: options.concurrency ?? this.config.worker.concurrency,
        // A job whose worker died is noticed once its lock runs out, then handed to another worker.
        lockDuration: this.config.worker.stalledIntervalMs,
        stalledInterval: this.config.worker.stalledIntervalMs,
        maxStalledCount: 2,
      },
    );
    worker.on('failed', (job, error) => this.logger.warn(`${queue}/${job?.name} ${job?.id} failed (attempt ${job?.attemptsMade}): ${error.message}`));
    worker.on('error', (error) => this.logger.warn(`${queue} worker: ${error.message}`));
    this.workers.push(worker);
    await worker.waitUntilReady();
    return worker;
  }

  /** SIGTERM: stop taking jobs and let the active ones finish (first of the shutdown hooks, while Redis and PostgreSQL are still open). */
  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.close()));
  }
}
