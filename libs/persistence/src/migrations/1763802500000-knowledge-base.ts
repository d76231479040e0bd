import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The knowledge base. An article holds its current text in both languages (each optional) with the
 * sanitized HTML rendered from it, and a search document (both titles weight A, both bodies B)
 * written by the application in the same transaction as the save, like ticket_search. Every save
 * appends a row to kb_article_versions (who, when, the whole text), so a past version can be read
 * back; `version` on the article is the newest one's number. Deflections record that a customer's
 * question was answered by an article on the form, with no personal data.
 */
export class KnowledgeBase1763802500000 implements MigrationInterface {
  name = 'KnowledgeBase1763802500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE kb_categories (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
      name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 80),
      name_zh_cn text NOT NULL CHECK (length(name_zh_cn) BETWEEN 1 AND 80),
      bot_may_answer boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE kb_articles (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
      category_id uuid NOT NULL REFERENCES kb_categories(id) ON DELETE RESTRICT,
      status text NOT NULL CHECK (status IN ('draft', 'published')),
      audience text NOT NULL CHECK (audience IN ('public', 'internal')),
      title_en text CHECK (length(title_en) BETWEEN 1 AND 160),
      body_en text CHECK (length(body_en) BETWEEN 1 AND 50000),
      html_en text,
      title_zh_cn text CHECK (length(title_zh_cn) BETWEEN 1 AND 160),
      body_zh_cn text CHECK (length(body_zh_cn) BETWEEN 1 AND 50000),
      html_zh_cn text,
      search_doc tsvector NOT NULL DEFAULT ''::tsvector,
      version integer NOT NULL DEFAULT 1 CHECK (version >= 1),
      published_at timestamptz,
      created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      updated_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((title_en IS NULL) = (body_en IS NULL) AND (body_en IS NULL) = (html_en IS NULL)),
      CHECK ((title_zh_cn IS NULL) = (body_zh_cn IS NULL) AND (body_zh_cn IS NULL) = (html_zh_cn IS NULL)),
      CHECK (title_en IS NOT NULL OR title_zh_cn IS NOT NULL)
    )`);
    await q.query(`CREATE INDEX kb_articles_search ON kb_articles USING gin (search_doc)`);
    await q.query(`CREATE INDEX kb_articles_category ON kb_articles (category_id)`);
    await q.query(`CREATE TABLE kb_article_versions (
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      version integer NOT NULL,
      category_id uuid NOT NULL,
      status text NOT NULL,
      audience text NOT NULL,
      slug text NOT NULL,
      title_en text,
      body_en text,
      title_zh_cn text,
      body_zh_cn text,
      saved_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      saved_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (article_id, version)
    )`);
    await q.query(`CREATE TABLE kb_deflections (
      id bigserial PRIMARY KEY,
      article_id uuid NOT NULL REFERENCES kb_articles(id) ON DELETE CASCADE,
      query text NOT NULL CHECK (length(query) <= 200),
      locale text NOT NULL CHECK (locale IN ('zh-CN', 'en')),
      deflected_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX kb_deflections_article ON kb_deflections (article_id, deflected_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE kb_deflections`);
    await q.query(`DROP TABLE kb_article_versions`);
    await q.query(`DROP TABLE kb_articles`);
    await q.query(`DROP TABLE kb_categories`);
  }
}
