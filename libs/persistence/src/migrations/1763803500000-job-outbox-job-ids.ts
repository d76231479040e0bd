import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Committed events go to the worker several to a job when several are due at once, so an event's
 * job id is no longer derived from the event alone: the relay records it on the row, and a row
 * still there a minute after its hand-over is checked against that job (still waiting, done,
 * failed or lost). Rows handed over before carry none, and their job id is the event's own.
 *
 * The due index (handed_over_at, event_id) goes: PostgreSQL 18 skip-scans it for the lookups by
 * event id (the handler clearing its rows, the relay recording jobs), one descent per distinct
 * hand-over time, and with the statistics of a usually empty table the planner picks it over the
 * primary key; under a backlog of thousands those lookups took over a millisecond each. Two partial
 * indexes serve the relay's two reads and cannot serve a lookup by event id.
 */
export class JobOutboxJobIds1763803500000 implements MigrationInterface {
  name = 'JobOutboxJobIds1763803500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE job_outbox ADD COLUMN job_id text`);
    await q.query(`DROP INDEX job_outbox_due`);
    await q.query(`CREATE INDEX job_outbox_fresh ON job_outbox (event_id) WHERE handed_over_at IS NULL`);
    await q.query(`CREATE INDEX job_outbox_handed_over ON job_outbox (handed_over_at, event_id) WHERE handed_over_at IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_outbox_handed_over`);
    await q.query(`DROP INDEX job_outbox_fresh`);
    await q.query(`CREATE INDEX job_outbox_due ON job_outbox (handed_over_at NULLS FIRST, event_id)`);
    await q.query(`ALTER TABLE job_outbox DROP COLUMN job_id`);
  }
}
