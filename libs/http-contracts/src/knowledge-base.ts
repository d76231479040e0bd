import type { ArticleAudience, ArticleStatus, Locale } from '@firsthand/domain';

/** A knowledge-base category: `GET /api/kb/categories`. */
export interface ArticleCategoryView {
  id: string;
  slug: string;
  nameEn: string;
  nameZhCn: string;
  /** Whether the (later) bot may answer tickets with this category's articles. */
  botMayAnswer: boolean;
  position: number;
}

export interface ArticleCategoryList {
  items: ArticleCategoryView[];
}

/** `POST /api/kb/categories`, `PUT /api/kb/categories/:id`. */
export interface SaveArticleCategoryRequest {
  slug: string;
  nameEn: string;
  nameZhCn: string;
  botMayAnswer?: boolean;
  position?: number;
}

/** An article as agents and editors read it. HTML is sanitized; Markdown sources are the editable text. */
export interface ArticleView {
  id: string;
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
  version: number;
  publishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  /** Whether the caller may change it (seniors, supervisors, admins). */
  mayEdit: boolean;
  /** The help-center address of a published public article; null otherwise. */
  helpUrl: string | null;
}

export interface ArticleList {
  items: ArticleView[];
}

/** `POST /api/kb/articles`. A language is given by its title and body together. */
export interface CreateArticleRequest {
  slug?: string;
  categoryId: string;
  status?: ArticleStatus;
  audience?: ArticleAudience;
  titleEn?: string | null;
  bodyEn?: string | null;
  titleZhCn?: string | null;
  bodyZhCn?: string | null;
}

/** `PATCH /api/kb/articles/:id`: only what changes; `baseVersion` refuses a save over someone else's newer one. */
export interface UpdateArticleRequest extends Partial<CreateArticleRequest> {
  baseVersion?: number;
}

/** `POST /api/kb/preview`: what a body will look like, sanitized as on save. */
export interface ArticlePreview {
  html: string;
}

export interface ArticleVersionView {
  version: number;
  slug: string;
  categoryId: string;
  status: ArticleStatus;
  audience: ArticleAudience;
  titleEn: string | null;
  bodyEn: string | null;
  titleZhCn: string | null;
  bodyZhCn: string | null;
  savedById: string | null;
  savedByName: string | null;
  savedAt: string;
}

export interface ArticleVersionList {
  items: ArticleVersionView[];
  /** Pass as `before` for the older versions; null when these are the oldest. */
  nextBefore: number | null;
}

/** One suggestion on the new-issue form: `GET /api/help/suggestions`. */
export interface ArticleSuggestion {
  id: string;
  slug: string;
  locale: Locale;
  title: string;
  excerpt: string;
  categoryName: string;
  /** 0..1, see docs/knowledge-base.md. */
  score: number;
  url: string;
}

export interface ArticleSuggestionList {
  items: ArticleSuggestion[];
}

/** `POST /api/help/deflections`: "this answered my question". */
export interface RecordDeflectionRequest {
  articleId: string;
  query: string;
  locale: Locale;
}

/** `GET /api/kb/deflections`: deflections per article over a period. */
export interface DeflectionCountList {
  from: string;
  to: string;
  items: Array<{ articleId: string; slug: string; titleEn: string | null; titleZhCn: string | null; deflections: number; lastAt: string }>;
}
