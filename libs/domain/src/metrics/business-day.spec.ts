import fc from 'fast-check';
import { DEFAULT_BUSINESS_TIME_ZONE, dayKey, isoWeekKey } from './business-day.js';

const utc = (iso: string) => new Date(iso);

describe('dayKey', () => {
  it('uses Asia/Shanghai unless told otherwise', () => {
    expect(DEFAULT_BUSINESS_TIME_ZONE).toBe('Asia/Shanghai');
    expect(dayKey(utc('2026-03-01T15:59:59.999Z'))).toBe('2026-03-01');
    expect(dayKey(utc('2026-03-01T16:00:00.000Z'))).toBe('2026-03-02');
  });

  it('puts a resolution just after Shanghai midnight on the next day, while UTC is still on the previous one', () => {
    const justAfterMidnight = utc('2026-03-01T16:00:30.000Z');

    expect(dayKey(justAfterMidnight, 'Asia/Shanghai')).toBe('2026-03-02');
    expect(dayKey(justAfterMidnight, 'UTC')).toBe('2026-03-01');
  });

  it('crosses month and year ends', () => {
    expect(dayKey(utc('2026-12-31T15:59:59.999Z'))).toBe('2026-12-31');
    expect(dayKey(utc('2026-12-31T16:00:00.000Z'))).toBe('2027-01-01');
    expect(dayKey(utc('2028-02-28T16:00:00.000Z'))).toBe('2028-02-29');
  });

  it('follows New York through the short day when clocks go forward (8 March 2026, 23 hours)', () => {
    expect(dayKey(utc('2026-03-08T04:59:59.999Z'), 'America/New_York')).toBe('2026-03-07');
    expect(dayKey(utc('2026-03-08T05:00:00.000Z'), 'America/New_York')).toBe('2026-03-08');
    // 01:59:59 EST and, one second later, 03:00:00 EDT: still the same day.
    expect(dayKey(utc('2026-03-08T06:59:59.000Z'), 'America/New_York')).toBe('2026-03-08');
    expect(dayKey(utc('2026-03-08T07:00:00.000Z'), 'America/New_York')).toBe('2026-03-08');
    // Midnight is now at 04:00 UTC.
    expect(dayKey(utc('2026-03-09T03:59:59.999Z'), 'America/New_York')).toBe('2026-03-08');
    expect(dayKey(utc('2026-03-09T04:00:00.000Z'), 'America/New_York')).toBe('2026-03-09');
  });

  it('follows New York through the long day when clocks go back (1 November 2026, 25 hours)', () => {
    expect(dayKey(utc('2026-11-01T03:59:59.999Z'), 'America/New_York')).toBe('2026-10-31');
    expect(dayKey(utc('2026-11-01T04:00:00.000Z'), 'America/New_York')).toBe('2026-11-01');
    expect(dayKey(utc('2026-11-02T04:59:59.999Z'), 'America/New_York')).toBe('2026-11-01');
    expect(dayKey(utc('2026-11-02T05:00:00.000Z'), 'America/New_York')).toBe('2026-11-02');
  });

  it('handles zones with a half-hour offset', () => {
    expect(dayKey(utc('2026-03-01T18:29:59.999Z'), 'Asia/Kolkata')).toBe('2026-03-01');
    expect(dayKey(utc('2026-03-01T18:30:00.000Z'), 'Asia/Kolkata')).toBe('2026-03-02');
  });

  it('refuses an unknown zone and an invalid date', () => {
    expect(() => dayKey(utc('2026-03-01T00:00:00Z'), 'Mars/Olympus_Mons')).toThrow(RangeError);
    expect(() => dayKey(new Date(Number.NaN))).toThrow(RangeError);
  });
});

describe('isoWeekKey', () => {
  it('starts the week on Monday at midnight in the zone', () => {
    // Sunday 8 March 2026, 23:59:59 in Shanghai, then Monday 00:00.
    expect(isoWeekKey(utc('2026-03-08T15:59:59.999Z'))).toBe('2026-W10');
    expect(isoWeekKey(utc('2026-03-08T16:00:00.000Z'))).toBe('2026-W11');
    expect(isoWeekKey(utc('2026-03-08T16:00:00.000Z'), 'UTC')).toBe('2026-W10');
  });

  it('gives the first days of January to the previous year’s last week when the year starts late in the week', () => {
    // 1 January 2027 is a Friday; 2026 started on a Thursday and so has 53 weeks.
    expect(isoWeekKey(utc('2027-01-01T04:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(utc('2027-01-03T04:00:00Z'))).toBe('2026-W53');
    expect(isoWeekKey(utc('2027-01-04T04:00:00Z'))).toBe('2027-W01');
    // 1 January 2021 was a Friday after a 53-week 2020.
    expect(isoWeekKey(utc('2021-01-01T04:00:00Z'))).toBe('2020-W53');
  });

  it('gives the last days of December to the next year’s first week when that week’s Thursday is in January', () => {
    expect(isoWeekKey(utc('2024-12-30T04:00:00Z'))).toBe('2025-W01');
    expect(isoWeekKey(utc('2025-12-29T04:00:00Z'))).toBe('2026-W01');
    expect(isoWeekKey(utc('2026-01-01T04:00:00Z'))).toBe('2026-W01');
  });

  it('crosses a year and a week at once at Shanghai midnight', () => {
    // Sunday 27 December 2026 ends at 16:00 UTC; the next day opens 2026-W53.
    expect(isoWeekKey(utc('2026-12-27T15:59:59.999Z'))).toBe('2026-W52');
    expect(isoWeekKey(utc('2026-12-27T16:00:00.000Z'))).toBe('2026-W53');
  });

  it('keeps a New York week whole across the clock change', () => {
    // Monday 2 March to Sunday 8 March 2026 (clocks go forward on the Sunday) is week 10.
    expect(isoWeekKey(utc('2026-03-02T05:00:00.000Z'), 'America/New_York')).toBe('2026-W10');
    expect(isoWeekKey(utc('2026-03-09T03:59:59.999Z'), 'America/New_York')).toBe('2026-W10');
    expect(isoWeekKey(utc('2026-03-09T04:00:00.000Z'), 'America/New_York')).toBe('2026-W11');
  });

  it('agrees with dayKey about the day it is counting', () => {
    const instant = utc('2026-06-14T17:30:00Z');

    expect(dayKey(instant, 'Asia/Shanghai')).toBe('2026-06-15');
    expect(isoWeekKey(instant, 'Asia/Shanghai')).toBe('2026-W25');
    expect(isoWeekKey(instant, 'America/New_York')).toBe('2026-W24');
  });
});

describe('UTC', () => {
  it('gives the same days and weeks as the zone database, without asking it', () => {
    const viaZoneDatabase = (date: Date) => {
      const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Etc/UTC', year: 'numeric', month: 'numeric', day: 'numeric' }).formatToParts(date);
      const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      return Date.UTC(part('year'), part('month') - 1, part('day'));
    };
    fc.assert(
      fc.property(fc.date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true }), (date) => {
        const midnight = new Date(viaZoneDatabase(date));
        expect(dayKey(date, 'UTC')).toBe(dayKey(midnight, 'Etc/UTC'));
        expect(isoWeekKey(date, 'UTC')).toBe(isoWeekKey(midnight, 'Etc/UTC'));
      }),
    );
    expect(isoWeekKey(new Date('2027-01-03T23:59:59.999Z'), 'UTC')).toBe('2026-W53');
    expect(dayKey(new Date('2028-02-29T12:00:00Z'), 'UTC')).toBe('2028-02-29');
  });
});
