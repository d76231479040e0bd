import type { UiLocale } from '../i18n/locale.js';

const UNITS = ['B', 'KB', 'MB', 'GB'] as const;

/**
 * A file's size for people: "512 B", "1.5 KB", "10.5 MB" (1 KB = 1,024 bytes, as file managers
 * count), rounded up to one decimal, so a file even a byte over a limit never reads as the limit.
 */
export function formatFileSize(bytes: number, locale: UiLocale): string {
  return format(bytes, locale, Math.ceil);
}

/** A limit for people, rounded down: "at most 9.5 MB" never promises more than the server takes. */
export function formatSizeLimit(bytes: number, locale: UiLocale): string {
  return format(bytes, locale, Math.floor);
}

function format(bytes: number, locale: UiLocale, round: (value: number) => number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  // Dividing by 1,024 is exact in binary floating point, so the tenths are rounded from the true value.
  value = unit === 0 ? round(value) : round(value * 10) / 10;
  // 1,023.95 KB rounded up reads better as 1 MB than as 1,024 KB.
  if (value >= 1024 && unit < UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value)} ${UNITS[unit]}`;
}
