import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customers' article search (the new-issue form's suggestions, the bot) reads published public
 * articles only. With the whole-table GIN index the planner scanned every article for a text of
 * common words (each row's `@@` is costlier than it estimates), about ten times slower than the
 * index at 10,000 articles (`npm run bench:kb`). A partial index over just those articles is
 * smaller and cheaper in its estimate, so the planner takes it for all but the broadest texts.
 */
export class KnowledgeBasePublicSearch1763803200000 implements MigrationInterface {
  name = 'KnowledgeBasePublicSearch1763803200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX kb_articles_search_public ON kb_articles USING gin (search_doc) WHERE status = 'published' AND audience = 'public'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX kb_articles_search_public`);
  }
}
