import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type CustomerExportState = 'queued' | 'running' | 'ready' | 'failed' | 'expired' | 'deleted';

export interface CustomerExportRecord {
  id: string;
  customerId: string;
  requestedBy: string;
  state: CustomerExportState;
  attempts: number;
  fileName: string | null;
  sizeBytes: number | null;
  error: string | null;
  requestedAt: Date;
  readyAt: Date | null;
  expiresAt: Date | null;
}

interface Row {
  id: string; customer_id: string; requested_by: string; state: CustomerExportState; attempts: number; file_name: string | null;
  size_bytes: string | null; error: string | null; requested_at: Date; ready_at: Date | null; expires_at: Date | null;
}

const toRecord = (r: Row): CustomerExportRecord => ({
  id: r.id, customerId: r.customer_id, requestedBy: r.requested_by, state: r.state, attempts: r.attempts, fileName: r.file_name,
  sizeBytes: r.size_bytes === null ? null : Number(r.size_bytes), error: r.error, requestedAt: r.requested_at, readyAt: r.ready_at, expiresAt: r.expires_at,
});

const COLUMNS = 'id, customer_id, requested_by, state, attempts, file_name, size_bytes, error, requested_at, ready_at, expires_at';

/** Export requests of customer data: the row is the job (the worker claims it with a lease), then the record of the file. */
@Injectable()
export class CustomerExports {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** How many exports of these records are queued, being written or downloadable: each is a copy of their data. */
  async liveCount(customerId: string): Promise<number> {
    const [row] = await this.db.query<Array<{ n: number }>>(
      `SELECT count(*)::int AS n FROM customer_exports WHERE customer_id = $1 AND state IN ('queued', 'running', 'ready')`, [customerId]);
    return row?.n ?? 0;
  }

  /** The customer's exports, newest first (expired and deleted ones stay listed: the record of what was handed out). */
  async listFor(customerId: string, limit: number): Promise<CustomerExportRecord[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${COLUMNS} FROM customer_exports WHERE customer_id = $1 ORDER BY requested_at DESC, id DESC LIMIT $2`, [customerId, limit]);
    return rows.map(toRecord);
  }

  async request(customerId: string, agentId: string): Promise<CustomerExportRecord> {
    const rows = await this.db.query<Row[]>(
      `INSERT INTO customer_exports (customer_id, requested_by) VALUES ($1, $2) RETURNING ${COLUMNS}`, [customerId, agentId]);
    return toRecord(rows[0]);
  }

  async find(customerId: string, exportId: string): Promise<CustomerExportRecord | null> {
    const rows = await this.db.query<Row[]>(`SELECT ${COLUMNS} FROM customer_exports WHERE id = $1 AND customer_id = $2`, [exportId, customerId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Takes the oldest export nobody holds (queued, or running under a lease that ran out: its worker died). */
  async claim(leaseMs: number): Promise<CustomerExportRecord | null> {
    const [rows] = await this.db.query<[Row[], number]>(
      `UPDATE customer_exports SET state = 'running', attempts = attempts + 1, lease_until = now() + make_interval(secs => $1::double precision / 1000)
       WHERE id = (SELECT id FROM customer_exports WHERE state IN ('queued', 'running') AND (lease_until IS NULL OR lease_until < now())
                   ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`,
      [leaseMs],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** False when the export is no longer this run's (erased meanwhile, or taken over): the caller deletes its file. */
  async markReady(id: string, fileName: string, sizeBytes: number, readyAt: Date, expiresAt: Date): Promise<boolean> {
    const [, affected] = await this.db.query<[unknown, number]>(
      `UPDATE customer_exports SET state = 'ready', file_name = $2, size_bytes = $3, ready_at = $4, expires_at = $5, lease_until = NULL, error = NULL
       WHERE id = $1 AND state = 'running'`,
      [id, fileName, sizeBytes, readyAt, expiresAt],
    );
    return affected > 0;
  }

  /** A failed attempt: queued again until `maxAttempts`, then failed for good. */
  async markFailed(id: string, error: string, maxAttempts: number): Promise<void> {
    await this.db.query(
      `UPDATE customer_exports SET state = CASE WHEN attempts >= $3 THEN 'failed' ELSE 'queued' END, error = left($2, 500), lease_until = NULL
       WHERE id = $1 AND state = 'running'`,
      [id, error, maxAttempts],
    );
  }

  /** Downloadable exports past their time, to delete with their files. */
  async expired(now: Date, limit = 100): Promise<CustomerExportRecord[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${COLUMNS} FROM customer_exports WHERE state = 'ready' AND expires_at <= $1 ORDER BY expires_at LIMIT $2`, [now, limit]);
    return rows.map(toRecord);
  }

  async markGone(id: string, state: 'expired' | 'deleted'): Promise<void> {
    await this.db.query(`UPDATE customer_exports SET state = $2, file_name = NULL, lease_until = NULL WHERE id = $1`, [id, state]);
  }

  /** Every export of these records not yet gone, for an erasure. */
  async notGoneFor(customerIds: string[]): Promise<CustomerExportRecord[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT ${COLUMNS} FROM customer_exports WHERE customer_id = ANY($1::uuid[]) AND state IN ('queued', 'running', 'ready', 'failed')`, [customerIds]);
    return rows.map(toRecord);
  }
}
