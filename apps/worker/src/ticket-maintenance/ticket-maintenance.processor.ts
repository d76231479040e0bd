import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { OutcomeSettlement } from '@firsthand/persistence';
import { JobName, jobOptions, QueueName } from '@firsthand/queue-contracts';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { PeriodicTask } from '../periodic-task.js';
import { JobProducer } from '../queues/job-producer.js';
import { QueueWorkers } from '../queues/queue-workers.js';
import { CloseSettledResolutions } from './close-settled-resolutions.js';

/** The maintenance queue: closes resolutions whose reopen window passed and settles their metrics. */
@Injectable()
export class TicketMaintenanceProcessor implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TicketMaintenanceProcessor.name);
  private schedule?: PeriodicTask;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly outcomes: OutcomeSettlement,
    private readonly clock: Clock,
    private readonly workers: QueueWorkers,
    private readonly producer: JobProducer,
    private readonly live: CommittedEventsPublisher,
    private readonly closer: CloseSettledResolutions,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('maintenance')) return;
    await this.ensureSchedule();
    await this.workers.run(
      QueueName.TicketMaintenance,
      {
        [JobName.CloseSettledResolutions]: async ({ batchSize }) => {
          const closed = await this.closer.run(batchSize);
          if (closed > 0) this.logger.log(`Closed ${closed} settled resolution(s)`);
          const settled = await this.outcomes.settleDue(this.clock.now(), batchSize);
          if (settled > 0) this.live.figuresChanged();
          return { closed, settled };
        },
      },
      { concurrency: 1 },
    );
    // Upserting is idempotent; doing it again brings back a schedule a flushed Redis forgot.
    this.schedule = new PeriodicTask('maintenance schedule', this.config.worker.sweepEverySeconds * 1000, () => this.ensureSchedule(), this.logger).start(false);
  }

  async ensureSchedule(): Promise<void> {
    await this.producer.withRedis(() =>
      this.producer.queue(QueueName.TicketMaintenance).upsertJobScheduler(
        JobName.CloseSettledResolutions,
        { every: this.config.worker.autoCloseEverySeconds * 1000 },
        { name: JobName.CloseSettledResolutions, data: { batchSize: 500 }, opts: jobOptions(JobName.CloseSettledResolutions) },
      ),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.schedule?.stop();
  }
}
