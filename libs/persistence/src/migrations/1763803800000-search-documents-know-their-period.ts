import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every search document gains its ticket's creation period as a lexeme (`@p<28-day periods since
 * the epoch>`, `periodLexeme` in libs/search), so a search can ask the GIN indexes for a word's
 * recent matches only (docs/search.md, "Recent periods first"). New documents get it from
 * TicketSearchIndex; this adds it to those already written (adding it twice changes nothing: a
 * tsvector holds a lexeme once). One pass over `ticket_search`, once.
 */
export class SearchDocumentsKnowTheirPeriod1763803800000 implements MigrationInterface {
  name = 'SearchDocumentsKnowTheirPeriod1763803800000';

  async up(q: QueryRunner): Promise<void> {
    const period = `array_to_tsvector(ARRAY['@p' || floor(extract(epoch FROM created_at) / 2419200)::bigint])`;
    await q.query(`UPDATE ticket_search SET public_doc = public_doc || ${period}, internal_doc = internal_doc || ${period}`);
  }

  async down(q: QueryRunner): Promise<void> {
    const period = `'@p' || floor(extract(epoch FROM created_at) / 2419200)::bigint`;
    await q.query(`UPDATE ticket_search SET public_doc = ts_delete(public_doc, ${period}), internal_doc = ts_delete(internal_doc, ${period})`);
  }
}
