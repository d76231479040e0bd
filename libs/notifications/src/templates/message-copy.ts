import { articleHtmlText, sanitizeArticleHtml, type Locale } from '@firsthand/domain';
import { escapeHtml } from './html-escape.js';

/** An email written once as blocks; the text and HTML forms are derived, and only here is HTML built. */
export type CopyBlock = { paragraph: string } | { quote: string } | { action: string; url: string } | { article: ArticleExcerpt };

/** A help-center article carried in a message (the bot's answer): its HTML goes through the article allow-list here, whatever the caller did. */
export interface ArticleExcerpt {
  title: string;
  html: string;
  locale: Locale;
}

export interface MessageCopy {
  subject: string;
  blocks: CopyBlock[];
  signature: string;
}

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export function renderEmail(copy: MessageCopy, locale: Locale): RenderedEmail {
  const subject = oneLine(copy.subject);
  return { subject, text: textOf(copy, locale), html: htmlOf({ ...copy, subject }, locale) };
}

/** Header-safe: a customer's subject may carry line breaks. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Between an action and its link in plain text: Chinese writes a full-width colon. */
const COLON: Record<Locale, string> = { en: ': ', 'zh-CN': '：' };

function textOf(copy: MessageCopy, locale: Locale): string {
  const blocks = copy.blocks.map((block) => {
    if ('paragraph' in block) return block.paragraph;
    if ('quote' in block) return block.quote.split(/\r?\n/).map((line) => `> ${line}`).join('\n');
    if ('article' in block) return `${oneLine(block.article.title)}\n\n${articleHtmlText(sanitizeArticleHtml(block.article.html))}`;
    return `${block.action}${COLON[locale]}${block.url}`;
  });
  return `${[...blocks, copy.signature].join('\n\n')}\n`;
}

// Inline styles, since mail clients drop <style>; they sit in double-quoted attributes, so no " inside.
const STYLE = {
  body: "margin:0;padding:24px;background:#f5f6f8;font-family:-apple-system,'Segoe UI','PingFang SC','Microsoft YaHei',sans-serif;font-size:15px;line-height:1.6;color:#1f2933",
  card: 'max-width:560px;margin:0 auto;padding:24px;background:#ffffff;border-radius:8px',
  quote: 'margin:16px 0;padding:8px 16px;border-left:4px solid #cbd2d9;color:#3e4c59',
  article: 'margin:16px 0;padding:16px;border:1px solid #e4e7eb;border-radius:6px',
  action: 'display:inline-block;padding:10px 18px;background:#1f6feb;color:#ffffff;text-decoration:none;border-radius:6px',
  signature: 'color:#7b8794;font-size:13px',
};

function htmlOf(copy: MessageCopy, locale: Locale): string {
  const blocks = copy.blocks.map((block) => {
    if ('paragraph' in block) return `<p>${escapeHtml(block.paragraph)}</p>`;
    if ('quote' in block) return `<blockquote style="${STYLE.quote}">${escapeHtml(block.quote).replace(/\r?\n/g, '<br>')}</blockquote>`;
    if ('article' in block) {
      const { title, html, locale: lang } = block.article;
      return `<div lang="${lang}" style="${STYLE.article}"><h2>${escapeHtml(oneLine(title))}</h2>\n${sanitizeArticleHtml(html)}</div>`;
    }
    return `<p><a href="${escapeHtml(block.url)}" style="${STYLE.action}">${escapeHtml(block.action)}</a></p>`;
  });
  return [
    '<!doctype html>',
    `<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(copy.subject)}</title></head>`,
    `<body style="${STYLE.body}"><div style="${STYLE.card}">`,
    ...blocks,
    `<p style="${STYLE.signature}">${escapeHtml(copy.signature)}</p>`,
    '</div></body></html>',
    '',
  ].join('\n');
}
