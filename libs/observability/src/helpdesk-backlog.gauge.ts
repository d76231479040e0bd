import { Gauge, type Registry } from 'prom-client';

/** Where the figures come from: `HelpdeskBacklog` in @firsthand/persistence reads them from PostgreSQL. */
export interface HelpdeskBacklogSource {
  notificationsByStatus(): Promise<Array<{ status: string; channel: string; count: number }>>;
  jobOutbox(): Promise<{ waiting: number; handedOver: number }>;
}

/** What PostgreSQL still owes the customers: notifications by status and events not yet handled by a worker. */
export function registerHelpdeskBacklog(registry: Registry, backlog: HelpdeskBacklogSource): void {
  new Gauge({
    name: 'firsthand_notifications',
    help: 'Notifications by delivery status',
    labelNames: ['status', 'channel'],
    registers: [registry],
    async collect() {
      this.reset();
      const rows = await backlog.notificationsByStatus().catch(() => []);
      for (const row of rows) this.set({ status: row.status, channel: row.channel }, row.count);
    },
  });
  new Gauge({
    name: 'firsthand_job_outbox_backlog',
    help: 'Committed ticket events a worker has not finished handling',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      this.reset();
      const row = await backlog.jobOutbox().catch(() => null);
      if (!row) return;
      this.set({ state: 'waiting' }, row.waiting);
      this.set({ state: 'handed_over' }, row.handedOver);
    },
  });
}
