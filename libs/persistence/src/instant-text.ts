import pg from 'pg';

const TIMESTAMPTZ = 1184;
const parseTimestamptz = (text: string): Date => pg.types.getTypeParser(TIMESTAMPTZ, 'text')(text) as Date;

/**
 * PostgreSQL's text for a `timestamptz` (`2026-12-05 02:43:49.065123+00`) as the text
 * `Date#toISOString` gives for it (`2026-12-05T02:43:49.065Z`), without making the Date: a queue
 * page's 300 instants were parsed into Dates only to be printed again, about 6% of the API's CPU for
 * the page. Milliseconds are cut, not rounded, as the Date parse does. A session in another time
 * zone, a year past 9999 or BC take the Date path.
 */
export function isoInstantFromPostgres(text: string): string {
  const n = text.length;
  const utc = n >= 22 && text.charCodeAt(n - 3) === 43 /* + */ && text.charCodeAt(n - 2) === 48 && text.charCodeAt(n - 1) === 48;
  if (!utc || text.charCodeAt(4) !== 45 /* - */ || text.charCodeAt(10) !== 32 /* space */) return parseTimestamptz(text).toISOString();
  const seconds = text.slice(0, 10) + 'T' + text.slice(11, 19);
  if (n === 22) return `${seconds}.000Z`;
  if (text.charCodeAt(19) !== 46 /* . */) return parseTimestamptz(text).toISOString();
  const fraction = text.slice(20, Math.min(23, n - 3));
  return `${seconds}.${fraction.padEnd(3, '0')}Z`;
}

/**
 * Type parsers for statements whose instants only travel on as text (ticket views): `timestamptz`
 * as ISO text, everything else as usual.
 */
export const INSTANTS_AS_ISO_TEXT = {
  getTypeParser: (oid: number, format?: string) =>
    oid === TIMESTAMPTZ && format !== 'binary' ? isoInstantFromPostgres : pg.types.getTypeParser(oid, (format ?? 'text') as 'text'),
};
