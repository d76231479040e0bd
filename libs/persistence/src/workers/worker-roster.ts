import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { workerCoverage, type WorkerCheckIn, type WorkerCoverage } from '@firsthand/domain';

/** How long the row of a process that never checked out (killed) is kept before it is dropped. */
const FORGET_AFTER = '1 day';

interface CheckInRow {
  id: string;
  hostname: string;
  pid: number;
  roles: string[];
  started_at: Date;
  seen_at: Date;
}

/**
 * The worker processes as they last checked in. Times are PostgreSQL's (`now()`), so processes on
 * hosts whose clocks differ are all judged on one clock.
 */
@Injectable()
export class WorkerRoster {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Says this process is alive and what it runs; drops the rows of processes gone for a day. */
  async checkIn(process: { id: string; hostname: string; pid: number; roles: readonly string[]; startedAt: Date }): Promise<void> {
    await this.db.query(
      `WITH forgotten AS (DELETE FROM worker_processes WHERE seen_at < now() - interval '${FORGET_AFTER}' AND id <> $1)
       INSERT INTO worker_processes (id, hostname, pid, roles, started_at, seen_at) VALUES ($1, $2, $3, $4::text[], $5, now())
       ON CONFLICT (id) DO UPDATE SET roles = EXCLUDED.roles, seen_at = now()`,
      [process.id, process.hostname, process.pid, [...process.roles], process.startedAt],
    );
  }

  /** This process stopped in order: it no longer counts for its roles. */
  async checkOut(id: string): Promise<void> {
    await this.db.query(`DELETE FROM worker_processes WHERE id = $1`, [id]);
  }

  /** Every process still on the roster (also the ones gone quiet), with the database's time to judge them by. */
  private async checkIns(): Promise<{ now: Date; checkIns: WorkerCheckIn[] }> {
    const rows: Array<CheckInRow & { db_now: Date }> = await this.db.query(
      `SELECT now() AS db_now, p.* FROM (SELECT 1) one LEFT JOIN worker_processes p ON true`,
    );
    const now = rows[0]?.db_now ?? new Date();
    return {
      now,
      checkIns: rows
        .filter((r) => r.id !== null)
        .map((r) => ({ id: r.id, hostname: r.hostname, pid: r.pid, roles: r.roles, startedAt: r.started_at, seenAt: r.seen_at })),
    };
  }

  /** Which of `roles` the living processes run, judged on the database's clock (`now`). */
  async coverage(roles: readonly string[]): Promise<WorkerCoverage & { now: Date }> {
    const { now, checkIns } = await this.checkIns();
    return { now, ...workerCoverage(roles, checkIns, now) };
  }
}
