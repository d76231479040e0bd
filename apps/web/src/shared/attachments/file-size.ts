import type { UiLocale } from '../i18n/locale.js';

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/** A file's size for people: "512 B", "1.5 KB", "12 MB" (1 KB = 1,024 bytes, as file managers count). */
export function formatFileSize(bytes: number, locale: UiLocale): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(value)} ${UNITS[unit]}`;
}
