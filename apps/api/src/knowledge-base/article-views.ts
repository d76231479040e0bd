import { articlePlainText, excerpt, htmlPlainText, type Locale } from '@firsthand/domain';
import type { ArticleRecord, ArticleVersionRecord, CategoryRecord, MatchingArticle } from '@firsthand/persistence';
import type { ArticleCategoryView, ArticleSuggestion, ArticleVersionView, ArticleView } from '@firsthand/http-contracts';

export const helpArticlePath = (slug: string, locale: Locale) => `/help/articles/${slug}?lang=${locale}`;

export function articleView(a: ArticleRecord, mayEdit: boolean, publicBaseUrl: string): ArticleView {
  const listed = a.status === 'published' && a.audience === 'public';
  return {
    id: a.id,
    slug: a.slug,
    categoryId: a.categoryId,
    status: a.status,
    audience: a.audience,
    titleEn: a.titleEn,
    bodyEn: a.bodyEn,
    htmlEn: a.htmlEn,
    titleZhCn: a.titleZhCn,
    bodyZhCn: a.bodyZhCn,
    htmlZhCn: a.htmlZhCn,
    version: a.version,
    publishedAt: a.publishedAt?.toISOString() ?? null,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    mayEdit,
    helpUrl: listed ? new URL(`/help/articles/${a.slug}`, publicBaseUrl).toString() : null,
  };
}

export const categoryView = (c: CategoryRecord): ArticleCategoryView => ({ ...c });

export const versionView = (v: ArticleVersionRecord): ArticleVersionView => ({
  version: v.version,
  slug: v.slug,
  categoryId: v.categoryId,
  status: v.status,
  audience: v.audience,
  titleEn: v.titleEn,
  bodyEn: v.bodyEn,
  titleZhCn: v.titleZhCn,
  bodyZhCn: v.bodyZhCn,
  savedById: v.savedBy,
  savedByName: v.savedByName,
  savedAt: v.savedAt.toISOString(),
});

export function suggestionView(m: MatchingArticle): ArticleSuggestion {
  const zh = m.locale === 'zh-CN';
  // The HTML the save rendered, when it is there: the Markdown is not rendered again for a snippet.
  const html = zh ? m.article.htmlZhCn : m.article.htmlEn;
  const text = html !== null ? htmlPlainText(html) : articlePlainText((zh ? m.article.bodyZhCn : m.article.bodyEn) ?? '');
  return {
    id: m.article.id,
    slug: m.article.slug,
    locale: m.locale,
    title: (zh ? m.article.titleZhCn : m.article.titleEn) ?? '',
    excerpt: excerpt(text, 160),
    categoryName: zh ? m.category.nameZhCn : m.category.nameEn,
    score: m.score,
    url: helpArticlePath(m.article.slug, m.locale),
  };
}
