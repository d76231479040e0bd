import { Gauge, type Registry } from 'prom-client';

/** Where the figures come from: `WorkerRoster.coverage` in @firsthand/persistence. */
export interface WorkerCoverageSource {
  coverage(): Promise<{ roles: Array<{ role: string; processes: number }> }>;
}

/**
 * Living worker processes per role (WORKER_ROLES): alert on 0, for a role nobody runs is an error
 * nowhere else; its work waits in PostgreSQL or in its queue until a process with it starts.
 */
export function registerWorkerCoverage(registry: Registry, source: WorkerCoverageSource): void {
  new Gauge({
    name: 'firsthand_worker_role_processes',
    help: 'Living worker processes that run each role (0: nobody does that work now)',
    labelNames: ['role'],
    registers: [registry],
    async collect() {
      this.reset();
      const coverage = await source.coverage().catch(() => null);
      for (const { role, processes } of coverage?.roles ?? []) this.set({ role }, processes);
    },
  });
}
