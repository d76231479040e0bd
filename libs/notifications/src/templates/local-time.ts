import type { Locale } from '@firsthand/domain';

/** e.g. "Mar 5, 2026, 5:30 PM (GMT+8)" / "2026年3月5日 17:30 (GMT+8)", in the configured time zone. */
export function formatLocalTime(at: Date, locale: Locale, timeZone: string): string {
  const dateTime = new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(at);
  const zone = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }).formatToParts(at).find((part) => part.type === 'timeZoneName');
  return zone ? `${dateTime} (${zone.value})` : dateTime;
}

/** e.g. "Mar 5, 5:30 PM" / "3月5日 17:30": for SMS, where every character counts. */
export function formatShortLocalTime(at: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}
