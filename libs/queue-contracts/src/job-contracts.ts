import type { JobsOptions } from 'bullmq';
import { JobName, QueueName } from './queue-names.js';

/** One payload type per job name: a producer cannot send the wrong shape, a handler gets the right one. */
export interface JobPayloads {
  [JobName.CloseSettledResolutions]: { batchSize: number };
}

export type JobOf<N extends JobName> = { name: N; data: JobPayloads[N] };
export type AnyJob = { [N in JobName]: JobOf<N> }[JobName];

/** Which queue carries each job. */
export const JOB_QUEUE: Record<JobName, QueueName> = {
  [JobName.CloseSettledResolutions]: QueueName.TicketMaintenance,
};

/** Job options in one place, keyed by job name. */
export function jobOptions(name: JobName): JobsOptions {
  switch (name) {
    case JobName.CloseSettledResolutions:
      // A sweep: if one run fails, the next scheduled run picks up the same tickets.
      return { attempts: 1, removeOnComplete: 100, removeOnFail: 500 };
  }
}

export function jobNamesOf(queue: QueueName): JobName[] {
  return (Object.keys(JOB_QUEUE) as JobName[]).filter((name) => JOB_QUEUE[name] === queue);
}

export type JobHandlers<Q extends QueueName> = { [N in JobName as (typeof JOB_QUEUE)[N] extends Q ? N : never]: (data: JobPayloads[N]) => Promise<unknown> };

/** Fails at boot when a queue's job has no handler, so a job never waits for code that is not there. */
export function assertEveryJobHandled(queue: QueueName, handlers: Partial<Record<JobName, unknown>>): void {
  const missing = jobNamesOf(queue).filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw new Error(`Queue ${queue} has no handler for: ${missing.join(', ')}`);
  const unknown = Object.keys(handlers).filter((name) => JOB_QUEUE[name as JobName] !== queue);
  if (unknown.length > 0) throw new Error(`Queue ${queue} has handlers for jobs it does not carry: ${unknown.join(', ')}`);
}
