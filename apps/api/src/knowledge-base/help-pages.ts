import { articlePlainText, excerpt, sanitizeArticleHtml, type Locale } from '@firsthand/domain';
import type { ArticleRecord, CategoryRecord, MatchingArticle } from '@firsthand/persistence';

/** The help center's words in both languages; the pages have no JavaScript, so they are all here. */
const WORDS = {
  en: {
    helpCenter: 'Help center',
    intro: 'Answers to common questions. Still stuck? Tell us about it and a person will help.',
    search: 'Search',
    searchLabel: 'Search the help center',
    placeholder: 'e.g. refund, delivery, password',
    results: (q: string, n: number) => `${n} article${n === 1 ? '' : 's'} for "${q}"`,
    noResults: 'Nothing matched. Try other words, or open an issue.',
    typeSomething: 'Type what you are looking for.',
    tooLong: 'That is too long to search: 200 characters at most.',
    openIssue: 'Open an issue',
    notFound: 'There is no such article (it may have been moved or taken down).',
    notFoundTitle: 'Not found',
    back: 'All topics',
    updated: 'Updated',
    empty: 'No articles yet.',
    otherLanguage: '中文',
  },
  'zh-CN': {
    helpCenter: '帮助中心',
    intro: '常见问题的解答。仍未解决？提交问题，会有专人帮您处理。',
    search: '搜索',
    searchLabel: '搜索帮助中心',
    placeholder: '例如：退款、配送、密码',
    results: (q: string, n: number) => `“${q}”的相关文章 ${n} 篇`,
    noResults: '没有找到相关文章。换个说法试试，或提交问题。',
    typeSomething: '请输入要查找的内容。',
    tooLong: '搜索内容太长，最多 200 个字符。',
    openIssue: '提交问题',
    notFound: '没有这篇文章（可能已移动或下线）。',
    notFoundTitle: '未找到',
    back: '全部主题',
    updated: '更新于',
    empty: '暂无文章。',
    otherLanguage: 'English',
  },
} as const;

const other = (locale: Locale): Locale => (locale === 'en' ? 'zh-CN' : 'en');

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

interface Layout {
  locale: Locale;
  title: string;
  description: string;
  canonical: string;
  /** The same page in the other language, when it exists. */
  alternate: string | null;
  /** The path of this page (without lang) for the language switch. */
  path: string;
  query?: string;
  body: string;
  noindex?: boolean;
}

const withLang = (path: string, locale: Locale, extra = '') => `${path}?${extra ? `${extra}&` : ''}lang=${encodeURIComponent(locale)}`;

function layout(page: Layout): string {
  const w = WORDS[page.locale];
  const switchTo = other(page.locale);
  const extra = page.query ? `q=${encodeURIComponent(page.query)}` : '';
  return `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)}</title>
<meta name="description" content="${escapeHtml(page.description)}">
<link rel="canonical" href="${escapeHtml(page.canonical)}">
${page.alternate ? `<link rel="alternate" hreflang="${switchTo}" href="${escapeHtml(page.alternate)}">\n` : ''}${page.noindex ? '<meta name="robots" content="noindex">\n' : ''}<link rel="stylesheet" href="/help/help.css">
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
</head>
<body>
<header class="top"><a class="home" href="${withLang('/help', page.locale)}">${w.helpCenter}</a>
<a class="lang" hreflang="${switchTo}" lang="${switchTo}" href="${escapeHtml(withLang(page.path, switchTo, extra))}">${w.otherLanguage}</a></header>
<main>
${searchForm(page.locale, page.query ?? '')}
${page.body}
</main>
<footer><a href="/new">${w.openIssue}</a></footer>
</body>
</html>`;
}

