import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The search index's vocabulary: every lexeme of every search document (their period lexemes
 * aside), so that a query's prefix can be looked up and asked of the GIN indexes as the few exact
 * words it stands for (`prefixSlots` in libs/search, docs/search.md "Prefixes as words").
 * TicketSearchIndex adds a document's words in the transaction that writes it; this fills it from
 * the documents already written. "C" collation: a prefix is a byte range of the primary key.
 */
export class SearchWords1763803900000 implements MigrationInterface {
  name = 'SearchWords1763803900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE search_words (word text COLLATE "C" PRIMARY KEY)`);
    await q.query(`INSERT INTO search_words (word)
      SELECT word FROM ts_stat('SELECT public_doc FROM ticket_search') WHERE word NOT LIKE '@%'
      UNION SELECT word FROM ts_stat('SELECT internal_doc FROM ticket_search') WHERE word NOT LIKE '@%'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE search_words`);
  }
}
