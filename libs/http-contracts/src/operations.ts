/** One worker process on the roster, as it last checked in (every 15 s). */
export interface WorkerProcessItem {
  id: string;
  hostname: string;
  pid: number;
  /** What it runs (WORKER_ROLES). */
  roles: string[];
  startedAt: string;
  seenAt: string;
}

/** `GET /api/worker-processes`: the living worker processes and, per role, how many run it. */
export interface WorkerRosterView {
  processes: WorkerProcessItem[];
  roles: Array<{ role: string; processes: number }>;
  /** Roles no living process runs: that work waits (nothing is lost) until a process with the role starts. */
  uncoveredRoles: string[];
  /** The database's time the roster was judged at. */
  checkedAt: string;
}
