import { RoleRequired } from '../domain-errors.js';
import type { AgentRole, Locale } from '../vocabulary.js';

export const ARTICLE_STATUSES = ['draft', 'published'] as const;
export type ArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** public: the help center, the form and (later) the bot; internal: agents only. */
export const ARTICLE_AUDIENCES = ['public', 'internal'] as const;
export type ArticleAudience = (typeof ARTICLE_AUDIENCES)[number];

/** Who reads: anyone on the web (published public articles), an agent (published, both audiences), an editor (everything). */
export type ArticleReader = 'public' | 'agents' | 'editors';

export const KNOWLEDGE_BASE_LIMITS = {
  titleMaxLength: 160,
  bodyMaxLength: 50_000,
  slugMaxLength: 80,
  categoryNameMaxLength: 80,
  categoriesMax: 50,
  listMax: 100,
  /** What a customer types into the subject before suggestions are worth a query. */
  suggestionQueryMinLength: 2,
  suggestionQueryMaxLength: 200,
  suggestionsMax: 5,
} as const;

/** Lower-case Latin letters and digits in words joined by single hyphens: safe in a URL as written. */
export const ARTICLE_SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** Seniors, supervisors and admins write the knowledge base; agents read it. */
export function mayEditArticles(role: AgentRole): boolean {
  return role === 'senior' || role === 'supervisor' || role === 'admin';
}

export class ArticleEditorRequired extends RoleRequired {
  constructor() {
    super(['senior', 'supervisor', 'admin'], 'write knowledge-base articles');
  }
}

export function assertMayEditArticles(role: AgentRole): void {
  if (!mayEditArticles(role)) throw new ArticleEditorRequired();
}

export function readerFor(role: AgentRole | null): ArticleReader {
  if (role === null) return 'public';
  return mayEditArticles(role) ? 'editors' : 'agents';
}

/** Whether a reader sees an article at all; anything else reads as "no such article" (404). */
export function maySeeArticle(reader: ArticleReader, article: { status: ArticleStatus; audience: ArticleAudience }): boolean {
  if (reader === 'editors') return true;
  if (article.status !== 'published') return false;
  return reader === 'agents' || article.audience === 'public';
}

/** A slug from a title: Latin words kept, everything else dropped; null when nothing usable is left (a Chinese-only title). */
export function slugFromTitle(title: string): string | null {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, KNOWLEDGE_BASE_LIMITS.slugMaxLength)
    .replace(/-+$/, '');
  return slug.length > 0 ? slug : null;
}

/** The language an article is shown in: the one asked for when the article has it, else the one it has. */
export function articleLocale(wanted: Locale, has: { en: boolean; 'zh-CN': boolean }): Locale {
  if (has[wanted]) return wanted;
  return wanted === 'en' ? 'zh-CN' : 'en';
}

/** Where a query word was found in an article: its title, its body, or nowhere. */
export type WordMatch = 'title' | 'body' | null;

/** What a word found in the title, or only in the body, counts towards an article's score. */
export const WORD_MATCH_WEIGHT = { title: 1, body: 0.6 } as const;

/**
 * How well an article answers a text, from 0 to 1: each word of the text counts 1 when the title
 * holds it and 0.6 when only the body does, divided by the number of words. A plain share of the
 * words a reader can reason about ("0.7 means most of what was typed is in the article"), so the
 * later bot's confidence setting has a meaning; ts_rank only orders articles of equal score.
 */
export function articleMatchScore(matches: readonly WordMatch[]): number {
  if (matches.length === 0) return 0;
  const total = matches.reduce((sum, m) => sum + (m === null ? 0 : WORD_MATCH_WEIGHT[m]), 0);
  return Math.round((total / matches.length) * 1000) / 1000;
}
