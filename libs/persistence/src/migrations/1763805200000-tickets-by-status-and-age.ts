import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Tickets of one status by creation time, both ways (`GET /api/tickets?status=new&order=oldest`, the
 * dashboard's oldest unclaimed). Without it the plan PostgreSQL keeps for the prepared list walks
 * `tickets_list` from the oldest ticket ever opened and throws away every closed one before it reaches
 * the first unclaimed: 43,000 rows read for a page of 100 among 50,000 tickets, more each day.
 * `tickets_owner` cannot give this order: `owner_id IS NULL` is no equality to PostgreSQL.
 */
export class TicketsByStatusAndAge1763805200000 implements MigrationInterface {
  name = 'TicketsByStatusAndAge1763805200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX tickets_status_created ON tickets (status, created_at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX tickets_status_created`);
  }
}
