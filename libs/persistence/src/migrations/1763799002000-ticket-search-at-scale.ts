import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search at scale. `ticket_search.created_at` (a copy of the ticket's, which never changes) and a
 * btree on it let a word search take its newest matches in index order, reading only as many rows
 * as it needs, so it ranks a bounded number of them instead of every match (see TicketSearchReader). Phones are matched on their digits, as
 * agents type them without the spaces, brackets and dashes they are stored with: a trigram index
 * over the digits only.
 */
export class TicketSearchAtScale1763799002000 implements MigrationInterface {
  name = 'TicketSearchAtScale1763799002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ticket_search ADD COLUMN created_at timestamptz`);
    await q.query(`UPDATE ticket_search s SET created_at = t.created_at FROM tickets t WHERE t.id = s.ticket_id`);
    await q.query(`ALTER TABLE ticket_search ALTER COLUMN created_at SET NOT NULL`);
    await q.query(`CREATE INDEX ticket_search_created ON ticket_search (created_at, ticket_id)`);
    await q.query(`CREATE INDEX customers_phone_digits_trgm ON customers
      USING gin (regexp_replace(phone, '[^0-9]', '', 'g') gin_trgm_ops) WHERE phone IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS customers_phone_digits_trgm`);
    await q.query(`DROP INDEX IF EXISTS ticket_search_created`);
    await q.query(`ALTER TABLE ticket_search DROP COLUMN IF EXISTS created_at`);
  }
}
