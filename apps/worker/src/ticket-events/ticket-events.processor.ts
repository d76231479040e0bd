import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { JobName, QueueName } from '@firsthand/queue-contracts';
import { QueueWorkers } from '../queues/queue-workers.js';
import { HandleCommittedEvent } from './handle-committed-event.js';

/** The committed-events queue: one job per ticket event, handed over by the outbox relay. */
@Injectable()
export class TicketEventsProcessor implements OnApplicationBootstrap {
  constructor(private readonly workers: QueueWorkers, private readonly handle: HandleCommittedEvent) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.workers.run(QueueName.TicketEvents, {
      [JobName.TicketEventCommitted]: ({ eventId }) => this.handle.run(eventId),
    }, { concurrency: this.workers.followUpConcurrency });
  }
}
