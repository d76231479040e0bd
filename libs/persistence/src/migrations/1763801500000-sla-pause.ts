import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Business-time SLA clocks (issue 14): the resolution clock stops while a ticket waits for the
 * customer. `sla_paused_at` is when it stopped; on resuming, the resolution due time moves by the
 * working minutes that passed. Tickets already waiting keep running until they next wait.
 */
export class SlaPause1763801500000 implements MigrationInterface {
  name = 'SlaPause1763801500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets ADD COLUMN sla_paused_at timestamptz`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_paused_only_while_waiting CHECK (sla_paused_at IS NULL OR status = 'pending_customer')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_paused_only_while_waiting`);
    await q.query(`ALTER TABLE tickets DROP COLUMN sla_paused_at`);
  }
}
