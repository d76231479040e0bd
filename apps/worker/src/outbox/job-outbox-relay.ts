import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { JobOutbox, OutboxWakeups, type DueEvent } from '@firsthand/persistence';
import { JobId, JobName, QueueName } from '@firsthand/queue-contracts';
import { PeriodicTask } from '../periodic-task.js';
import { JobProducer } from '../queues/job-producer.js';

const BATCH = 500;
/** A handed-over event not handled after this long is handed over again (a no-op if its job is still in Redis). */
const HAND_OVER_AGAIN_AFTER_MS = 60_000;

/**
 * Hands committed ticket events to BullMQ. Woken by NOTIFY from the trigger that fills job_outbox,
 * and by a sweep, so events committed while Redis or every worker was down are handed over once
 * they are back. Several relays share the rows with SKIP LOCKED; the job id is the event's, so a
 * second hand-over of the same event is a no-op in Redis.
 */
@Injectable()
export class JobOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobOutboxRelay.name);
  private wakeups?: OutboxWakeups;
  private task?: PeriodicTask;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly outbox: JobOutbox,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.task = new PeriodicTask('job outbox relay', Math.min(5000, this.config.worker.sweepEverySeconds * 1000), async () => void (await this.drain()), this.logger).start();
    this.wakeups = new OutboxWakeups(this.config.databaseUrl, 'firsthand_job_outbox', () => void this.task?.runOnce(), this.logger);
    await this.wakeups.open();
  }

  /** Hands over everything due, a batch per transaction; a batch Redis refused rolls back and waits for the next wake-up. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      // One deadline for the batch's Redis calls together: the rows stay locked only that long.
      const handed = await this.outbox.handOverDue(HAND_OVER_AGAIN_AFTER_MS, BATCH, (due) => this.producer.withRedis(() => this.handOver(due)));
      total += handed;
      if (handed < BATCH) return total;
    }
  }

  /** Returns the events whose jobs were found completed: their rows can go. */
  private async handOver(due: DueEvent[]): Promise<string[]> {
    const fresh = due.filter((d) => !d.handedOverBefore);
    if (fresh.length > 0) await this.producer.addBulk(fresh.map((d) => ({ name: JobName.TicketEventCommitted, data: { eventId: d.eventId } })));
    const handled: string[] = [];
    for (const again of due.filter((d) => d.handedOverBefore)) if (await this.handOverAgain(again.eventId)) handled.push(again.eventId);
    return handled;
  }

  /** Still waiting in Redis: nothing to do; gave up: retry it; done: true (clear the row). Gone (Redis lost it): add it again. */
  private async handOverAgain(eventId: string): Promise<boolean> {
    const jobId = JobId.ticketEvent(eventId);
    const state = await this.producer.jobState(QueueName.TicketEvents, jobId);
    if (state === 'missing') {
      await this.producer.add(JobName.TicketEventCommitted, { eventId });
      this.logger.warn(`Event ${eventId} was handed over before but Redis no longer has its job: handed over again`);
    } else if (state === 'failed') {
      await this.producer.retryFailed(QueueName.TicketEvents, jobId);
    }
    return state === 'completed';
  }

  async onModuleDestroy(): Promise<void> {
    await this.wakeups?.close();
    await this.task?.stop();
  }
}
