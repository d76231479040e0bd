import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { JobName, QueueName } from '@firsthand/queue-contracts';
import { QueueWorkers } from '../queues/queue-workers.js';
import { DeliverNotification } from './deliver-notification.js';

/** The delivery queue: one job per attempt of one notification. */
@Injectable()
export class NotificationsProcessor implements OnApplicationBootstrap {
  constructor(private readonly workers: QueueWorkers, private readonly deliver: DeliverNotification, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('deliveries')) return;
    await this.workers.run(QueueName.Notifications, {
      [JobName.DeliverNotification]: async ({ notificationId }) => ({ outcome: await this.deliver.run(notificationId) }),
    }, { concurrency: this.workers.followUpConcurrency });
  }
}
