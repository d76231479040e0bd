import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tickets escalated past a warning, newest first (`GET /api/tickets?escalated=true`, the
 * dashboard's "Escalated now"): few among many, so the list reads this small index instead of
 * walking every ticket by date until it has found a page of them.
 */
export class EscalatedTicketsIndex1763804500000 implements MigrationInterface {
  name = 'EscalatedTicketsIndex1763804500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tickets_escalated_newest ON tickets (created_at DESC, id DESC) WHERE escalation_level >= 2`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_escalated_newest`);
  }
}
