import type { UiLocale } from './locale.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(locale: UiLocale, value: number, name: 'day' | 'hour' | 'minute' | 'second'): string {
  return new Intl.NumberFormat(locale, { style: 'unit', unit: name, unitDisplay: 'narrow' }).format(value);
}

/**
 * A compact, absolute duration for SLA badges: "2d 3h", "1h 5m", "12m", "40s" (zh-CN: "1小时5分钟").
 * `daysFrom`: how many days before it counts in days; 2 for a clock promised in hours, so the
 * complaints' 24-hour clock reads "24h 0m", not "1d 0h".
 */
export function formatDuration(ms: number, locale: UiLocale, { daysFrom = 1 }: { daysFrom?: number } = {}): string {
  const abs = Math.abs(ms);
  const joiner = locale === 'zh-CN' ? '' : ' ';
  if (abs >= daysFrom * DAY) return [unit(locale, Math.floor(abs / DAY), 'day'), unit(locale, Math.floor((abs % DAY) / HOUR), 'hour')].join(joiner);
  if (abs >= HOUR) return [unit(locale, Math.floor(abs / HOUR), 'hour'), unit(locale, Math.floor((abs % HOUR) / MINUTE), 'minute')].join(joiner);
  if (abs >= MINUTE) return unit(locale, Math.floor(abs / MINUTE), 'minute');
  return unit(locale, Math.floor(abs / 1000), 'second');
}

/**
 * Times are shown in the browser's zone and always say which ("Dec 3, 2026, 6:30 PM GMT+8",
 * "2026年12月3日 GMT+8 18:30"): an agent in Berlin and a customer in Shanghai read the same
 * promise differently, and a bare "18:30" cannot tell them apart. `timeZone` is for tests.
 */
export function formatDateTime(iso: string | Date, locale: UiLocale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short', timeZone }).format(new Date(iso));
}

export function formatTime(iso: string | Date, locale: UiLocale, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit', timeZoneName: 'short', timeZone }).format(new Date(iso));
}

export function formatPercent(rate: number | null, locale: UiLocale): string {
  return rate === null ? '–' : new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

export function formatNumber(value: number, locale: UiLocale, fractionDigits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: fractionDigits }).format(value);
}
