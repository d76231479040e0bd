import { defineCalendar, MAX_CALENDAR_DAYS } from './calendar-definition.js';

const WEEK = { 1: [{ start: '09:00', end: '18:00' }] };

describe('defineCalendar', () => {
  it('keeps only the fields the clock reads, names trimmed', () => {
    const result = defineCalendar({
      zone: 'Asia/Shanghai',
      week: { 1: [{ start: '09:00', end: '18:00', colour: 'red' }] },
      holidays: [{ date: '2026-10-01', name: ' 国庆节 ', hours: [{ start: '09:00', end: '10:00' }] }],
      extraWorkingDays: [{ date: '2026-10-10', name: '国庆节补班', note: 'x' }],
    });
    expect(result).toEqual({
      ok: true,
      calendar: {
        zone: 'Asia/Shanghai',
        alwaysOpen: false,
        week: { 1: [{ start: '09:00', end: '18:00' }] },
        holidays: [{ date: '2026-10-01', name: '国庆节' }],
        extraWorkingDays: [{ date: '2026-10-10', name: '国庆节补班' }],
      },
    });
  });

  it('keeps no hours or days on a 24×7 calendar, but still checks its zone', () => {
    expect(defineCalendar({ zone: 'UTC', alwaysOpen: true, week: WEEK, holidays: [{ date: 'x' }] })).toEqual({
      ok: true,
      calendar: { zone: 'UTC', alwaysOpen: true, week: {}, holidays: [], extraWorkingDays: [] },
    });
    expect(defineCalendar({ zone: 'Mars/Olympus', alwaysOpen: true })).toMatchObject({ ok: false, problems: [{ field: 'zone' }] });
  });

  it('refuses more than 1000 dated days together, and a week that is not an object', () => {
    const days = (n: number, year: number) => Array.from({ length: n }, (_, i) => ({ date: new Date(Date.UTC(year, 0, 1 + i)).toISOString().slice(0, 10), name: 'Day' }));
    const tooMany = defineCalendar({ zone: 'UTC', week: WEEK, holidays: days(600, 2026), extraWorkingDays: days(MAX_CALENDAR_DAYS - 599, 2030) });
    expect(tooMany).toMatchObject({ ok: false, problems: [{ field: 'holidays', message: expect.stringContaining('1001 days') }] });
    expect(defineCalendar({ zone: 'UTC', week: 'weekdays' })).toMatchObject({ ok: false, problems: expect.arrayContaining([{ field: 'week', message: 'must be an object of weekday to ranges', reason: 'not-a-list' }]) });
  });
});
