import type { Locale } from '@firsthand/domain';
import { escapeHtml } from './html-escape.js';

const SAID: Record<Locale, (names: string) => string> = {
  en: (names) => `Too large to attach to this email, on your tracking page: ${names}.`,
  'zh-CN': (names) => `以下附件过大，未随本邮件发送，请在进度页面查看：${names}。`,
};

/**
 * A customer's email with the reply's files that did not fit in it (MAIL_MAX_OUTBOUND_FILE_BYTES)
 * says which, and where they are, instead of leaving them out in silence. The message was rendered
 * when it was planned; which files fit is known only as it goes out, so the line is added then.
 */
export function withFilesLeftOut(body: { text: string; html: string | null }, filenames: readonly string[], locale: Locale): { text: string; html: string | null } {
  if (filenames.length === 0) return body;
  const said = (SAID[locale] ?? SAID.en)(filenames.join(locale === 'zh-CN' ? '、' : ', '));
  // (A replacer function: a file name's "$&" or "$'" is text, not a replacement pattern.)
  const paragraph = `<p>${escapeHtml(said)}</p>`;
  const html = body.html === null ? null : body.html.includes('</body>') ? body.html.replace('</body>', () => `${paragraph}</body>`) : `${body.html}${paragraph}`;
  return { text: `${body.text}\n\n${said}`, html };
}