function searchForm(locale: Locale, q: string): string {
  const w = WORDS[locale];
  return `<form class="search" action="/help/search" method="get" role="search">
<label for="help-q">${w.searchLabel}</label>
<div class="row"><input id="help-q" name="q" type="search" maxlength="200" value="${escapeHtml(q)}" placeholder="${escapeHtml(w.placeholder)}"><input type="hidden" name="lang" value="${locale}"><button type="submit">${w.search}</button></div>
</form>`;
}

const titleIn = (a: Pick<ArticleRecord, 'titleEn' | 'titleZhCn'>, locale: Locale) => (locale === 'zh-CN' ? a.titleZhCn ?? a.titleEn : a.titleEn ?? a.titleZhCn) ?? '';
const categoryName = (c: CategoryRecord, locale: Locale) => (locale === 'zh-CN' ? c.nameZhCn : c.nameEn);

export function helpIndexPage(locale: Locale, base: string, categories: CategoryRecord[], articles: Array<Pick<ArticleRecord, 'id' | 'slug' | 'categoryId' | 'titleEn' | 'titleZhCn'>>): string {
  const w = WORDS[locale];
  // Only what the reader can read: an article not written in their language is left out (it is
  // still found by search), so opening an entry never switches the page to another language.
  const readable = articles.filter((a) => (locale === 'zh-CN' ? a.titleZhCn : a.titleEn) !== null);
  const sections = categories
    .map((c) => {
      const inCategory = readable.filter((a) => a.categoryId === c.id);
      if (inCategory.length === 0) return '';
      const items = inCategory.map((a) => `<li><a href="${escapeHtml(withLang(`/help/articles/${a.slug}`, locale))}">${escapeHtml(titleIn(a, locale))}</a></li>`).join('\n');
      return `<section class="category" id="${escapeHtml(c.slug)}"><h2>${escapeHtml(categoryName(c, locale))}</h2>\n<ul>\n${items}\n</ul></section>`;
    })
    .filter(Boolean)
    .join('\n');
  return layout({
    locale,
    title: w.helpCenter,
    description: w.intro,
    canonical: `${base}${withLang('/help', locale)}`,
    alternate: `${base}${withLang('/help', other(locale))}`,
    path: '/help',
    body: `<h1>${w.helpCenter}</h1>\n<p class="intro">${w.intro}</p>\n${sections || `<p>${w.empty}</p>`}`,
  });
}

export function helpArticlePage(locale: Locale, base: string, article: ArticleRecord, category: CategoryRecord): string {
  const w = WORDS[locale];
  const zh = locale === 'zh-CN';
  const title = (zh ? article.titleZhCn : article.titleEn) ?? '';
  const body = (zh ? article.bodyZhCn : article.bodyEn) ?? '';
  // Sanitized again on render: stored HTML is trusted no more than typed Markdown.
  const html = sanitizeArticleHtml((zh ? article.htmlZhCn : article.htmlEn) ?? '');
  const hasOther = (zh ? article.titleEn : article.titleZhCn) !== null;
  const path = `/help/articles/${article.slug}`;
  const updated = article.updatedAt.toISOString().slice(0, 10);
  return layout({
    locale,
    title: `${title} · ${w.helpCenter}`,
    description: excerpt(articlePlainText(body), 155),
    canonical: `${base}${withLang(path, locale)}`,
    alternate: hasOther ? `${base}${withLang(path, other(locale))}` : null,
    path,
    body: `<nav class="crumbs"><a href="${withLang('/help', locale)}">${w.back}</a> › <a href="${escapeHtml(withLang('/help', locale))}#${escapeHtml(category.slug)}">${escapeHtml(categoryName(category, locale))}</a></nav>
<article>
<h1>${escapeHtml(title)}</h1>
<p class="meta">${w.updated} <time datetime="${article.updatedAt.toISOString()}">${updated}</time></p>
<div class="body">${html}</div>
</article>`,
  });
}

