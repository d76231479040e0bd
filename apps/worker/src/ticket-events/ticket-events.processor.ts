import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { committedEventIds, JobName, QueueName } from '@firsthand/queue-contracts';
import { QueueWorkers } from '../queues/queue-workers.js';
import { HandleCommittedEvent } from './handle-committed-event.js';

/** The committed-events queue: jobs of one or several ticket events, handed over by the outbox relay. */
@Injectable()
export class TicketEventsProcessor implements OnApplicationBootstrap {
  constructor(private readonly workers: QueueWorkers, private readonly handle: HandleCommittedEvent, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('events')) return;
    await this.workers.run(QueueName.TicketEvents, {
      [JobName.TicketEventCommitted]: (data) => this.handle.run(committedEventIds(data)),
    }, { concurrency: this.workers.followUpConcurrency });
  }
}
