import { localeOfText } from '@firsthand/domain';

/** The language of a mail, from its content (see `localeOfText`). */
export function localeOf(text: string): 'zh-CN' | 'en' {
  return localeOfText(text);
}
