import MarkdownIt from 'markdown-it';
import type * as XssModule from 'xss';
import xssExports from 'xss';

// xss is CommonJS: its module.exports is filterXSS with the rest hung on it, typed as named exports.
const xss = xssExports as unknown as typeof XssModule;

/**
 * Article Markdown → HTML. markdown-it with raw HTML off, so nothing typed becomes a tag by itself;
 * then an allow-list sanitizer, on save and again on render, so HTML stored by an older rule (or
 * written into the table by hand) cannot reach a page with a script, an event handler or a
 * javascript: link.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const ALLOWED_TAGS: Record<string, string[]> = {
  h1: [], h2: [], h3: [], h4: [], p: [], br: [], hr: [], strong: [], em: [], s: [], code: [], pre: [], blockquote: [],
  ul: [], ol: ['start'], li: [], a: ['href', 'title'], table: [], thead: [], tbody: [], tr: [], th: ['style'], td: ['style'],
};

const SAFE_LINK = /^(?:https?:\/\/|mailto:)/i;
const ALIGN = /^text-align:(?:left|right|center)$/;

const sanitizer = new xss.FilterXSS({
  whiteList: ALLOWED_TAGS,
  stripIgnoreTag: true,
  stripIgnoreTagBody: ['script', 'style', 'iframe', 'object', 'embed', 'template', 'noscript'],
  allowCommentTag: false,
  safeAttrValue(tag, name, value) {
    const trimmed = value.trim();
    if (tag === 'a' && name === 'href') return SAFE_LINK.test(trimmed) ? xss.escapeAttrValue(trimmed) : '';
    if (name === 'style') return ALIGN.test(trimmed.replace(/\s+/g, '')) ? trimmed.replace(/\s+/g, '') : '';
    return xss.escapeAttrValue(trimmed);
  },
});

/** Markdown to HTML limited to the allow-list above. */
export function renderArticleMarkdown(source: string): string {
  return sanitizeArticleHtml(markdown.render(source));
}

/** The allow-list applied to HTML from anywhere (stored, or rendered by an older version). */
export function sanitizeArticleHtml(html: string): string {
  // Links leave the help center without handing the target page a reference to it.
  return sanitizer.process(html).replace(/<a(?=[ >])/g, '<a rel="nofollow noopener noreferrer"');
}

/** The plain text of an article body, for meta descriptions and suggestion snippets. */
export function articlePlainText(source: string): string {
  return htmlPlainText(renderArticleMarkdown(source));
}

/**
 * The plain text of article HTML as the store keeps it (rendered and sanitised on save): what a
 * suggestion's snippet needs without rendering the Markdown again on every keystroke of the form.
 */
export function htmlPlainText(html: string): string {
  return html
    .replace(/<\/?(?:p|h\d|li|ul|ol|br|hr|tr|td|th|pre|blockquote|table|thead|tbody)\b[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The plain text of sanitised article HTML, paragraphs and list items on lines of their own: the
 * text part of a mail carrying an automatic answer (links keep their text; the HTML part has them).
 */
export function articleHtmlText(html: string): string {
  return html
    .replace(/<li\b[^>]*>/g, '\n- ')
    .replace(/<br\s*\/?>/g, '\n')
    .replace(/<\/?(?:p|h\d|ul|ol|hr|tr|pre|blockquote|table|thead|tbody|div)\b[^>]*>/g, '\n')
    .replace(/<\/?(?:td|th)\b[^>]*>/g, ' ')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&')
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .filter((line) => line !== '' && line !== '-')
    .join('\n');
}

/** At most `max` characters of text, cut at a word boundary for Latin text, with an ellipsis. */
export function excerpt(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max * 0.6 ? cut.slice(0, space) : cut}…`;
}
