import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { NotificationStore } from '@firsthand/persistence';
import { JobId, JobName, QueueName } from '@firsthand/queue-contracts';
import { PeriodicTask } from '../periodic-task.js';
import { JobProducer } from '../queues/job-producer.js';

const BATCH = 500;
/** How late a waiting send may be before the sweeper assumes Redis lost its job. */
const GRACE_MS = 30_000;

/**
 * Notifications whose job Redis lost (a flush, a restart without AOF, a failed retry hand-over) are
 * handed over again, and jobs that gave up while their notification still waits are retried.
 */
@Injectable()
export class NotificationSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(NotificationSweeper.name);
  private task?: PeriodicTask;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly store: NotificationStore,
    private readonly producer: JobProducer,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('deliveries')) return;
    this.task = new PeriodicTask('notification sweep', this.config.worker.sweepEverySeconds * 1000, async () => void (await this.sweep()), this.logger).start(false);
  }

  async sweep(now: Date = new Date()): Promise<number> {
    const overdue = await this.store.overdue(now, GRACE_MS, BATCH);
    let handed = 0;
    for (const n of overdue) {
      const data = { notificationId: n.id, attempt: n.attempts + 1, round: n.retryRound };
      const state = await this.producer.jobState(QueueName.Notifications, JobId.delivery(data));
      if (state === 'missing') await this.producer.add(JobName.DeliverNotification, data);
      else if (state === 'failed') await this.producer.retryFailed(QueueName.Notifications, JobId.delivery(data));
      else continue;
      handed++;
    }
    if (handed > 0) this.logger.log(`Handed ${handed} waiting notification(s) to the delivery queue again`);
    return handed;
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
