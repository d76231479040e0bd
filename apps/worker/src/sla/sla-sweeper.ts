import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { sameThreshold, slaThresholds } from '@firsthand/domain';
import { ReplanSlaClocks } from './replan-sla-clocks.js';
import { SlaCalendars, SlaEscalationLedger } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';
import { JobProducer } from '../queues/job-producer.js';
import { ApplySlaThreshold } from './apply-sla-threshold.js';
import { EscalationScheduler } from './escalation-scheduler.js';

/** Present in Redis while its timers are; gone after a flush or a fresh Redis, which tells the sweeper to re-create them all. */
const TIMERS_PRESENT_KEY = 'sla-timers-present';
/** Held by the one worker re-creating the timers; the others leave it to that one. */
const RECREATING_KEY = 'sla-timers-recreating';
const BATCH = 200;

/**
 * The safety net under the SLA timers, run in every worker from PostgreSQL alone: thresholds whose
 * time passed without their escalation are applied here (once, by the ledger), and when Redis has
 * lost its timers every unresolved ticket's timers are re-created.
 */
@Injectable()
export class SlaSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(SlaSweeper.name);
  private task?: PeriodicTask;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly ledger: SlaEscalationLedger,
    private readonly apply: ApplySlaThreshold,
    private readonly scheduler: EscalationScheduler,
    private readonly producer: JobProducer,
    private readonly calendars: SlaCalendars,
    private readonly replan: ReplanSlaClocks,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('timers')) return;
    this.task = new PeriodicTask('SLA sweep', this.config.worker.sweepEverySeconds * 1000, async () => void (await this.sweep()), this.logger).start();
  }

  async sweep(now: Date = new Date()): Promise<{ applied: number; rescheduled: number; replanned: number }> {
    // Calendar changes first: their re-planned due times are what the overdue check should see.
    const replanned = await this.replan.run().catch((error: Error) => {
      this.logger.warn(`SLA re-plans not run (${error.message}); they stay pending`);
      return 0;
    });
    const applied = await this.applyOverdue(now);
    const rescheduled = await this.recreateLostTimers().catch((error: Error) => {
      this.logger.warn(`SLA timers not checked (${error.message}); overdue thresholds are still applied from PostgreSQL`);
      return 0;
    });
    return { applied, rescheduled, replanned };
  }

  /** Applies every overdue threshold nobody applied; returns how many it applied. */
  async applyOverdue(now: Date): Promise<number> {
    let applied = 0;
    for (;;) {
      const ids = await this.ledger.overdueTicketIds(now, BATCH);
      let appliedThisRound = 0;
      for (const id of ids) {
        const found = await this.ledger.ticketWithApplied(id);
        if (!found) continue;
        const calendar = await this.calendars.forTicket(found.ticket);
        const due = slaThresholds(found.ticket, calendar).filter((t) => t.fireAt.getTime() <= now.getTime() && !found.applied.some((d) => sameThreshold(d, t)));
        let appliedHere = 0;
        for (const threshold of due.sort((a, b) => a.fireAt.getTime() - b.fireAt.getTime())) {
          if ((await this.apply.run(id, threshold, now)) === 'applied') appliedHere++;
        }
        // Its timer was lost, so the next moment's timer was never set: it is now. Without Redis, the
        // next sweep applies that moment too, from PostgreSQL.
        if (appliedHere > 0) {
          await this.scheduler.rescheduleById(id).catch((error: Error) => this.logger.warn(`The next SLA timers of ticket ${id} not set (${error.message}); the sweep applies them when due`));
        }
        appliedThisRound += appliedHere;
      }
      applied += appliedThisRound;
      if (ids.length < BATCH || appliedThisRound === 0) break;
    }
    if (applied > 0) this.logger.warn(`Applied ${applied} overdue SLA threshold(s) whose timers had not fired`);
    return applied;
  }

  /** When Redis no longer has the marker (flushed, or new), re-creates the timers of every unresolved ticket. */
  async recreateLostTimers(): Promise<number> {
    const redis = this.producer.keys;
    if ((await this.producer.withRedis(() => redis.exists(this.producer.key(TIMERS_PRESENT_KEY)))) === 1) return 0;
    const claimed = await this.producer.withRedis(() => redis.set(this.producer.key(RECREATING_KEY), String(process.pid), 'PX', 10 * 60_000, 'NX'));
    if (claimed !== 'OK') return 0;
    let tickets = 0;
    let after: string | null = null;
    for (;;) {
      const ids = await this.ledger.openTicketIds(after, BATCH);
      for (const id of ids) await this.scheduler.rescheduleById(id);
      tickets += ids.length;
      if (ids.length < BATCH) break;
      after = ids[ids.length - 1];
    }
    await this.producer.withRedis(() => redis.set(this.producer.key(TIMERS_PRESENT_KEY), new Date().toISOString()));
    await this.producer.withRedis(() => redis.del(this.producer.key(RECREATING_KEY)));
    this.logger.log(`Re-created the SLA timers of ${tickets} unresolved ticket(s): Redis did not have them`);
    return tickets;
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
