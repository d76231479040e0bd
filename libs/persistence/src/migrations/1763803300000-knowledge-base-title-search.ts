import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The article search finds its candidates among the titles too, and scores each word by whether the
 * title holds it. `title_doc` is the title half of the search document (weight A), kept by
 * PostgreSQL from `search_doc` itself, so every writer (the store, `search:rebuild`, a bulk COPY)
 * keeps it current without knowing it exists. Its GIN indexes answer "which titles hold a word"
 * without reading the articles, and the score's per-word test reads 100 bytes instead of a copy of
 * the whole document (`ts_filter` on every candidate, as before).
 */
export class KnowledgeBaseTitleSearch1763803300000 implements MigrationInterface {
  name = 'KnowledgeBaseTitleSearch1763803300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE kb_articles ADD COLUMN title_doc tsvector GENERATED ALWAYS AS (ts_filter(search_doc, '{a}')) STORED`);
    await q.query(`CREATE INDEX kb_articles_title ON kb_articles USING gin (title_doc) WHERE status = 'published'`);
    await q.query(`CREATE INDEX kb_articles_title_public ON kb_articles USING gin (title_doc) WHERE status = 'published' AND audience = 'public'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kb_articles_title_public`);
    await q.query(`DROP INDEX kb_articles_title`);
    await q.query(`ALTER TABLE kb_articles DROP COLUMN title_doc`);
  }
}
