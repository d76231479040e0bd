import { Gauge, type Registry } from 'prom-client';

export type QueryRunnerLike = { query(sql: string, params?: unknown[]): Promise<Array<Record<string, unknown>>> };

/** What PostgreSQL still owes the customers: notifications by status and events not yet handled by a worker. */
export function registerHelpdeskBacklog(registry: Registry, db: QueryRunnerLike): void {
  new Gauge({
    name: 'firsthand_notifications',
    help: 'Notifications by delivery status',
    labelNames: ['status', 'channel'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.query(`SELECT status, channel, count(*)::int AS n FROM notifications GROUP BY 1, 2`).catch(() => []);
      for (const row of rows) this.set({ status: String(row.status), channel: String(row.channel) }, Number(row.n));
    },
  });
  new Gauge({
    name: 'firsthand_job_outbox_backlog',
    help: 'Committed ticket events a worker has not finished handling',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const [row] = await db
        .query(`SELECT count(*) FILTER (WHERE handed_over_at IS NULL)::int AS waiting, count(*) FILTER (WHERE handed_over_at IS NOT NULL)::int AS handed_over FROM job_outbox`)
        .catch(() => [undefined]);
      if (!row) return;
      this.set({ state: 'waiting' }, Number(row.waiting));
      this.set({ state: 'handed_over' }, Number(row.handed_over));
    },
  });
}
