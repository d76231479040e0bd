import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { GroupCommit } from '@firsthand/persistence';
import { JobName, QueueName } from '@firsthand/queue-contracts';
import { QueueWorkers } from '../queues/queue-workers.js';
import { ApplySlaThreshold } from './apply-sla-threshold.js';
import { EscalationScheduler } from './escalation-scheduler.js';

/**
 * Sets the next timers of the tickets whose timers fired: those firing together in one read and one
 * round of Redis calls. If that fails, each ticket is tried alone, so one ticket's failure (its job
 * is retried) holds back no other's.
 */
export function nextTimersSetter(scheduler: Pick<EscalationScheduler, 'rescheduleByIds' | 'rescheduleById'>): GroupCommit<string, number> {
  return new GroupCommit<string, number>(async (ticketIds) => {
    try {
      const count = await scheduler.rescheduleByIds(ticketIds);
      return ticketIds.map(() => ({ status: 'fulfilled' as const, value: count }));
    } catch {
      return Promise.allSettled(ticketIds.map((id) => scheduler.rescheduleById(id)));
    }
  }, { maxBatch: 64, maxInFlight: 2 });
}

/** The SLA timers' queue: a fired timer applies its threshold, or finds it stale and does nothing. */
@Injectable()
export class SlaTimersProcessor implements OnApplicationBootstrap {
  private readonly logger = new Logger(SlaTimersProcessor.name);
  private readonly following: GroupCommit<string, number>;

  constructor(
    private readonly workers: QueueWorkers,
    private readonly apply: ApplySlaThreshold,
    scheduler: EscalationScheduler,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {
    this.following = nextTimersSetter(scheduler);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('timers')) return;
    await this.workers.run(QueueName.SlaTimers, {
      [JobName.SlaThresholdReached]: async ({ ticketId, target, stage, dueAt }) => {
        const outcome = await this.apply.run(ticketId, { target, stage, dueAt: new Date(dueAt) });
        if (outcome === 'applied') this.logger.log(`SLA ${target} ${stage} on ticket ${ticketId}`);
        // A ticket has timers for its next moment only: once that moment is past, its next one is
        // timed. And a stale timer may be one that two changes' jobs, racing, left in place of the
        // right one (each sets the ticket's timers from the ticket as it read it): they are set again
        // from the ticket as it is now, a no-op when they are right. If this fails, the job is retried.
        if (outcome !== 'missing') await this.following.submit(ticketId);
        return { outcome };
      },
    }, { concurrency: this.workers.timerConcurrency });
  }
}
