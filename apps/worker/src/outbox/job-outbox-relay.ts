import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { JobOutbox, OutboxWakeups, type DueEvent, type HandOverOutcome } from '@firsthand/persistence';
import { JobId, JobName, QueueName } from '@firsthand/queue-contracts';
import { PeriodicTask } from '../periodic-task.js';
import { JobProducer } from '../queues/job-producer.js';

const BATCH = 500;
/** A handed-over event not handled after this long is handed over again (a no-op if its job is still in Redis). */
const HAND_OVER_AGAIN_AFTER_MS = 60_000;
/**
 * Events due together go to the worker together, up to this many a job: the worker reads them in one
 * statement and moves their timers in one round trip, and each job costs BullMQ three round trips
 * to Redis whatever it carries.
 */
const EVENTS_PER_JOB = 20;
/** A wake-up waits this long before it hands over, so the events committed meanwhile share jobs (under load, a commit comes every few ms). */
const GATHER_MS = 25;

/**
 * Hands committed ticket events to BullMQ, several to a job when several are due. Woken by NOTIFY
 * from the trigger that fills job_outbox, and by a sweep, so events committed while Redis or every
 * worker was down are handed over once they are back. Several relays share the rows with SKIP
 * LOCKED; a job's id is derived from its events, so a second hand-over of the same job is a no-op
 * in Redis, and each row records its job so a late one is checked against it.
 */
@Injectable()
export class JobOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(JobOutboxRelay.name);
  private wakeups?: OutboxWakeups;
  private task?: PeriodicTask;
  private gathering?: NodeJS.Timeout;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly outbox: JobOutbox,
    private readonly producer: JobProducer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('relays')) return;
    this.task = new PeriodicTask('job outbox relay', Math.min(5000, this.config.worker.sweepEverySeconds * 1000), async () => void (await this.drain()), this.logger).start();
    this.wakeups = new OutboxWakeups(this.config.databaseUrl, 'firsthand_job_outbox', () => this.woken(), this.logger);
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

  private woken(): void {
    this.gathering ??= setTimeout(() => {
      this.gathering = undefined;
      void this.task?.runOnce();
    }, GATHER_MS);
  }

  private async handOver(due: DueEvent[]): Promise<HandOverOutcome> {
    const handedTo: HandOverOutcome['handedTo'] = [];
    const jobs = [];
    const fresh = due.filter((d) => !d.handedOverBefore).map((d) => d.eventId);
    for (let i = 0; i < fresh.length; i += EVENTS_PER_JOB) {
      const eventIds = fresh.slice(i, i + EVENTS_PER_JOB);
      jobs.push({ name: JobName.TicketEventCommitted, data: { eventIds } });
      const jobId = JobId.ticketEvents(eventIds);
      handedTo.push(...eventIds.map((eventId) => ({ eventId, jobId })));
    }
    if (jobs.length > 0) await this.producer.addBulk(jobs);
    const handled: string[] = [];
    const late = new Map<string, string[]>();
    for (const d of due.filter((e) => e.handedOverBefore)) {
      const jobId = d.jobId ?? JobId.ticketEvents([d.eventId]);
      late.set(jobId, [...(late.get(jobId) ?? []), d.eventId]);
    }
    for (const [jobId, eventIds] of late) {
      const outcome = await this.handOverAgain(jobId, eventIds);
      if (outcome === 'handled') handled.push(...eventIds);
      else if (outcome !== jobId) handedTo.push(...eventIds.map((eventId) => ({ eventId, jobId: outcome })));
    }
    return { handled, handedTo };
  }

  /**
   * Events not handled a minute after their hand-over. Their job still waiting in Redis: nothing to
   * do; given up: retry it; done: 'handled' (the rows can go). Gone (Redis lost it): the events go again in a job of their own, whose id
   * is returned.
   */
  private async handOverAgain(jobId: string, eventIds: string[]): Promise<string | 'handled'> {
    const state = await this.producer.jobState(QueueName.TicketEvents, jobId);
    if (state === 'missing') {
      await this.producer.add(JobName.TicketEventCommitted, { eventIds });
      this.logger.warn(`Events ${eventIds.join(', ')} were handed over before but Redis no longer has their job: handed over again`);
      return JobId.ticketEvents(eventIds);
    }
    if (state === 'failed') await this.producer.retryFailed(QueueName.TicketEvents, jobId);
    return state === 'completed' ? 'handled' : jobId;
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.gathering);
    await this.wakeups?.close();
    await this.task?.stop();
  }
}
