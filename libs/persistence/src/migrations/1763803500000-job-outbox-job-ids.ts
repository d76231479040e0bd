import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Committed events go to the worker several to a job when several are due at once, so an event's
 * job id is no longer derived from the event alone: the relay records it on the row, and a row
 * still there a minute after its hand-over is checked against that job (still waiting, done,
 * failed or lost). Rows handed over before carry none, and their job id is the event's own.
 */
export class JobOutboxJobIds1763803500000 implements MigrationInterface {
  name = 'JobOutboxJobIds1763803500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_outbox ADD COLUMN job_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_outbox DROP COLUMN job_id`);
  }
}
