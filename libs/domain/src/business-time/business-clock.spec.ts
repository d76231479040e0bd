import fc from 'fast-check';
import { DateTime } from 'luxon';
import { calendarProblems, type BusinessCalendar, type WorkingRange } from './business-calendar.js';
import { addBusinessMinutes, businessMinutesBetween, isWorkingTime, nextWorkingMoment } from './business-clock.js';

const nineToSix: WorkingRange[] = [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }];

/** Shanghai office hours with the 2026 Spring Festival: closed 15-23 Feb, make-up Saturdays 14 and 28 Feb. */
const shanghai: BusinessCalendar = {
  zone: 'Asia/Shanghai',
  alwaysOpen: false,
  week: { 1: nineToSix, 2: nineToSix, 3: nineToSix, 4: nineToSix, 5: nineToSix },
  holidays: ['2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23'].map(
    (date) => ({ date, name: '春节' }),
  ),
  extraWorkingDays: [
    { date: '2026-02-14', name: '春节调休' },
    { date: '2026-02-28', name: '春节调休' },
  ],
};

const at = (iso: string, zone = 'Asia/Shanghai') => DateTime.fromISO(iso, { zone }).toJSDate();
const local = (date: Date, zone = 'Asia/Shanghai') => DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

describe('business clock: examples', () => {
  it('a ticket on Friday evening is due Monday morning, not Saturday', () => {
    // Friday 2026-03-06 17:30, 60 business minutes: 30 on Friday, 30 on Monday.
    expect(local(addBusinessMinutes(shanghai, at('2026-03-06T17:30'), 60))).toBe('2026-03-09T09:30');
  });

  it('skips lunch', () => {
    expect(local(addBusinessMinutes(shanghai, at('2026-03-04T11:30'), 60))).toBe('2026-03-04T13:30');
  });

  it('counts the make-up Saturday before the Spring Festival and skips the festival week', () => {
    // Friday 13 Feb 17:00 + 2 h: 1 h Friday, 1 h on Saturday 14 Feb (a working day by 调休).
    expect(local(addBusinessMinutes(shanghai, at('2026-02-13T17:00'), 120))).toBe('2026-02-14T10:00');
    // Saturday 14 Feb 17:00 + 2 h: 1 h that day, then nothing until Tuesday 24 Feb.
    expect(local(addBusinessMinutes(shanghai, at('2026-02-14T17:00'), 120))).toBe('2026-02-24T10:00');
    // The make-up Saturday after the festival counts too.
    expect(local(addBusinessMinutes(shanghai, at('2026-02-27T17:00'), 120))).toBe('2026-02-28T10:00');
  });

  it('a customer who answers during the holiday starts nothing until the next working morning', () => {
    const reply = at('2026-02-18T20:15');
    expect(isWorkingTime(shanghai, reply)).toBe(false);
    expect(local(nextWorkingMoment(shanghai, reply))).toBe('2026-02-24T09:00');
    expect(businessMinutesBetween(shanghai, reply, at('2026-02-24T09:00'))).toBe(0);
    expect(businessMinutesBetween(shanghai, reply, at('2026-02-24T10:30'))).toBe(90);
  });

  it('a whole regular week holds 40 hours; the festival fortnight holds the two make-up days and the working days', () => {
    expect(businessMinutesBetween(shanghai, at('2026-03-09T00:00'), at('2026-03-16T00:00'))).toBe(40 * 60);
    // 9-28 Feb: 9-13 (5 days), 14 (make-up), 24-27 (4 days), 28 (make-up) = 11 days of 8 hours.
    expect(businessMinutesBetween(shanghai, at('2026-02-09T00:00'), at('2026-03-01T00:00'))).toBe(11 * 8 * 60);
  });

  it('the 24×7 calendar counts every minute', () => {
    const always: BusinessCalendar = { zone: 'Asia/Shanghai', alwaysOpen: true, week: {}, holidays: [], extraWorkingDays: [] };
    expect(local(addBusinessMinutes(always, at('2026-02-17T23:30'), 60))).toBe('2026-02-18T00:30');
    expect(businessMinutesBetween(always, at('2026-02-17T23:30'), at('2026-02-18T00:30'))).toBe(60);
  });

  it('a range across a DST change holds the minutes that really pass', () => {
    const newYork: BusinessCalendar = {
      zone: 'America/New_York',
      alwaysOpen: false,
      week: { 7: [{ start: '00:00', end: '06:00' }], 1: [{ start: '09:00', end: '17:00' }] },
      holidays: [],
      extraWorkingDays: [],
    };
    // Sunday 8 March 2026: clocks jump 02:00 -> 03:00, so 00:00-06:00 is five real hours.
    const sunday = at('2026-03-08T00:00', 'America/New_York');
    expect(businessMinutesBetween(newYork, sunday, at('2026-03-08T12:00', 'America/New_York'))).toBe(5 * 60);
    expect(local(addBusinessMinutes(newYork, sunday, 5 * 60), 'America/New_York')).toBe('2026-03-08T06:00');
    // Sunday 1 November 2026: 01:00-02:00 happens twice, so the range is seven real hours.
    const autumn = at('2026-11-01T00:00', 'America/New_York');
    expect(businessMinutesBetween(newYork, autumn, at('2026-11-01T12:00', 'America/New_York'))).toBe(7 * 60);
  });
});

