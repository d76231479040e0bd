import type { Locale } from './vocabulary.js';

/**
 * The language a customer wrote in, from the text itself: Han characters make it Chinese. Used where
 * nobody said (a mail, a form or an API call without a locale), so the answer comes in that language.
 */
export function localeOfText(text: string): Locale {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  // One Chinese name in an English mail does not make it Chinese, nor does an address line written
  // in Chinese; a one-character reply does. A Han character says about as much as a short English
  // word, so Chinese wins once it has a third as many characters as the text has Latin letters.
  if (han === 0) return 'en';
  if (latin === 0) return 'zh-CN';
  return han >= 2 && han * 3 >= latin ? 'zh-CN' : 'en';
}
