import { Injectable } from '@nestjs/common';
import { sameThreshold, slaThresholds, type Ticket } from '@firsthand/domain';
import { SlaCalendars, SlaEscalationLedger, type AppliedThreshold, type CalendarChoice } from '@firsthand/persistence';
import { JobId, JobName, QueueName, type JobPayloads } from '@firsthand/queue-contracts';
import { JobProducer, type JobToAdd } from '../queues/job-producer.js';

type TimerPayload = JobPayloads[typeof JobName.SlaThresholdReached];

const DAY_MS = 86_400_000;

/**
 * Keeps one delayed BullMQ job per threshold still ahead of a ticket, with ids derived from the
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
    const found = await this.ledger.ticketWithApplied(ticketId);
    return found ? this.reschedule(found.ticket, new Date(), { applied: found.applied }) : 0;
  }

  /**
   * Returns how many timers the ticket now has. `known`: the ticket's applied thresholds and its
   * calendar's choice, when the caller read them with it (else they are read here).
   */
  async reschedule(ticket: Ticket, now: Date = new Date(), known?: { applied: AppliedThreshold[]; calendar?: CalendarChoice }): Promise<number> {
    const applied = known?.applied ?? (await this.ledger.appliedFor(ticket.id));
    const calendar = known?.calendar ? await this.calendars.chosen(known.calendar) : await this.calendars.forTicket(ticket);
    const ahead = slaThresholds(ticket, calendar).filter((t) => !applied.some((a) => sameThreshold(a, t)));
    const jobs: Array<JobToAdd<typeof JobName.SlaThresholdReached>> = ahead.map((t) => ({
      name: JobName.SlaThresholdReached,
      data: { ticketId: ticket.id, target: t.target, stage: t.stage, dueAt: t.dueAt.toISOString() } satisfies TimerPayload,
      // BullMQ counts the delay from the job's timestamp, which would otherwise be taken when the job
      // reaches Redis: from `now` instead, the job is due at the threshold's moment, not that much later.
      opts: { timestamp: now.getTime(), delay: Math.max(0, t.fireAt.getTime() - now.getTime()) },
    }));
    const wanted = new Set(jobs.map((j) => JobId.slaThreshold(j.data)));
    const redis = this.producer.keys;
    const key = this.producer.key(`sla-timers:${ticket.id}`);
    const previous = new Set(await this.producer.withRedis(() => redis.smembers(key)));
    // A timer in the set was added before (and may have fired since): adding it again would be a no-op in Redis, so it is not sent.
    const stale = [...previous].filter((id) => !wanted.has(id));
    const added = jobs.filter((j) => !previous.has(JobId.slaThreshold(j.data)));
    await Promise.all(stale.map((id) => this.producer.remove(QueueName.SlaTimers, id)));
    if (added.length > 0) await this.producer.addBulk(added);
    if (stale.length === 0 && added.length === 0) return wanted.size;
    const latest = Math.max(now.getTime(), ...ahead.map((t) => t.fireAt.getTime()));
    const write = redis.multi().del(key);
    if (wanted.size > 0) write.sadd(key, ...wanted).pexpireat(key, latest + DAY_MS);
    await this.producer.withRedis(() => write.exec());
    return wanted.size;
  }
}
