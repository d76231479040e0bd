/** The language of a mail, from its content: Han characters make it Chinese. */
export function localeOf(text: string): 'zh-CN' | 'en' {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const latin = text.match(/[A-Za-z]/g)?.length ?? 0;
  // One Chinese name in an English mail does not make it Chinese; a one-character reply does.
  return han >= 2 || (han === 1 && latin === 0) ? 'zh-CN' : 'en';
}
