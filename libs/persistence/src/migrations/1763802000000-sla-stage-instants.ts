import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The warning (80%) and critical (150%) instants of a ticket's first-response and resolution clocks
 * in working time, written with the due times, so the worker's overdue sweep finds lost timers by
 * their business-time moment, and the queue's badges turn amber at the same moment (with the
 * next update's 80% point). Left NULL for tickets planned before this: until their next change the
 * sweep uses the wall-clock share (exact on 24×7; on another calendar a lost warning may be applied
 * late, never after the breach) and badges the wall-clock 80%.
 */
export class SlaStageInstants1763802000000 implements MigrationInterface {
  name = 'SlaStageInstants1763802000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      ADD COLUMN sla_first_response_warn_at timestamptz,
      ADD COLUMN sla_first_response_critical_at timestamptz,
      ADD COLUMN sla_resolution_warn_at timestamptz,
      ADD COLUMN sla_resolution_critical_at timestamptz,
      ADD COLUMN sla_next_update_warn_at timestamptz`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      DROP COLUMN sla_first_response_warn_at, DROP COLUMN sla_first_response_critical_at,
      DROP COLUMN sla_resolution_warn_at, DROP COLUMN sla_resolution_critical_at, DROP COLUMN sla_next_update_warn_at`);
  }
}
