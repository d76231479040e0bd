import type { Locale } from './vocabulary.js';

/**
 * The language a customer wrote in, from the text itself: Han characters make it Chinese. Used where
 * nobody said (a mail, a form or an API call without a locale), so the answer comes in that language.
 */
export function localeOfText(text: string): Locale {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  // One Chinese name in an English mail does not make it Chinese; a one-character reply does.
  return han >= 2 || (han === 1 && latin === 0) ? 'zh-CN' : 'en';
}
