import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  articleLocale,
  articleMatchScore,
  WORD_MATCH_WEIGHT,
  articlePlainText,
  type ArticleAudience,
  type ArticleReader,
  type ArticleStatus,
  type Locale,
  type WordMatch,
} from '@firsthand/domain';
import { articleQuery, tsvectorLiteral } from '@firsthand/search';
import type { DataSource, EntityManager } from 'typeorm';
import { preparedRows } from '../prepared-query.js';
import { runRetriedTransaction } from '../retried-transaction.js';
import { SqlRunner } from '../sql-runner.js';

/** An article's current text: Markdown sources with the sanitized HTML rendered from them. */
export interface ArticleContent {
  slug: string;
  categoryId: string;
  status: ArticleStatus;
  audience: ArticleAudience;
  titleEn: string | null;
  bodyEn: string | null;
  htmlEn: string | null;
  titleZhCn: string | null;
  bodyZhCn: string | null;
  htmlZhCn: string | null;
}

export interface ArticleRecord extends ArticleContent {
  id: string;
  version: number;
  publishedAt: Date | null;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface ArticleVersionRecord {
  articleId: string;
  version: number;
  categoryId: string;
  status: ArticleStatus;
  audience: ArticleAudience;
  slug: string;
  titleEn: string | null;
  bodyEn: string | null;
  titleZhCn: string | null;
  bodyZhCn: string | null;
  savedBy: string | null;
  savedByName: string | null;
  savedAt: Date;
}

export interface CategoryRecord {
  id: string;
  slug: string;
  nameEn: string;
  nameZhCn: string;
  botMayAnswer: boolean;
  position: number;
}

export interface ArticleListFilter {
  categoryId?: string;
  status?: ArticleStatus;
  audience?: ArticleAudience;
  limit: number;
}

/** One article found for a text, with how well it matches (see articleMatchScore) and the language to show it in. */
export interface MatchingArticle {
  article: ArticleRecord;
  category: CategoryRecord;
  /** 0..1: the share of the text's words the article holds, a title word counting more than a body word. */
  score: number;
  /** PostgreSQL's ts_rank, which orders articles of equal score. */
  rank: number;
  locale: Locale;
}

export interface MatchOptions {
  /** public: published public articles (customers, the bot); agents: published, public and internal. */
  audience: 'public' | 'agents';
  limit?: number;
  /** Articles scoring below this are left out. */
  minScore?: number;
  /**
   * The transaction to read in. A caller already holding a pooled connection (the bot, inside a
   * ticket's opening) must pass it: asking the pool for a second one can starve it under load.
   */
  within?: EntityManager;
}

export type ArticleWrite = { outcome: 'saved'; article: ArticleRecord } | { outcome: 'slug-taken' } | { outcome: 'not-found' } | { outcome: 'stale'; version: number };

interface ArticleRow {
  id: string;
  slug: string;
  category_id: string;
  status: ArticleStatus;
  audience: ArticleAudience;
  title_en: string | null;
  body_en: string | null;
  html_en: string | null;
  title_zh_cn: string | null;
  body_zh_cn: string | null;
  html_zh_cn: string | null;
  version: number;
  published_at: Date | null;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

interface CategoryRow {
  id: string;
  slug: string;
  name_en: string;
  name_zh_cn: string;
  bot_may_answer: boolean;
  position: number;
}

const ARTICLE_COLUMNS = `a.id, a.slug, a.category_id, a.status, a.audience, a.title_en, a.body_en, a.html_en, a.title_zh_cn, a.body_zh_cn, a.html_zh_cn,
  a.version, a.published_at, a.created_by, a.updated_by, a.created_at, a.updated_at`;

const toArticle = (r: ArticleRow): ArticleRecord => ({
  id: r.id,
  slug: r.slug,
  categoryId: r.category_id,
  status: r.status,
  audience: r.audience,
  titleEn: r.title_en,
  bodyEn: r.body_en,
  htmlEn: r.html_en,
  titleZhCn: r.title_zh_cn,
  bodyZhCn: r.body_zh_cn,
  htmlZhCn: r.html_zh_cn,
  version: r.version,
  publishedAt: r.published_at,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toCategory = (r: CategoryRow): CategoryRecord => ({ id: r.id, slug: r.slug, nameEn: r.name_en, nameZhCn: r.name_zh_cn, botMayAnswer: r.bot_may_answer, position: r.position });

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e?.code === '23505' || e?.driverError?.code === '23505';
};

/** Which articles a reader sees, in SQL; the same rule as maySeeArticle in the domain. */
function visibleTo(reader: ArticleReader): string {
  if (reader === 'editors') return 'TRUE';
  if (reader === 'agents') return `a.status = 'published'`;
  return `a.status = 'published' AND a.audience = 'public'`;
}

/** The search document: both titles (weight A) and both bodies as plain text (B), segmented like the tickets. */
export function articleDocument(content: Pick<ArticleContent, 'titleEn' | 'bodyEn' | 'titleZhCn' | 'bodyZhCn'>): string {
  return tsvectorLiteral([
    { text: content.titleEn, weight: 'A' },
    { text: content.titleZhCn, weight: 'A' },
    { text: content.bodyEn ? articlePlainText(content.bodyEn) : null, weight: 'B' },
    { text: content.bodyZhCn ? articlePlainText(content.bodyZhCn) : null, weight: 'B' },
  ]);
}

const contentParams = (c: ArticleContent) => [c.slug, c.categoryId, c.status, c.audience, c.titleEn, c.bodyEn, c.htmlEn, c.titleZhCn, c.bodyZhCn, c.htmlZhCn, articleDocument(c)];

/** Each candidate source reads at most this many articles (more for a longer list), before any is scored. */
const CANDIDATES_PER_SOURCE = 50;
/** Fewer candidates than this (or twice the list asked for) from the first two sources brings in each word's own. */
const FEW_FIRST_CANDIDATES = 10;

/**
 * The one statement behind findMatchingArticles. Ranking every article that holds any word was the
 * cost: a common word ("order", "订单") is in two thirds of the articles, and ts_rank over thousands of
 * documents took 35-40 ms a statement. Candidates now come from bounded sources, each read through a
 * GIN index and cut at CANDIDATES_PER_SOURCE before anything is computed on it:
 * - the articles holding every word;
 * - the articles whose title holds any word;
 * - when those two found few (a word found nowhere, such as an order number being typed, empties
 *   the first), the articles holding each word, one source per word (a rare word brings all its
 *   articles).
 * Only these are scored (WORD_MATCH_WEIGHT per word, as articleMatchScore), ranked and put in the
 * store's order; only the `limit` best are read in full. The best article for a text holds its
 * words, so it is among the first two sources unless more than 50 tie there; a common word's other
 * articles are then as good as any.
 */
function matchingArticlesStatement(
  clauses: string[],
  anyWord: string,
  locale: Locale,
  options: Pick<MatchOptions, 'audience' | 'minScore'> & { limit: number },
): { sql: string; params: unknown[] } {
  const perSource = Math.max(CANDIDATES_PER_SOURCE, options.limit * 5);
  const word = (i: number) => `$${i + 6}::tsquery`;
  const visible = `a.status = 'published'${options.audience === 'public' ? ` AND a.audience = 'public'` : ''}`;
  const firstSources = [
    `(SELECT a.id FROM kb_articles a WHERE a.search_doc @@ $5::tsquery AND ${visible} LIMIT ${perSource})`,
    `(SELECT a.id FROM kb_articles a WHERE a.title_doc @@ $1::tsquery AND ${visible} LIMIT ${perSource})`,
  ];
  // Each word's own articles only when those two found too few: a word alone in a body scores least.
  const fewFirst = `(SELECT count(*) FROM first_candidates) < GREATEST(2 * $2::int, ${FEW_FIRST_CANDIDATES})`;
  const wordSources = clauses.map((_c, i) => `(SELECT a.id FROM kb_articles a WHERE ${fewFirst} AND a.search_doc @@ ${word(i)} AND ${visible} LIMIT ${perSource})`);
  const matchColumns = clauses.map((_c, i) => `CASE WHEN a.title_doc @@ ${word(i)} THEN 'title' WHEN a.search_doc @@ ${word(i)} THEN 'body' END AS m${i}`);
  const score = `round((${clauses.map((_c, i) => `CASE m${i} WHEN 'title' THEN ${WORD_MATCH_WEIGHT.title} WHEN 'body' THEN ${WORD_MATCH_WEIGHT.body} ELSE 0 END`).join(' + ')}) / ${clauses.length}.0, 3)`;
  // The same order as findMatchingArticles sorts in (score, rank, then the reader's language), so the cut is the same.
  const sql = `WITH first_candidates AS MATERIALIZED (${firstSources.join(' UNION ')}),
    scored AS (
      SELECT c.id, ts_rank(a.search_doc, $1::tsquery) AS rank, ${matchColumns.join(', ')},
        CASE WHEN $4::text = 'en' THEN a.title_en IS NOT NULL ELSE a.title_zh_cn IS NOT NULL END AS in_locale
      FROM (SELECT id FROM first_candidates UNION ${wordSources.join(' UNION ')}) c JOIN kb_articles a ON a.id = c.id),
    best AS (SELECT * FROM (SELECT *, ${score} AS score FROM scored) s WHERE score >= $3::numeric ORDER BY score DESC, rank DESC, in_locale DESC, id LIMIT $2::int)
    SELECT ${ARTICLE_COLUMNS}, c.slug AS c_slug, c.name_en AS c_name_en, c.name_zh_cn AS c_name_zh_cn, c.bot_may_answer AS c_bot_may_answer,
      c.position AS c_position, best.rank, ${clauses.map((_c, i) => `best.m${i}`).join(', ')}
    FROM best JOIN kb_articles a ON a.id = best.id JOIN kb_categories c ON c.id = a.category_id`;
  return { sql, params: [anyWord, options.limit, options.minScore ?? 0, locale, clauses.map((c) => `( ${c} )`).join(' & '), ...clauses] };
}

/**
 * Knowledge-base articles, their categories, versions and deflections. Every save writes the
 * article, its search document and a version row in one transaction: a committed article is
 * searchable at once, and its history has no gaps.
 */
@Injectable()
export class ArticleStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async categories(): Promise<CategoryRecord[]> {
    const rows: CategoryRow[] = await this.db.query(`SELECT * FROM kb_categories ORDER BY position, name_en, id`);
    return rows.map(toCategory);
  }

  async category(id: string): Promise<CategoryRecord | null> {
    const rows: CategoryRow[] = await this.db.query(`SELECT * FROM kb_categories WHERE id = $1`, [id]);
    return rows[0] ? toCategory(rows[0]) : null;
  }

  async categoryBySlug(slug: string): Promise<CategoryRecord | null> {
    const rows: CategoryRow[] = await this.db.query(`SELECT * FROM kb_categories WHERE slug = $1`, [slug]);
    return rows[0] ? toCategory(rows[0]) : null;
  }

  /** Adds a category unless there are `limit` already or the slug is taken (null then, with why). */
  async createCategory(c: Omit<CategoryRecord, 'id'>, limit: number): Promise<CategoryRecord | 'slug-taken' | 'limit-reached'> {
    return runRetriedTransaction(this.db, async (tx) => {
      const sql = SqlRunner.of(tx);
      await sql.rows(`SELECT pg_advisory_xact_lock(hashtext('kb_categories'))`);
      const counted = await sql.one<{ n: number }>(`SELECT count(*)::int AS n FROM kb_categories`);
      if ((counted?.n ?? 0) >= limit) return 'limit-reached';
      const { rows } = await sql.write<CategoryRow>(
        `INSERT INTO kb_categories (slug, name_en, name_zh_cn, bot_may_answer, position) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (slug) DO NOTHING RETURNING *`,
        [c.slug, c.nameEn, c.nameZhCn, c.botMayAnswer, c.position],
      );
      return rows[0] ? toCategory(rows[0]) : 'slug-taken';
    });
  }

  async updateCategory(id: string, c: Omit<CategoryRecord, 'id'>): Promise<CategoryRecord | 'slug-taken' | 'not-found'> {
    try {
      const [rows] = (await this.db.query(
        `UPDATE kb_categories SET slug = $2, name_en = $3, name_zh_cn = $4, bot_may_answer = $5, position = $6, updated_at = now() WHERE id = $1 RETURNING *`,
        [id, c.slug, c.nameEn, c.nameZhCn, c.botMayAnswer, c.position],
      )) as [CategoryRow[], number];
      return rows[0] ? toCategory(rows[0]) : 'not-found';
    } catch (error) {
      if (isUniqueViolation(error)) return 'slug-taken';
      throw error;
    }
  }

  async list(reader: ArticleReader, filter: ArticleListFilter): Promise<ArticleRecord[]> {
    const params: unknown[] = [];
    const where = [visibleTo(reader)];
    for (const [column, value] of [['category_id', filter.categoryId], ['status', filter.status], ['audience', filter.audience]] as const) {
      if (value === undefined) continue;
      params.push(value);
      where.push(`a.${column} = $${params.length}`);
    }
    params.push(filter.limit);
    const rows: ArticleRow[] = await this.db.query(
      `SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE ${where.join(' AND ')} ORDER BY a.updated_at DESC, a.id LIMIT $${params.length}`,
      params,
    );
    return rows.map(toArticle);
  }

  async find(id: string): Promise<ArticleRecord | null> {
    const rows: ArticleRow[] = await this.db.query(`SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE a.id = $1`, [id]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async findBySlug(slug: string): Promise<ArticleRecord | null> {
    const rows: ArticleRow[] = await this.db.query(`SELECT ${ARTICLE_COLUMNS} FROM kb_articles a WHERE a.slug = $1`, [slug]);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  /** The help center's contents: each published public article's title and place, at most `perCategory` per category (newest first). */
  async helpIndex(perCategory: number): Promise<Array<{ id: string; slug: string; categoryId: string; titleEn: string | null; titleZhCn: string | null }>> {
    const rows: Array<{ id: string; slug: string; category_id: string; title_en: string | null; title_zh_cn: string | null }> = await this.db.query(
      `SELECT id, slug, category_id, title_en, title_zh_cn FROM (
         SELECT a.id, a.slug, a.category_id, a.title_en, a.title_zh_cn, row_number() OVER (PARTITION BY a.category_id ORDER BY a.published_at DESC, a.id) AS n
         FROM kb_articles a WHERE a.status = 'published' AND a.audience = 'public') ranked
       WHERE n <= $1 ORDER BY category_id, n`,
      [perCategory],
    );
    return rows.map((r) => ({ id: r.id, slug: r.slug, categoryId: r.category_id, titleEn: r.title_en, titleZhCn: r.title_zh_cn }));
  }

  async create(content: ArticleContent, savedBy: string): Promise<ArticleWrite> {
    try {
      return await runRetriedTransaction(this.db, async (tx) => {
        const sql = SqlRunner.of(tx);
        const { rows } = await sql.write<ArticleRow>(
          `INSERT INTO kb_articles AS a (slug, category_id, status, audience, title_en, body_en, html_en, title_zh_cn, body_zh_cn, html_zh_cn, search_doc,
             published_at, created_by, updated_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::tsvector, CASE WHEN $3 = 'published' THEN now() END, $12, $12)
           ON CONFLICT (slug) DO NOTHING RETURNING ${ARTICLE_COLUMNS}`,
          [...contentParams(content), savedBy],
        );
        if (!rows[0]) return { outcome: 'slug-taken' } as const;
        await this.appendVersion(sql, rows[0].id, savedBy);
        return { outcome: 'saved', article: toArticle(rows[0]) } as const;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: 'slug-taken' };
      throw error;
    }
  }

  /**
   * Replaces an article's content and appends a version. With `expectedVersion`, a save based on an
   * older version is refused (two editors must not silently overwrite each other).
   */
  async update(id: string, content: ArticleContent, savedBy: string, expectedVersion?: number): Promise<ArticleWrite> {
    try {
      return await runRetriedTransaction(this.db, async (tx) => {
        const sql = SqlRunner.of(tx);
        const current = await sql.one<{ version: number }>(`SELECT version FROM kb_articles WHERE id = $1 FOR UPDATE`, [id]);
        if (!current) return { outcome: 'not-found' } as const;
        if (expectedVersion !== undefined && expectedVersion !== current.version) return { outcome: 'stale', version: current.version } as const;
        const { rows } = await sql.write<ArticleRow>(
          `UPDATE kb_articles AS a SET slug = $2, category_id = $3, status = $4, audience = $5, title_en = $6, body_en = $7, html_en = $8,
             title_zh_cn = $9, body_zh_cn = $10, html_zh_cn = $11, search_doc = $12::tsvector, version = a.version + 1,
             published_at = CASE WHEN $4 = 'published' THEN coalesce(a.published_at, now()) END, updated_by = $13, updated_at = now()
           WHERE a.id = $1 RETURNING ${ARTICLE_COLUMNS}`,
          [id, ...contentParams(content), savedBy],
        );
        await this.appendVersion(sql, id, savedBy);
        return { outcome: 'saved', article: toArticle(rows[0]) } as const;
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: 'slug-taken' };
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    const [, affected] = (await this.db.query(`DELETE FROM kb_articles WHERE id = $1`, [id])) as [unknown, number];
    return affected > 0;
  }

  private async appendVersion(sql: SqlRunner, articleId: string, savedBy: string): Promise<void> {
    await sql.write(
      `INSERT INTO kb_article_versions (article_id, version, category_id, status, audience, slug, title_en, body_en, title_zh_cn, body_zh_cn, saved_by)
       SELECT id, version, category_id, status, audience, slug, title_en, body_en, title_zh_cn, body_zh_cn, $2 FROM kb_articles WHERE id = $1`,
      [articleId, savedBy],
    );
  }

  /** Newest first, at most `limit`, older than `before` when given. */
  async versions(articleId: string, { limit, before }: { limit: number; before?: number }): Promise<ArticleVersionRecord[]> {
    return this.readVersions(`v.article_id = $1 AND ($2::int IS NULL OR v.version < $2) ORDER BY v.version DESC LIMIT $3`, [articleId, before ?? null, limit]);
  }

  /** Whether the article exists with any version (a page past its oldest is empty, not missing). */
  async hasVersions(articleId: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM kb_article_versions WHERE article_id = $1 LIMIT 1`, [articleId]);
    return rows.length > 0;
  }

  async version(articleId: string, version: number): Promise<ArticleVersionRecord | null> {
    return (await this.readVersions(`v.article_id = $1 AND v.version = $2`, [articleId, version]))[0] ?? null;
  }

  private async readVersions(where: string, params: unknown[]): Promise<ArticleVersionRecord[]> {
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `SELECT v.*, ag.name AS saved_by_name FROM kb_article_versions v LEFT JOIN agents ag ON ag.id = v.saved_by WHERE ${where}`,
      params,
    );
    return rows.map((r) => ({
      articleId: r.article_id as string,
      version: r.version as number,
      categoryId: r.category_id as string,
      status: r.status as ArticleStatus,
      audience: r.audience as ArticleAudience,
      slug: r.slug as string,
      titleEn: r.title_en as string | null,
      bodyEn: r.body_en as string | null,
      titleZhCn: r.title_zh_cn as string | null,
      bodyZhCn: r.body_zh_cn as string | null,
      savedBy: r.saved_by as string | null,
      savedByName: (r.saved_by_name as string | null) ?? null,
      savedAt: r.saved_at as Date,
    }));
  }

  /**
   * The published articles that match a text, best first: the reusable retrieval behind the
   * new-issue form's suggestions (and, later, the bot and the agents' assist). Matches any of the
   * text's words (stop words left out), segmented as the ticket search segments; scored by
   * articleMatchScore, ties ordered by ts_rank and then by whether the article has the reader's language.
   */
  async findMatchingArticles(text: string, locale: Locale, options: MatchOptions): Promise<MatchingArticle[]> {
    const { clauses, anyWord } = articleQuery(text);
    if (!anyWord) return [];
    const limit = options.limit ?? 5;
    const { sql, params } = matchingArticlesStatement(clauses, anyWord, locale, { audience: options.audience, minScore: options.minScore, limit });
    // A prepared statement (one per word count, audience and limit: a few dozen texts at most):
    // planning the statement took about a millisecond against a tenth of that to run it on a small
    // knowledge base, on every new ticket the bot looks at; its generic plan reads the same GIN
    // indexes, each source cut at its LIMIT, and ran no slower on 5,000 articles (measured 2026-12-05).
    const rows = await preparedRows<ArticleRow & CategoryRowPrefixed & { rank: number } & Record<string, unknown>>(options.within ?? this.db.manager, sql, params);
    return rows
      .map((r) => {
        const article = toArticle(r);
        return {
          article,
          category: { id: r.category_id, slug: r.c_slug, nameEn: r.c_name_en, nameZhCn: r.c_name_zh_cn, botMayAnswer: r.c_bot_may_answer, position: r.c_position },
          score: articleMatchScore(clauses.map((_c, i) => r[`m${i}`] as WordMatch)),
          rank: Number(r.rank),
          locale: articleLocale(locale, { en: article.titleEn !== null, 'zh-CN': article.titleZhCn !== null }),
        };
      })
      .filter((m) => m.score >= (options.minScore ?? 0))
      .sort((x, y) => y.score - x.score || y.rank - x.rank || Number(y.locale === locale) - Number(x.locale === locale))
      .slice(0, limit);
  }

  /** One "this answered my question" on the form: the article, what was typed, the language; nothing about who. */
  async recordDeflection(articleId: string, query: string, locale: Locale): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO kb_deflections (article_id, query, locale)
       SELECT id, $2, $3 FROM kb_articles WHERE id = $1 AND status = 'published' AND audience = 'public' RETURNING id`,
      [articleId, query, locale],
    );
    return rows.length > 0;
  }

  /** Deflections per article in [from, to), most first. */
  async deflectionCounts(from: Date, to: Date, limit: number): Promise<Array<{ articleId: string; slug: string; titleEn: string | null; titleZhCn: string | null; deflections: number; lastAt: Date }>> {
    const rows: Array<{ article_id: string; slug: string; title_en: string | null; title_zh_cn: string | null; n: number; last_at: Date }> = await this.db.query(
      `SELECT d.article_id, a.slug, a.title_en, a.title_zh_cn, count(*)::int AS n, max(d.deflected_at) AS last_at
       FROM kb_deflections d JOIN kb_articles a ON a.id = d.article_id
       WHERE d.deflected_at >= $1 AND d.deflected_at < $2
       GROUP BY d.article_id, a.slug, a.title_en, a.title_zh_cn ORDER BY n DESC, d.article_id LIMIT $3`,
      [from, to, limit],
    );
    return rows.map((r) => ({ articleId: r.article_id, slug: r.slug, titleEn: r.title_en, titleZhCn: r.title_zh_cn, deflections: r.n, lastAt: r.last_at }));
  }
}

interface CategoryRowPrefixed {
  c_slug: string;
  c_name_en: string;
  c_name_zh_cn: string;
  c_bot_may_answer: boolean;
  c_position: number;
}

/** Rewrites every article's search document (part of `npm run search:rebuild`); one transaction, articles are few. */
export async function reindexArticles(em: EntityManager): Promise<number> {
  const rows: Array<{ id: string; title_en: string | null; body_en: string | null; title_zh_cn: string | null; body_zh_cn: string | null }> = await em.query(
    `SELECT id, title_en, body_en, title_zh_cn, body_zh_cn FROM kb_articles ORDER BY id FOR UPDATE`,
  );
  for (const r of rows) {
    await em.query(`UPDATE kb_articles SET search_doc = $2::tsvector WHERE id = $1`, [
      r.id,
      articleDocument({ titleEn: r.title_en, bodyEn: r.body_en, titleZhCn: r.title_zh_cn, bodyZhCn: r.body_zh_cn }),
    ]);
  }
  return rows.length;
}
