import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { JobName, QueueName } from '@firsthand/queue-contracts';
import { QueueWorkers } from '../queues/queue-workers.js';
import { ApplySlaThreshold } from './apply-sla-threshold.js';
import { EscalationScheduler } from './escalation-scheduler.js';

/** The SLA timers' queue: a fired timer applies its threshold, or finds it stale and does nothing. */
@Injectable()
export class SlaTimersProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaTimersProcessor.name);

  constructor(
    private readonly workers: QueueWorkers,
    private readonly apply: ApplySlaThreshold,
    private readonly scheduler: EscalationScheduler,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('timers')) return;
    await this.workers.run(QueueName.SlaTimers, {
      [JobName.SlaThresholdReached]: async ({ ticketId, target, stage, dueAt }) => {
        const outcome = await this.apply.run(ticketId, { target, stage, dueAt: new Date(dueAt) });
        if (outcome === 'applied') this.logger.log(`SLA ${target} ${stage} on ticket ${ticketId}`);
        // A stale timer may be one that two changes' jobs, racing, left in place of the right one
        // (each sets the ticket's timers from the ticket as it read it): they are set again from the
        // ticket as it is now, a no-op when they are right.
        if (outcome === 'stale') await this.scheduler.rescheduleById(ticketId);
        return { outcome };
      },
    }, { concurrency: this.workers.timerConcurrency });
  }
}
