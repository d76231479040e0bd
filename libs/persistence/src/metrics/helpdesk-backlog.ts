import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** What PostgreSQL still owes the customers, for the Prometheus gauges of the API and the worker. */
@Injectable()
export class HelpdeskBacklog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async notificationsByStatus(): Promise<Array<{ status: string; channel: string; count: number }>> {
    const rows: Array<{ status: string; channel: string; n: number }> = await this.db.query(
      `SELECT status, channel, count(*)::int AS n FROM notifications GROUP BY 1, 2`,
    );
    return rows.map((r) => ({ status: r.status, channel: r.channel, count: r.n }));
  }

  /** Committed events a worker has not finished handling: not yet handed to BullMQ, and handed over. */
  async jobOutbox(): Promise<{ waiting: number; handedOver: number }> {
    const [row]: Array<{ waiting: number; handed_over: number }> = await this.db.query(
      `SELECT count(*) FILTER (WHERE handed_over_at IS NULL)::int AS waiting, count(*) FILTER (WHERE handed_over_at IS NOT NULL)::int AS handed_over FROM job_outbox`,
    );
    return { waiting: row.waiting, handedOver: row.handed_over };
  }

  /** Whether PostgreSQL answers at all (the readiness probe). */
  async reachable(): Promise<void> {
    await this.db.query('SELECT 1');
  }
}
