/**
 * Each search document carries the 28-day period its ticket was created in as one more lexeme
 * (`@p742`, from 2026-11-19: whole periods since 1970-01-01, UTC). A query can then AND its words
 * with the recent periods, so that PostgreSQL's GIN index returns only the recent matches of a word
 * that has thousands in all: the ranking wants the newest matches, and reading every match's row
 * just to learn its creation time was what the slowest searches spent their time on
 * (docs/search.md, "Recent periods first").
 *
 * No query word can reach these lexemes: a query's words are letters and digits only, and a prefix
 * matches from a lexeme's start, which here is `@`.
 */
export const PERIOD_MS = 28 * 24 * 60 * 60 * 1000;

/** The period number of an instant (whole 28-day periods since the Unix epoch). */
export function periodOf(at: Date): number {
  return Math.floor(at.getTime() / PERIOD_MS);
}

/** The lexeme of a period, quoted as tsvector and tsquery literals write it. */
const quotedPeriod = (period: number) => `'@p${period}'`;

/** The lexeme a document created at `createdAt` carries. The migration writes the same in SQL. */
export function periodLexeme(createdAt: Date): string {
  return `@p${periodOf(createdAt)}`;
}

/** A tsvector literal with the period's lexeme added (no position: it is never ranked or highlighted). */
export function withPeriod(tsvectorLiteral: string, createdAt: Date): string {
  const period = quotedPeriod(periodOf(createdAt));
  return tsvectorLiteral ? `${tsvectorLiteral} ${period}` : period;
}

export interface RecentPeriods {
  /** `'@p…' | '@p…' | …`: the recent periods and the next (clocks a little ahead), up to `until`. */
  tsquery: string;
  /**
   * The end of the newest period in it: a document created from then on (ahead of this clock by
   * weeks: another host's clock, imported data) carries none of its periods and is looked up otherwise.
   */
  until: Date;
}

/** The last `periods` periods up to `now` (the current one included) and the next, as a tsquery to AND with the words. */
export function recentPeriods(now: Date, periods: number): RecentPeriods {
  if (!(Number.isInteger(periods) && periods >= 1)) throw new RangeError(`periods must be a positive integer, got ${periods}`);
  const current = periodOf(now);
  const first = current - periods + 1;
  const lexemes: string[] = [];
  for (let period = first; period <= current + 1; period++) lexemes.push(quotedPeriod(period));
  return { tsquery: lexemes.join(' | '), until: new Date((current + 2) * PERIOD_MS) };
}
