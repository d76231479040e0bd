import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search document of every ticket. Its words are segmented by the application (jieba for
 * Chinese, see libs/search), so the tsvectors are written as literals, never by `to_tsvector`.
 * `public_doc` holds the subject (A), the description and the customer's name (B) and the public
 * messages (C); `internal_doc` the internal notes, kept apart so a search can leave them out for
 * whoever may not see them. The write path keeps a row current in the transaction of each change;
 * tickets from before this migration get theirs from `npm run search:rebuild` (or their next change).
 * Codes, emails, phones and Latin names are matched by substring through trigram indexes.
 */
export class TicketSearch1763799000000 implements MigrationInterface {
  name = 'TicketSearch1763799000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await q.query(`CREATE TABLE ticket_search (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
      public_doc tsvector NOT NULL DEFAULT ''::tsvector,
      internal_doc tsvector NOT NULL DEFAULT ''::tsvector,
      indexed_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX ticket_search_public ON ticket_search USING gin (public_doc)`);
    await q.query(`CREATE INDEX ticket_search_internal ON ticket_search USING gin (internal_doc)`);
    await q.query(`CREATE INDEX tickets_code_trgm ON tickets USING gin (lower(code) gin_trgm_ops)`);
    await q.query(`CREATE INDEX customers_email_trgm ON customers USING gin (lower(email) gin_trgm_ops) WHERE email IS NOT NULL`);
    await q.query(`CREATE INDEX customers_phone_trgm ON customers USING gin (phone gin_trgm_ops) WHERE phone IS NOT NULL`);
    await q.query(`CREATE INDEX customers_name_trgm ON customers USING gin (lower(name) gin_trgm_ops)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const index of ['customers_name_trgm', 'customers_phone_trgm', 'customers_email_trgm', 'tickets_code_trgm']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`DROP TABLE IF EXISTS ticket_search`);
  }
}
