import { addBusinessMinutes, calendarProblems, isWorkingTime } from '@firsthand/domain';
import { CHINA_DEMO_CALENDAR, US_DEMO_CALENDAR } from './demo-calendars.js';

describe('demo calendars', () => {
  it('are valid calendars', () => {
    expect(calendarProblems(CHINA_DEMO_CALENDAR.calendar)).toEqual([]);
    expect(calendarProblems(US_DEMO_CALENDAR.calendar)).toEqual([]);
  });

  it('hold the 2026 notice: 33 days off, six make-up working days, each on a weekend', () => {
    const china = CHINA_DEMO_CALENDAR.calendar;
    expect(china.holidays).toHaveLength(3 + 9 + 3 + 5 + 3 + 3 + 7);
    const weekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
    expect(china.extraWorkingDays.map((d) => [d.date, weekday(d.date)])).toEqual([
      ['2026-01-04', 0], ['2026-02-14', 6], ['2026-02-28', 6], ['2026-05-09', 6], ['2026-09-20', 0], ['2026-10-10', 6],
    ]);
    expect(china.holidays.some((d) => d.date.startsWith('2027'))).toBe(false);
  });

  it('count the Spring Festival week as closed and the make-up Saturday as open', () => {
    const china = CHINA_DEMO_CALENDAR.calendar;
    expect(isWorkingTime(china, new Date('2026-02-14T02:00:00Z'))).toBe(true); // Sat 10:00 Shanghai, make-up day
    expect(isWorkingTime(china, new Date('2026-02-17T02:00:00Z'))).toBe(false); // 初一
    // Friday 13 February 17:00 Shanghai + 4 business hours: 1 h Friday, 3 h the make-up Saturday morning (09:00-12:00).
    expect(addBusinessMinutes(china, new Date('2026-02-13T09:00:00Z'), 240).toISOString()).toBe('2026-02-14T04:00:00.000Z');
    // Saturday 14 February 18:00 + 1 business hour: the holiday runs to Monday 23rd, so Tuesday 24th 10:00.
    expect(addBusinessMinutes(china, new Date('2026-02-14T10:00:00Z'), 60).toISOString()).toBe('2026-02-24T02:00:00.000Z');
  });

  it('observe US holidays that fall on a weekend on the nearest weekday', () => {
    const us = US_DEMO_CALENDAR.calendar;
    for (const day of us.holidays) expect([1, 2, 3, 4, 5]).toContain(new Date(`${day.date}T00:00:00Z`).getUTCDay());
    expect(us.holidays.filter((d) => d.date.startsWith('2026'))).toHaveLength(11);
    expect(us.holidays.filter((d) => d.date.startsWith('2027'))).toHaveLength(12);
  });
});