describe('business clock: sparse calendars', () => {
  it('a calendar open one minute a week still adds 400 minutes, about eight years on', () => {
    const sparse: BusinessCalendar = { zone: 'UTC', alwaysOpen: false, week: { 2: [{ start: '00:00', end: '00:01' }] }, holidays: [], extraWorkingDays: [] };
    const due = addBusinessMinutes(sparse, new Date('2026-01-01T00:00:00Z'), 400);
    // 2026-01-06 is the first Tuesday; the 400th open minute is 399 weeks later.
    expect(due.toISOString()).toBe(DateTime.fromISO('2026-01-06T00:01:00Z', { zone: 'UTC' }).plus({ weeks: 399 }).toUTC().toISO());
    expect(businessMinutesBetween(sparse, new Date('2026-01-01T00:00:00Z'), due)).toBe(400);
  });

  it('a calendar whose only working days are in the past is closed for good', () => {
    const finished: BusinessCalendar = { zone: 'UTC', alwaysOpen: false, week: {}, holidays: [], extraWorkingDays: [{ date: '2026-01-05', name: 'once', hours: [{ start: '09:00', end: '10:00' }] }] };
    expect(() => addBusinessMinutes(finished, new Date('2026-01-05T09:30:00Z'), 60)).toThrow(/no working time within/);
    expect(() => nextWorkingMoment(finished, new Date('2026-01-06T00:00:00Z'))).toThrow(/no working time within/);
  });
});

describe('business clock: calendars that are wrong', () => {
  it('names every problem: unknown zone, overlapping and reversed ranges, bad and repeated dates, no working time', () => {
    const problems = calendarProblems({
      zone: 'Mars/Olympus_Mons',
      alwaysOpen: false,
      week: { 1: [{ start: '09:00', end: '12:00' }, { start: '11:00', end: '13:00' }], 2: [{ start: '18:00', end: '09:00' }] },
      holidays: [{ date: '2026-02-30', name: '春节' }, { date: '2026-10-01', name: '国庆' }],
      extraWorkingDays: [{ date: '2026-10-01', name: '调休' }],
    });
    expect(problems.map((p) => p.field)).toEqual(['zone', 'week.1[1]', 'week.2[0]', 'holidays[0].date', 'extraWorkingDays[0].date']);
    // The reasons a page words in its own language, with what each is about.
    expect(problems.map(({ reason, values }) => ({ reason, values }))).toEqual([
      { reason: 'unknown-zone', values: { zone: 'Mars/Olympus_Mons' } },
      { reason: 'overlaps', values: { other: 'week.1[0]' } },
      { reason: 'ends-before-start', values: { start: '18:00', end: '09:00' } },
      { reason: 'not-a-date', values: undefined },
      { reason: 'date-repeated', values: { date: '2026-10-01', other: 'holidays[1]' } },
    ]);
    expect(calendarProblems({ zone: 'UTC', alwaysOpen: false, week: { 6: [] }, holidays: [], extraWorkingDays: [] })).toEqual([
      { field: 'week', message: expect.stringContaining('no working time'), reason: 'no-working-time' },
    ]);
    expect(calendarProblems(shanghai)).toEqual([]);
  });
});