export function helpSearchPage(locale: Locale, base: string, q: string, found: MatchingArticle[] | 'too-long' | 'empty'): string {
  const w = WORDS[locale];
  let body: string;
  if (found === 'too-long') body = `<p class="notice">${w.tooLong}</p>`;
  else if (found === 'empty') body = `<p>${w.typeSomething}</p>`;
  else if (found.length === 0) body = `<h1>${escapeHtml(w.results(q, 0))}</h1>\n<p>${w.noResults} <a href="/new">${w.openIssue}</a></p>`;
  else {
    const items = found
      .map((m) => {
        const zh = m.locale === 'zh-CN';
        const text = excerpt(articlePlainText((zh ? m.article.bodyZhCn : m.article.bodyEn) ?? ''), 160);
        return `<li><a href="${escapeHtml(withLang(`/help/articles/${m.article.slug}`, m.locale))}">${escapeHtml(titleIn(m.article, m.locale))}</a><p>${escapeHtml(text)}</p></li>`;
      })
      .join('\n');
    body = `<h1>${escapeHtml(w.results(q, found.length))}</h1>\n<ul class="results">\n${items}\n</ul>`;
  }
  return layout({
    locale,
    title: `${w.search} · ${w.helpCenter}`,
    description: w.intro,
    canonical: `${base}${withLang('/help', locale)}`,
    alternate: null,
    path: '/help/search',
    query: q,
    body,
    noindex: true,
  });
}

export function helpNotFoundPage(locale: Locale, base: string): string {
  const w = WORDS[locale];
  return layout({
    locale,
    title: `${w.notFoundTitle} · ${w.helpCenter}`,
    description: w.notFound,
    canonical: `${base}${withLang('/help', locale)}`,
    alternate: null,
    path: '/help',
    body: `<h1>${w.notFoundTitle}</h1>\n<p>${w.notFound} <a href="${withLang('/help', locale)}">${w.back}</a></p>`,
    noindex: true,
  });
}

/** Phone first, no framework: one column, readable line length, large tap targets. */
export const HELP_CSS = `*{box-sizing:border-box}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
a{color:#0b57d0}
.top{display:flex;justify-content:space-between;align-items:center;padding:12px 16px;background:#fff;border-bottom:1px solid #dde1e6}
.top .home{font-weight:600;text-decoration:none;color:#1f2328}
.top .lang{padding:8px 12px;min-height:44px;display:inline-flex;align-items:center}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.5rem;line-height:1.3;margin:16px 0 8px}
h2{font-size:1.15rem;margin:24px 0 8px}
.search label{display:block;font-weight:600;margin-bottom:4px}
.search .row{display:flex;gap:8px}
.search input[type=search]{flex:1;min-width:0;font:inherit;padding:10px 12px;border:1px solid #aab2bd;border-radius:8px;min-height:44px}
.search button{font:inherit;padding:0 16px;min-height:44px;border:0;border-radius:8px;background:#0b57d0;color:#fff}
.category ul,.results{list-style:none;padding:0;margin:0;background:#fff;border:1px solid #dde1e6;border-radius:8px}
.category li,.results li{border-top:1px solid #eef0f3}
.category li:first-child,.results li:first-child{border-top:0}
.category li a,.results li a{display:block;padding:12px 16px;min-height:44px}
.results li p{margin:0;padding:0 16px 12px;color:#57606a;font-size:.95rem}
article{background:#fff;border:1px solid #dde1e6;border-radius:8px;padding:16px}
article .body{overflow-wrap:anywhere}
article pre{overflow-x:auto;background:#f6f8fa;padding:8px}
article table{border-collapse:collapse;display:block;overflow-x:auto}
article td,article th{border:1px solid #dde1e6;padding:4px 8px}
.meta,.crumbs,.intro{color:#57606a;font-size:.9rem}
.crumbs{margin:16px 0 8px}
.notice{background:#fff4e5;padding:8px 12px;border-radius:8px}
footer{max-width:720px;margin:0 auto;padding:16px 16px 32px}
`;
