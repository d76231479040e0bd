import { Injectable } from '@nestjs/common';
import { nextSlaMoment, sameThreshold, slaThresholds, type Ticket } from '@firsthand/domain';
import { SlaCalendars, SlaEscalationLedger, type AppliedThreshold, type CalendarChoice } from '@firsthand/persistence';
import { JobId, JobName, QueueName, type JobPayloads } from '@firsthand/queue-contracts';
import { JobProducer, type JobToAdd } from '../queues/job-producer.js';

type TimerPayload = JobPayloads[typeof JobName.SlaThresholdReached];

const DAY_MS = 86_400_000;

/** A ticket whose timers are to follow its state; its applied thresholds and calendar choice when the caller read them with it. */
export interface TicketToTime {
  ticket: Ticket;
  applied?: AppliedThreshold[];
  calendar?: CalendarChoice;
}

/**
 * Keeps one delayed BullMQ job per threshold of a ticket's next moment (`nextSlaMoment`: the ones
 * after it are timed when it fires, by SlaTimersProcessor or the SlaSweeper), with ids derived from the
 * threshold (ticket, target, stage, due time): re-creating a timer that exists is a no-op, and a
 * changed due time is a new job while the old one is removed. Timers that fire late or stale do
 * nothing (the rule re-reads the ticket), so a missed removal costs one no-op.
 */
@Injectable()
export class EscalationScheduler {
  constructor(
    private readonly ledger: SlaEscalationLedger,
    private readonly producer: JobProducer,
    private readonly calendars: SlaCalendars,
  ) {}

  async rescheduleById(ticketId: string): Promise<number> {
    return this.rescheduleByIds([ticketId]);
  }

  /** The timers of these tickets (each read again, in one statement) moved to their state now. */
  async rescheduleByIds(ticketIds: readonly string[]): Promise<number> {
    const found = await this.ledger.ticketsWithApplied(ticketIds);
    return this.rescheduleAll(found.map(({ ticket, applied }) => ({ ticket, applied })));
  }

  /**
   * Moves the timers of tickets (each once) to their state now, in three round trips to Redis
   * whatever their number (their timer sets read, the new timers added, the sets written), plus one
   * per timer to remove. Returns how many timers they now have in all.
   */
  async rescheduleAll(tickets: readonly TicketToTime[], now: Date = new Date()): Promise<number> {
    if (tickets.length === 0) return 0;
    const plans = await Promise.all(tickets.map((t) => this.timersAhead(t, now)));
    const redis = this.producer.keys;
    const read = redis.pipeline();
    for (const plan of plans) read.smembers(plan.key);
    const sets = await this.producer.withRedis(() => read.exec());
    const write = redis.multi();
    const stale: string[] = [];
    const added: Array<JobToAdd<typeof JobName.SlaThresholdReached>> = [];
    plans.forEach((plan, i) => {
      const [error, members] = sets?.[i] ?? [new Error('Redis answered no timer set')];
      if (error) throw error;
      const previous = new Set(members as string[]);
      // A timer in the set was added before (and may have fired since): adding it again would be a no-op in Redis, so it is not sent.
      const wanted = new Set(plan.jobs.map((j) => JobId.slaThreshold(j.data)));
      const gone = [...previous].filter((id) => !wanted.has(id));
      const fresh = plan.jobs.filter((j) => !previous.has(JobId.slaThreshold(j.data)));
      if (gone.length === 0 && fresh.length === 0) return;
      stale.push(...gone);
      added.push(...fresh);
      write.del(plan.key);
      if (wanted.size > 0) write.sadd(plan.key, ...wanted).pexpireat(plan.key, plan.latest + DAY_MS);
    });
    await Promise.all(stale.map((id) => this.producer.remove(QueueName.SlaTimers, id)));
    if (added.length > 0) await this.producer.addBulk(added);
    // The sets are written after the timers they list exist: a set never names a timer Redis was not given.
    if (stale.length > 0 || added.length > 0) await this.producer.withRedis(() => write.exec());
    return plans.reduce((sum, plan) => sum + plan.jobs.length, 0);
  }

  private async timersAhead({ ticket, applied, calendar }: TicketToTime, now: Date) {
    const done = applied ?? (await this.ledger.appliedFor(ticket.id));
    const chosen = calendar ? await this.calendars.chosen(calendar) : await this.calendars.forTicket(ticket);
    const ahead = nextSlaMoment(slaThresholds(ticket, chosen).filter((t) => !done.some((a) => sameThreshold(a, t))), now);
    const jobs: Array<JobToAdd<typeof JobName.SlaThresholdReached>> = ahead.map((t) => ({
      name: JobName.SlaThresholdReached,
      data: { ticketId: ticket.id, target: t.target, stage: t.stage, dueAt: t.dueAt.toISOString(), fireAt: t.fireAt.toISOString() } satisfies TimerPayload,
      // BullMQ counts the delay from the job's timestamp, which would otherwise be taken when the job
      // reaches Redis: from `now` instead, the job is due at the threshold's moment, not that much later.
      opts: { timestamp: now.getTime(), delay: Math.max(0, t.fireAt.getTime() - now.getTime()) },
    }));
    const latest = Math.max(now.getTime(), ...ahead.map((t) => t.fireAt.getTime()));
    return { key: this.producer.key(`sla-timers:${ticket.id}`), jobs, latest };
  }
}
