import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { configureMetrics, settleDueOutcomes } from '@firsthand/persistence';
import { assertEveryJobHandled, JobName, jobOptions, QueueName, type JobHandlers } from '@firsthand/queue-contracts';
import { Queue, Worker, type Job } from 'bullmq';
import type { DataSource } from 'typeorm';
import { CloseSettledResolutions } from './close-settled-resolutions.js';
import { RedisConnections } from '../redis-connections.js';

/** One processor for the maintenance queue, dispatching on the job name. */
@Injectable()
export class TicketMaintenanceProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(TicketMaintenanceProcessor.name);
  private queue?: Queue;
  private worker?: Worker;
  private readonly handlers: JobHandlers<typeof QueueName.TicketMaintenance>;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    @InjectDataSource() db: DataSource,
    private readonly redis: RedisConnections,
  ) {
    // Closing a ticket appends an event, which re-records its metrics outcome with these settings.
    configureMetrics({ windows: config.windows, timeZone: config.metricsTimeZone });
    const closer = new CloseSettledResolutions(db, config.windows);
    this.handlers = {
      [JobName.CloseSettledResolutions]: async ({ batchSize }) => {
        const closed = await closer.run(batchSize);
        if (closed > 0) this.logger.log(`Closed ${closed} settled resolution(s)`);
        const settled = await db.transaction((em) => settleDueOutcomes(em, new Date(), batchSize));
        return { closed, settled };
      },
    };
    assertEveryJobHandled(QueueName.TicketMaintenance, this.handlers);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.queue = new Queue(QueueName.TicketMaintenance, { connection: this.redis.forQueue() });
    await this.queue.upsertJobScheduler(
      JobName.CloseSettledResolutions,
      { every: this.config.worker.autoCloseEverySeconds * 1000 },
      { name: JobName.CloseSettledResolutions, data: { batchSize: 500 }, opts: jobOptions(JobName.CloseSettledResolutions) },
    );
    this.worker = new Worker(QueueName.TicketMaintenance, (job: Job) => this.dispatch(job), {
      connection: this.redis.forWorker(),
      concurrency: 1,
    });
    this.worker.on('failed', (job, error) => this.logger.error(`${job?.name} ${job?.id} failed: ${error.message}`));
    await this.worker.waitUntilReady();
  }

  private dispatch(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as keyof typeof this.handlers];
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    return handler(job.data);
  }

  /** Lets the active job finish before the process exits (SIGTERM). */
  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
    await this.queue?.close();
  }
}
