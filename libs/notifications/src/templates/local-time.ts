import type { Locale } from '@firsthand/domain';

type Style = 'long' | 'zone' | 'short';
const STYLES: Record<Style, Intl.DateTimeFormatOptions> = {
  long: { dateStyle: 'medium', timeStyle: 'short' },
  zone: { timeZoneName: 'short' },
  short: { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' },
};
/** Building an Intl.DateTimeFormat costs about half a millisecond and every notification needs one: one per locale, zone and style. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: Locale, timeZone: string, style: Style): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${style}`;
  let format = formatters.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, { timeZone, ...STYLES[style] });
    formatters.set(key, format);
  }
  return format;
}

function withZone(text: string, at: Date, locale: Locale, timeZone: string): string {
  const zone = formatter(locale, timeZone, 'zone').formatToParts(at).find((part) => part.type === 'timeZoneName');
  return zone ? `${text} (${zone.value})` : text;
}

/** e.g. "Mar 5, 2026, 5:30 PM (GMT+8)" / "2026年3月5日 17:30 (GMT+8)", in the configured time zone. */
export function formatLocalTime(at: Date, locale: Locale, timeZone: string): string {
  return withZone(formatter(locale, timeZone, 'long').format(at), at, locale, timeZone);
}

/**
 * e.g. "Mar 5, 5:30 PM (GMT+8)" / "3月5日 17:30 (GMT+8)": for SMS, where every character counts,
 * but the zone stays: the reader's phone may be in another one.
 */
export function formatShortLocalTime(at: Date, locale: Locale, timeZone: string): string {
  return withZone(formatter(locale, timeZone, 'short').format(at), at, locale, timeZone);
}
