import { PERIOD_MS, periodLexeme, periodOf, recentPeriods, withPeriod } from './search-periods.js';

describe('search periods', () => {
  it('numbers 28-day periods from the Unix epoch in UTC', () => {
    expect(periodOf(new Date('1970-01-01T00:00:00Z'))).toBe(0);
    expect(periodOf(new Date(PERIOD_MS - 1))).toBe(0);
    expect(periodOf(new Date(PERIOD_MS))).toBe(1);
    // What the migration computes in SQL: floor(extract(epoch FROM created_at) / 2419200).
    const at = new Date('2026-12-05T13:10:00.123Z');
    expect(periodOf(at)).toBe(Math.floor(at.getTime() / 1000 / 2_419_200));
    expect(periodLexeme(at)).toBe(`@p${periodOf(at)}`);
  });

  it('adds the period to a document, also to an empty one', () => {
    const at = new Date('2026-12-05T00:00:00Z');
    expect(withPeriod(`'refund':1A`, at)).toBe(`'refund':1A '@p${periodOf(at)}'`);
    expect(withPeriod('', at)).toBe(`'@p${periodOf(at)}'`);
  });

  it('lists the recent periods, the current one and the next, and where they end', () => {
    const now = new Date('2026-12-05T13:10:00Z');
    const p = periodOf(now);
    const four = recentPeriods(now, 4);
    expect(four.tsquery).toBe(`'@p${p - 3}' | '@p${p - 2}' | '@p${p - 1}' | '@p${p}' | '@p${p + 1}'`);
    expect(periodOf(new Date(four.until.getTime() - 1))).toBe(p + 1);
    expect(periodOf(four.until)).toBe(p + 2);
    expect(recentPeriods(now, 1).tsquery).toBe(`'@p${p}' | '@p${p + 1}'`);
    expect(() => recentPeriods(now, 0)).toThrow(RangeError);
  });
});
