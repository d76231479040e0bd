import type { Locale } from '../vocabulary.js';

/** Bounds of the assist panel: few suggestions, short texts, one bounded query each. */
export const ASSIST_LIMITS = {
  articles: 5,
  similarTickets: 5,
  /** Characters of a similar ticket's reply, note or resolution shown in the panel. */
  textMaxLength: 4_000,
  /** Characters of subject + description that make the similarity query. */
  queryTextMaxLength: 2_000,
} as const;

/** What was taken out of a draft before an editor saw it. */
export type PersonalDataKind = 'email' | 'phone' | 'customer-name';

export interface RedactedText {
  text: string;
  removed: PersonalDataKind[];
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
// Seven digits or more, with the separators people type: phone, order or card numbers alike are not for an article.
const PHONE = /(?<![\p{L}\p{N}])\+?\d[\d\s().-]{5,}\d(?![\p{L}\p{N}])/gu;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export const REDACTION_MARK: Record<PersonalDataKind, Record<Locale, string>> = {
  email: { en: '[email removed]', 'zh-CN': '[已删除邮箱]' },
  phone: { en: '[number removed]', 'zh-CN': '[已删除号码]' },
  'customer-name': { en: '[customer]', 'zh-CN': '[客户]' },
};

/**
 * A ticket's text made fit for an article: the customer's emails, phone numbers and name (whole, and
 * each part of a Latin name of three letters or more) replaced by a visible mark, so the editor sees
 * where something was taken out and what kind.
 */
export function redactedForArticle(text: string, customer: { name: string | null; email: string | null; phone: string | null }, locale: Locale): RedactedText {
  const removed = new Set<PersonalDataKind>();
  const replace = (input: string, pattern: RegExp, kind: PersonalDataKind) =>
    input.replace(pattern, () => {
      removed.add(kind);
      return REDACTION_MARK[kind][locale];
    });
  let out = replace(text, EMAIL, 'email');
  for (const exact of [customer.email, customer.phone]) {
    if (exact && exact.length >= 3) out = replace(out, new RegExp(escapeRegExp(exact), 'gi'), exact === customer.email ? 'email' : 'phone');
  }
  out = replace(out, PHONE, 'phone');
  const name = customer.name?.trim();
  if (name) {
    const parts = [name, ...name.split(/\s+/).filter((p) => p.length >= 3 && p !== name)].sort((a, b) => b.length - a.length);
    const pattern = parts.map((p) => (/^[\p{Script=Latin}]+$/u.test(p) ? `\\b${escapeRegExp(p)}\\b` : escapeRegExp(p))).join('|');
    out = replace(out, new RegExp(pattern, 'giu'), 'customer-name');
  }
  return { text: out, removed: [...removed] };
}
