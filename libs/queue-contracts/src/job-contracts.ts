import { createHash } from 'node:crypto';
import type { JobsOptions } from 'bullmq';
import { JobName, QueueName } from './queue-names.js';

/**
 * One payload type per job name: a producer cannot send the wrong shape, a handler gets the right
 * one. Jobs carry ids, never snapshots: the handler re-reads PostgreSQL and checks the job still applies.
 */
export interface JobPayloads {
  [JobName.CloseSettledResolutions]: { batchSize: number };
  /** Several events when several were due at once (oldest first); jobs handed over before that carry one `eventId`. */
  [JobName.TicketEventCommitted]: { eventIds: string[] } | { eventId: string };
  /** `fireAt`: when it is set to fire (absent on timers set before it was recorded). */
  [JobName.SlaThresholdReached]: { ticketId: string; target: 'first_response' | 'next_update' | 'resolution'; stage: 'warning' | 'breach' | 'critical' | 'reminder'; dueAt: string; fireAt?: string };
  /** `round` counts supervisor retries, so a retried notification gets a fresh job id. */
  [JobName.DeliverNotification]: { notificationId: string; attempt: number; round: number };
}

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

/** Which queue carries each job. */
export const JOB_QUEUE = {
  [JobName.CloseSettledResolutions]: QueueName.TicketMaintenance,
  [JobName.TicketEventCommitted]: QueueName.TicketEvents,
  [JobName.SlaThresholdReached]: QueueName.SlaTimers,
  [JobName.DeliverNotification]: QueueName.Notifications,
} as const satisfies Record<JobName, QueueName>;

const DAY_SECONDS = 86_400;

/**
 * Deterministic job ids (BullMQ forbids ':' in them). Adding a job whose id is still in Redis is a
 * no-op, which is what makes re-sending from the outbox and re-creating timers safe; completed jobs
 * are kept a day for that reason.
 */
export const JobId = {
  /**
   * One event's id as before (`event-<id>`); several: the first, how many, and a digest of them all,
   * so two different sets never share an id (a second hand-over of a different set would otherwise
   * be a no-op in Redis, and its other events never handled).
   */
  ticketEvents: (eventIds: readonly string[]) =>
    eventIds.length === 1
      ? `event-${eventIds[0]}`
      : `events-${eventIds[0]}-${eventIds.length}-${createHash('sha256').update(eventIds.join(',')).digest('base64url').slice(0, 22)}`,
  /**
   * A threshold's timer by its due time and the moment it fires: a calendar change that moves the
   * 80% or 150% instant but not the due time makes a new timer (and the old one goes), instead of
   * leaving the old delay in place.
   */
  slaThreshold: (p: JobPayloads[typeof JobName.SlaThresholdReached]) =>
    `sla-${p.ticketId}-${p.target}-${p.stage}-${Date.parse(p.dueAt)}${p.fireAt ? `-f${Date.parse(p.fireAt)}` : ''}`,
  delivery: (p: JobPayloads[typeof JobName.DeliverNotification]) => `notify-${p.notificationId}-r${p.round}-a${p.attempt}`,
};

/** The events a committed-events job carries. */
export function committedEventIds(data: JobPayloads[typeof JobName.TicketEventCommitted]): string[] {
  return 'eventIds' in data ? data.eventIds : [data.eventId];
}

/** Job options in one place, keyed by job name. */
export function jobOptions<N extends JobName>(name: N, data?: JobPayloads[N]): JobsOptions {
  switch (name) {
    case JobName.CloseSettledResolutions:
      // A sweep: if one run fails, the next scheduled run picks up the same tickets.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 500 };
    case JobName.TicketEventCommitted:
      return {
        jobId: JobId.ticketEvents(committedEventIds(data as JobPayloads[typeof JobName.TicketEventCommitted])),
        attempts: 10,
        backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
        removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      };
    case JobName.SlaThresholdReached:
      return {
        jobId: JobId.slaThreshold(data as JobPayloads[typeof JobName.SlaThresholdReached]),
        attempts: 5,
        backoff: { type: 'exponential', delay: 1000, jitter: 0.5 },
        removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      };
    case JobName.DeliverNotification:
      // Delivery retries are the notification's own (recorded, with jitter); these cover crashes of the handler itself.
      return {
        jobId: JobId.delivery(data as JobPayloads[typeof JobName.DeliverNotification]),
        attempts: 5,
        backoff: { type: 'exponential', delay: 2000, jitter: 0.5 },
        removeOnComplete: { age: DAY_SECONDS, count: 100_000 },
        removeOnFail: { age: 7 * DAY_SECONDS },
      };
  }
  throw new Error(`No job options for ${String(name)}`);
}

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue);
}

export type JobHandlers<Q extends QueueName> = {
  [N in JobName as (typeof JOB_QUEUE)[N] extends Q ? N : never]: (data: JobPayloads[N], attemptsMade: number) => Promise<unknown>;
};

/** Fails at boot when a queue's job has no handler, so a job never waits for code that is not there. */
export function assertEveryJobHandled(queue: QueueName, handlers: Partial<Record<JobName, unknown>>): void {
  const missing = jobNamesOf(queue).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`Queue ${queue} has no handler for: ${missing.join(', ')}`);
  const unknown = Object.keys(handlers).filter((name) => (JOB_QUEUE as Record<string, QueueName>)[name] !== queue);
  if (unknown.length > 0) throw new Error(`Queue ${queue} has handlers for jobs it does not carry: ${unknown.join(', ')}`);
}
