import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { daysFromIcal, mergeCalendarDays } from './ical-days.js';

const fixture = (name: string) => readFileSync(join(process.cwd(), 'libs/domain/src/business-time/fixtures', name), 'utf8');

describe('daysFromIcal', () => {
  it('reads a China holiday feed: ranges expanded, 补班 / 班 / 调休上班 / CATEGORIES:上班 as working days, timed events left out', () => {
    const result = daysFromIcal(fixture('china-2026.ics'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.holidays.filter((d) => d.date.startsWith('2026-01'))).toEqual([
      { date: '2026-01-01', name: '元旦 假期 第1天/共3天' },
      { date: '2026-01-02', name: '元旦 假期 第1天/共3天' },
      { date: '2026-01-03', name: '元旦 假期 第1天/共3天' },
    ]);
    expect(result.holidays.filter((d) => d.name === '春节').map((d) => d.date)).toEqual([
      '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-02-21', '2026-02-22', '2026-02-23',
    ]);
    expect(result.holidays).toHaveLength(3 + 9 + 3 + 5);
    expect(result.extraWorkingDays).toEqual([
      { date: '2026-01-04', name: '元旦 补班' },
      { date: '2026-02-14', name: '春节（班）' },
      { date: '2026-02-28', name: '春节 调休上班' },
      { date: '2026-05-09', name: '劳动节补班' },
    ]);
    expect(result.skipped).toEqual([{ summary: '团队会议', reason: 'is a timed event, not an all-day one' }]);
  });

  it('reads a US federal holiday feed: one-day events with and without DTEND; repeating and cancelled events left out', () => {
    const result = daysFromIcal(fixture('us-federal-2026.ics'));
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.holidays).toEqual([
      { date: '2026-01-01', name: "New Year's Day" },
      { date: '2026-01-19', name: 'Martin Luther King Jr. Day' },
      { date: '2026-07-03', name: 'Independence Day (observed)' },
      { date: '2026-11-26', name: 'Thanksgiving Day' },
      { date: '2026-12-25', name: 'Christmas Day' },
    ]);
    expect(result.extraWorkingDays).toEqual([]);
    expect(result.skipped.map((s) => s.reason)).toEqual(["repeats (RRULE): list each year's days instead", 'is cancelled']);
  });

  it('lets X-FIRSTHAND-DAY decide, and a working-day mark win a date listed twice', () => {
    const ics = [
      'BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//t//t//EN',
      'BEGIN:VEVENT', 'UID:a', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260307', 'SUMMARY:Stocktake Saturday', 'X-FIRSTHAND-DAY:working', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:b', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260306', 'DTEND;VALUE=DATE:20260308', 'SUMMARY:Company days off', 'END:VEVENT',
      'BEGIN:VEVENT', 'UID:c', 'DTSTAMP:20260101T000000Z', 'DTSTART;VALUE=DATE:20260309', 'SUMMARY:上班 party', 'X-FIRSTHAND-DAY:holiday', 'END:VEVENT',
      'END:VCALENDAR', '',
    ].join('\r\n');
    const result = daysFromIcal(ics);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    expect(result.holidays).toEqual([{ date: '2026-03-06', name: 'Company days off' }, { date: '2026-03-09', name: '上班 party' }]);
    expect(result.extraWorkingDays).toEqual([{ date: '2026-03-07', name: 'Stocktake Saturday' }]);
  });

  it.each([
    ['plain text', 'Christmas is on 25 December'],
    ['a broken property line', 'BEGIN:VCALENDAR\r\nDTSTART;VALUE=DATE\r\nEND:VCALENDAR\r\n'],
    ['an empty file', ''],
  ])('names the file when %s does not parse', (_, ics) => {
    const result = daysFromIcal(ics);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problems[0]).toMatchObject({ field: 'ics', message: expect.stringContaining('does not parse') });
  });

  it('refuses a VCARD for a VCALENDAR', () => {
    const result = daysFromIcal('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Li Wei\r\nEND:VCARD\r\n');
    expect(result).toEqual({ ok: false, problems: [{ field: 'ics', message: 'is a VCARD, not a VCALENDAR', reason: 'ics-unreadable' }] });
  });
});

describe('mergeCalendarDays', () => {
  const current = { holidays: [{ date: '2026-01-01', name: 'Old name' }, { date: '2026-12-25', name: 'Christmas' }], extraWorkingDays: [{ date: '2026-01-04', name: 'Make-up' }] };
  const imported = { holidays: [{ date: '2026-01-01', name: '元旦' }, { date: '2026-01-04', name: 'Now a holiday' }], extraWorkingDays: [] };

  it('merge: imported days take their dates over, the rest stays', () => {
    expect(mergeCalendarDays(current, imported, 'merge')).toEqual({
      holidays: [{ date: '2026-01-01', name: '元旦' }, { date: '2026-01-04', name: 'Now a holiday' }, { date: '2026-12-25', name: 'Christmas' }],
      extraWorkingDays: [],
    });
  });

  it('replace: only the imported days', () => {
    expect(mergeCalendarDays(current, imported, 'replace')).toEqual(imported);
  });
});
