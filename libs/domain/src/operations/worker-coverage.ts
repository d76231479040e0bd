/** How often a worker process says it is alive (its row in the roster). */
export const WORKER_CHECK_IN_EVERY_MS = 15_000;

/**
 * A process not heard from for this long is gone: killed without checking out, or cut from
 * PostgreSQL. Three check-ins, so one slow write does not count a living process out.
 */
export const WORKER_GONE_AFTER_MS = 3 * WORKER_CHECK_IN_EVERY_MS;

/** One worker process as it last checked in. */
export interface WorkerCheckIn {
  id: string;
  hostname: string;
  pid: number;
  roles: readonly string[];
  startedAt: Date;
  seenAt: Date;
}

export interface WorkerCoverage {
  /** The processes heard from within WORKER_GONE_AFTER_MS, oldest first. */
  living: WorkerCheckIn[];
  /** Each role of `roles`, in that order, with how many living processes run it. */
  roles: Array<{ role: string; processes: number }>;
  /** The roles no living process runs: their work waits (nothing is lost) until one starts. */
  uncovered: string[];
}

/**
 * Which of a deployment's roles some living worker process runs. A role nobody runs is not an
 * error anywhere else (its work waits in PostgreSQL or in its queue), so this is what says so.
 */
export function workerCoverage(roles: readonly string[], checkIns: readonly WorkerCheckIn[], now: Date): WorkerCoverage {
  const living = checkIns
    .filter((p) => now.getTime() - p.seenAt.getTime() < WORKER_GONE_AFTER_MS)
    .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime() || a.id.localeCompare(b.id));
  const counted = roles.map((role) => ({ role, processes: living.filter((p) => p.roles.includes(role)).length }));
  return { living, roles: counted, uncovered: counted.filter((r) => r.processes === 0).map((r) => r.role) };
}
