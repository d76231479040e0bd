import { Controller, Get, Headers, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { ARTICLE_SLUG, articleLocale, KNOWLEDGE_BASE_LIMITS, maySeeArticle, type Locale } from '@firsthand/domain';
import { ArticleStore } from '@firsthand/persistence';
import { HttpProblem } from '../http/problem.js';
import { RequestLimits } from '../limits/request-limits.js';
import { HELP_CSS, helpArticlePage, helpIndexPage, helpNotFoundPage, helpSearchPage } from './help-pages.js';

interface PageReply {
  status(code: number): PageReply;
  header(name: string, value: string): PageReply;
  send(body: string): void;
}

/** No scripts at all; styles from our own sheet; the search form posts (GET) to ourselves. */
const HELP_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const CACHED_PAGES = 500;
/** The contents page changes when an article is published; a minute's delay is fine and spares a query per visit. */
const INDEX_TTL_MS = 30_000;
const ARTICLES_PER_CATEGORY = 50;

/** `?lang=` first (zh, zh-CN, en), then the browser's Accept-Language by preference, else English. */
export function helpLocale(lang: unknown, acceptLanguage: string | undefined): Locale {
  if (typeof lang === 'string') {
    const lower = lang.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  }
  const ranked = (acceptLanguage ?? '')
    .slice(0, 500)
    .split(',')
    .map((part, i) => {
      const [tag, ...params] = part.trim().toLowerCase().split(';');
      const q = Number(/q=([\d.]+)/.exec(params.join(';'))?.[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((t) => t.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    if (tag === 'zh' || tag.startsWith('zh-')) return 'zh-CN';
    if (tag === 'en' || tag.startsWith('en-')) return 'en';
  }
  return 'en';
}

/**
 * The public help center: real HTML from the server (linkable, indexable, readable without
 * JavaScript), published public articles only. An article page is rendered once per version,
 * language and category name and then served from memory.
 */
@ApiExcludeController()
@Controller('help')
export class HelpCenterController {
  private readonly articlePages = new Map<string, string>();
  private readonly indexPages = new Map<Locale, { html: string; until: number }>();

  constructor(
    private readonly articles: ArticleStore,
    private readonly limits: RequestLimits,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  private get base(): string {
    return this.config.publicBaseUrl.replace(/\/+$/, '');
  }

  @Get()
  async index(@Query('lang') lang: unknown, @Headers('accept-language') accept: string | undefined, @Res() reply: PageReply): Promise<void> {
    const locale = helpLocale(lang, accept);
    const cached = this.indexPages.get(locale);
    if (cached && cached.until > Date.now()) return send(reply, 200, cached.html);
    const [categories, articles] = await Promise.all([this.articles.categories(), this.articles.helpIndex(ARTICLES_PER_CATEGORY)]);
    const html = helpIndexPage(locale, this.base, categories, articles);
    this.indexPages.set(locale, { html, until: Date.now() + INDEX_TTL_MS });
    send(reply, 200, html);
  }

  @Get('help.css')
  css(@Res() reply: PageReply): void {
    reply.status(200).header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=3600').send(HELP_CSS);
  }

  @Get('search')
  async search(
    @Req() request: { ip: string },
    @Query('q') q: unknown,
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res() reply: PageReply,
  ): Promise<void> {
    const locale = helpLocale(lang, accept);
    const text = typeof q === 'string' ? q.replace(/\u0000/g, '').trim() : '';
    if (text.length > KNOWLEDGE_BASE_LIMITS.suggestionQueryMaxLength) return send(reply, 400, helpSearchPage(locale, this.base, text.slice(0, 200), 'too-long'));
    if (text.length === 0) return send(reply, 200, helpSearchPage(locale, this.base, '', 'empty'));
    try {
      await this.limits.articleSuggestion(request.ip);
    } catch (error) {
      if (!(error instanceof HttpProblem)) throw error;
      reply.header('retry-after', String(error.extensions.retryAfterSeconds ?? 60));
      return send(reply, 429, helpSearchPage(locale, this.base, text, []));
    }
    const found = await this.articles.findMatchingArticles(text, locale, { audience: 'public', limit: 20 });
    send(reply, 200, helpSearchPage(locale, this.base, text, found));
  }

  @Get('articles/:slug')
  async article(
    @Param('slug') slug: string,
    @Query('lang') lang: unknown,
    @Headers('accept-language') accept: string | undefined,
    @Res() reply: PageReply,
  ): Promise<void> {
    const wanted = helpLocale(lang, accept);
    const article = slug.length <= KNOWLEDGE_BASE_LIMITS.slugMaxLength && ARTICLE_SLUG.test(slug) ? await this.articles.findBySlug(slug) : null;
    if (!article || !maySeeArticle('public', article)) return send(reply, 404, helpNotFoundPage(wanted, this.base));
    const category = await this.articles.category(article.categoryId);
    if (!category) return send(reply, 404, helpNotFoundPage(wanted, this.base));
    const locale = articleLocale(wanted, { en: article.titleEn !== null, 'zh-CN': article.titleZhCn !== null });
    const key = `${article.id}:${article.version}:${locale}:${category.slug}:${category.nameEn}:${category.nameZhCn}`;
    let html = this.articlePages.get(key);
    if (html === undefined) {
      html = helpArticlePage(locale, this.base, article, category);
      if (this.articlePages.size >= CACHED_PAGES) this.articlePages.delete(this.articlePages.keys().next().value as string);
      this.articlePages.set(key, html);
    }
    send(reply, 200, html);
  }
}

function send(reply: PageReply, status: number, html: string): void {
  reply
    .status(status)
    .header('content-type', 'text/html; charset=utf-8')
    .header('content-security-policy', HELP_CSP)
    .header('referrer-policy', 'strict-origin-when-cross-origin')
    .header('vary', 'Accept-Language')
    .header('cache-control', status === 200 ? 'public, max-age=60' : 'no-cache')
    .send(html);
}
