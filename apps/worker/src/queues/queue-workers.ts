import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { assertEveryJobHandled, type JobHandlers, type QueueName } from '@firsthand/queue-contracts';
import { Worker, type Job } from 'bullmq';
import { RedisConnections } from '../redis-connections.js';
import { WorkerMetrics } from '../worker-metrics.js';

/** Under the launcher's and compose's 10 s before SIGKILL, leaving time for the connections to close. */
const SHUTDOWN_GRACE_MS = 6000;

/**
 * One BullMQ worker per queue, dispatching on `job.name` (BullMQ's own advice), with the logging
 * and metrics every queue needs written once. Boot fails when a job of the queue has no handler.
 */
@Injectable()
export class QueueWorkers implements OnModuleDestroy {
  private readonly logger = new Logger(QueueWorkers.name);
  private readonly workers: Worker[] = [];
  private active = 0;
  private readonly lastWarnedAt = new Map<string, number>();

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly redis: RedisConnections,
    private readonly metrics: WorkerMetrics,
  ) {}

  /**
   * Follow-up work (what an event sets off, deliveries) runs at half the concurrency of the SLA
   * timers, so a burst of it cannot take every database connection from timers that are due now.
   */
  get followUpConcurrency(): number {
    return Math.max(1, Math.ceil(this.config.worker.concurrency / 2));
  }

  /**
   * SLA timers run at four times the base concurrency: a timer's job waits on the shared group
   * commit of its threshold (ApplySlaThreshold), not on a database connection of its own, and a slot
   * held while that commit runs would otherwise delay the next timer's start.
   */
  get timerConcurrency(): number {
    return this.config.worker.concurrency * 4;
  }

  async run<Q extends QueueName>(queue: Q, handlers: JobHandlers<Q>, options: { concurrency?: number } = {}): Promise<Worker> {
    assertEveryJobHandled(queue, handlers);
    const table = handlers as Record<string, (data: unknown, attemptsMade: number) => Promise<unknown>>;
    const worker = new Worker(
      queue,
      async (job: Job) => {
        const handler = table[job.name];
        if (!handler) throw new Error(`No handler for job ${job.name} on ${queue}`);
        const stopTimer = this.metrics.jobStarted(queue, job.name, job.timestamp, job.opts.delay ?? 0);
        this.active++;
        try {
          const result = await handler(job.data, job.attemptsMade);
          stopTimer('completed');
          return result;
        } catch (error) {
          stopTimer('failed');
          throw error;
        } finally {
          this.active--;
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
    worker.on('error', (error) => this.warnNowAndThen(queue, `${queue} worker: ${error.message}`));
    this.workers.push(worker);
    await worker.waitUntilReady();
    return worker;
  }

  /**
   * SIGTERM: stop taking jobs and let the active ones finish (first of the shutdown hooks, while
   * Redis and PostgreSQL are still open). A job still running after the grace period is left to
   * stall, and BullMQ hands it to another worker.
   */
  async onModuleDestroy(): Promise<void> {
    for (const worker of this.workers) void worker.pause(true).catch(() => undefined);
    const deadline = Date.now() + SHUTDOWN_GRACE_MS;
    while (this.active > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (this.active > 0) this.logger.warn(`${this.active} job(s) did not finish within ${SHUTDOWN_GRACE_MS / 1000} s of SIGTERM: closing by force`);
    // Nothing is running now (or it is out of time): a forced close does not wait on a Redis that may be gone.
    await Promise.all(this.workers.map((w) => w.close(true).catch(() => undefined)));
  }

  /** A Redis outage makes every connection complain several times a second; once per queue and half-minute is enough. */
  private warnNowAndThen(key: string, message: string): void {
    const now = Date.now();
    if (now - (this.lastWarnedAt.get(key) ?? 0) < 30_000) return;
    this.lastWarnedAt.set(key, now);
    this.logger.warn(message);
  }
}