// Random calendars in zones with and without DST, and instants over two years.
const zones = fc.constantFrom('UTC', 'Asia/Shanghai', 'America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'Asia/Kolkata');
const range = fc
  .tuple(fc.integer({ min: 0, max: 1439 }), fc.integer({ min: 1, max: 600 }))
  .map(([start, length]): [number, number] => [start, Math.min(1440, start + length)]);
const dayRanges = fc.array(range, { maxLength: 3 }).map((ranges) => {
  // Keep them apart: sort and drop any that overlap the previous one.
  const kept: Array<[number, number]> = [];
  for (const r of [...ranges].sort((a, b) => a[0] - b[0])) if (!kept.length || r[0] >= kept[kept.length - 1][1]) kept.push(r);
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return kept.map(([s, e]) => ({ start: hhmm(s), end: hhmm(e) }));
});
const isoDate = fc.integer({ min: 0, max: 730 }).map((offset) => DateTime.fromISO('2026-01-01', { zone: 'UTC' }).plus({ days: offset }).toISODate() as string);
const calendars = fc
  .record({
    zone: zones,
    week: fc.tuple(dayRanges, dayRanges, dayRanges, dayRanges, dayRanges, dayRanges, dayRanges),
    holidays: fc.uniqueArray(isoDate, { maxLength: 30 }),
    extra: fc.uniqueArray(isoDate, { maxLength: 10 }),
  })
  .filter(({ week }) => week.some((ranges) => ranges.length > 0))
  .map(
    ({ zone, week, holidays, extra }): BusinessCalendar => ({
      zone,
      alwaysOpen: false,
      week: Object.fromEntries(week.map((ranges, i) => [i + 1, ranges])),
      holidays: holidays.filter((d) => !extra.includes(d)).map((date) => ({ date, name: 'holiday' })),
      extraWorkingDays: extra.map((date) => ({ date, name: 'make-up' })),
    }),
  );
const instants = fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2027, 11, 31) }).map((ms) => new Date(ms));
const minutes = fc.integer({ min: 0, max: 10_000 });

describe('business clock: properties over random calendars', () => {
  it('generated calendars are valid', () => {
    fc.assert(fc.property(calendars, (calendar) => calendarProblems(calendar).length === 0), { numRuns: 100 });
  });

  it('adding is monotonic and additive', () => {
    fc.assert(
      fc.property(calendars, instants, minutes, minutes, (calendar, t, a, b) => {
        const once = addBusinessMinutes(calendar, t, a + b);
        const twice = addBusinessMinutes(calendar, addBusinessMinutes(calendar, t, a), b);
        expect(twice.getTime()).toBe(once.getTime());
        expect(addBusinessMinutes(calendar, t, a).getTime()).toBeLessThanOrEqual(once.getTime());
      }),
      { numRuns: 100 },
    );
  });

  it('between(t, add(t, n)) is n', () => {
    fc.assert(
      fc.property(calendars, instants, minutes, (calendar, t, n) => {
        expect(businessMinutesBetween(calendar, t, addBusinessMinutes(calendar, t, n))).toBeCloseTo(n, 6);
      }),
      { numRuns: 100 },
    );
  });

  it('no result of a positive addition falls in closed time: the minute before it was working time', () => {
    fc.assert(
      fc.property(calendars, instants, fc.integer({ min: 1, max: 10_000 }), (calendar, t, n) => {
        const due = addBusinessMinutes(calendar, t, n);
        expect(isWorkingTime(calendar, new Date(due.getTime() - 1))).toBe(true);
      }),
      { numRuns: 100 },
    );
  });

  it('a real hour holds at most 60 working minutes, in every zone, across DST changes', () => {
    fc.assert(
      fc.property(calendars, instants, (calendar, t) => {
        const hour = businessMinutesBetween(calendar, t, new Date(t.getTime() + 3_600_000));
        expect(hour).toBeGreaterThanOrEqual(0);
        expect(hour).toBeLessThanOrEqual(60);
      }),
      { numRuns: 100 },
    );
  });
});
