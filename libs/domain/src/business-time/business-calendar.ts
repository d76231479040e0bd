import { IANAZone } from 'luxon';
import type { CalendarProblemReason } from './calendar-problem-reasons.js';

/** ISO weekday: 1 Monday … 7 Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export const WEEKDAYS: readonly Weekday[] = [1, 2, 3, 4, 5, 6, 7];

/** Local wall-clock opening hours within one day, `HH:mm` to `HH:mm` (`24:00` closes at midnight). */
export interface WorkingRange {
  start: string;
  end: string;
}

/** A dated exception: a holiday closes the whole day; a working day opens it (调休 make-up days). */
export interface CalendarDay {
  date: string;
  name: string;
}

export interface ExtraWorkingDay extends CalendarDay {
  /** Its hours; absent means the calendar's `makeUpHours`, else the hours of a regular Monday. */
  hours?: WorkingRange[];
}

/**
 * When a team's SLA clocks run. `alwaysOpen` is the 24×7 calendar: every minute counts. Otherwise a
 * minute counts when it falls in the day's ranges, in the calendar's IANA zone: the weekday's ranges,
 * none on a holiday, the make-up hours on an extra working day (a holiday wins over the weekday, and
 * an extra working day over both).
 */
export interface BusinessCalendar {
  zone: string;
  alwaysOpen: boolean;
  week: Partial<Record<Weekday, WorkingRange[]>>;
  holidays: CalendarDay[];
  extraWorkingDays: ExtraWorkingDay[];
  makeUpHours?: WorkingRange[];
}

export const ALWAYS_OPEN_UTC: BusinessCalendar = { zone: 'UTC', alwaysOpen: true, week: {}, holidays: [], extraWorkingDays: [] };

/** One thing wrong with a calendar, named by its path (`week.1[0].end`, `holidays[3].date`). */
export interface CalendarProblem {
  field: string;
  message: string;
  reason: CalendarProblemReason;
  /** What the reason is about: the times of a range, the other path it collides with, a limit. */
  values?: Record<string, string | number>;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Minutes after local midnight of an `HH:mm` time (`24:00` is 1440). */
export function minuteOfDay(time: string): number {
  const [hours, minutes] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

export function isCalendarDate(date: string): boolean {
  const match = DATE.exec(date);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && year <= 9999 && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

function checkRanges(ranges: unknown, field: string, problems: CalendarProblem[]): void {
  if (!Array.isArray(ranges)) {
    problems.push({ field, message: 'must be a list of {start, end} ranges', reason: 'not-a-list' });
    return;
  }
  if (ranges.length > 12) problems.push({ field, message: 'has more than 12 ranges', reason: 'too-many-ranges', values: { max: 12 } });
  const valid: Array<{ start: number; end: number; index: number }> = [];
  ranges.forEach((range: WorkingRange, index) => {
    const at = `${field}[${index}]`;
    const startOk = typeof range?.start === 'string' && TIME.test(range.start) && range.start !== '24:00';
    const endOk = typeof range?.end === 'string' && TIME.test(range.end);
    if (!startOk) problems.push({ field: `${at}.start`, message: 'must be a time HH:mm from 00:00 to 23:59', reason: 'not-a-time' });
    if (!endOk) problems.push({ field: `${at}.end`, message: 'must be a time HH:mm from 00:01 to 24:00', reason: 'not-a-time' });
    if (!startOk || !endOk) return;
    const start = minuteOfDay(range.start);
    const end = minuteOfDay(range.end);
    if (end <= start) problems.push({ field: at, message: `ends (${range.end}) before it starts (${range.start})`, reason: 'ends-before-start', values: { start: range.start, end: range.end } });
    else valid.push({ start, end, index });
  });
  valid.sort((a, b) => a.start - b.start);
  for (let i = 1; i < valid.length; i++) {
    if (valid[i].start < valid[i - 1].end) {
      problems.push({ field: `${field}[${valid[i].index}]`, message: `overlaps ${field}[${valid[i - 1].index}]`, reason: 'overlaps', values: { other: `${field}[${valid[i - 1].index}]` } });
    }
  }
}

function checkDays(days: unknown, field: string, problems: CalendarProblem[], seen: Map<string, string>): void {
  if (!Array.isArray(days)) {
    problems.push({ field, message: 'must be a list', reason: 'not-a-list' });
    return;
  }
  if (days.length > 1000) problems.push({ field, message: 'has more than 1000 days', reason: 'too-many-days', values: { max: 1000 } });
  days.forEach((day: ExtraWorkingDay, index) => {
    const at = `${field}[${index}]`;
    if (typeof day?.date !== 'string' || !isCalendarDate(day.date)) {
      problems.push({ field: `${at}.date`, message: 'must be a date YYYY-MM-DD', reason: 'not-a-date' });
    } else if (seen.has(day.date)) {
      problems.push({ field: `${at}.date`, message: `${day.date} is already listed at ${seen.get(day.date)}`, reason: 'date-repeated', values: { date: day.date, other: seen.get(day.date)! } });
    } else {
      seen.set(day.date, at);
    }
    if (typeof day?.name !== 'string' || day.name.trim() === '' || day.name.length > 200) {
      problems.push({ field: `${at}.name`, message: 'must be a name of 1 to 200 characters', reason: 'bad-day-name', values: { max: 200 } });
    }
    if (day?.hours !== undefined) checkRanges(day.hours, `${at}.hours`, problems);
  });
}

/**
 * Everything wrong with a calendar, so that one answer can list it all: a zone the time-zone
 * database does not know, bad or overlapping ranges, bad or repeated dates, or no working time in
 * a regular week (a clock that could never finish).
 */
export function calendarProblems(calendar: BusinessCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  if (typeof calendar.zone !== 'string' || !IANAZone.isValidZone(calendar.zone)) {
    problems.push({ field: 'zone', message: `"${String(calendar.zone)}" is not an IANA time zone`, reason: 'unknown-zone', values: { zone: String(calendar.zone) } });
  }
  if (calendar.alwaysOpen) return problems;
  const week = calendar.week ?? {};
  for (const key of Object.keys(week)) {
    const day = Number(key);
    if (!WEEKDAYS.includes(day as Weekday)) problems.push({ field: `week.${key}`, message: 'must be a weekday 1 (Monday) to 7 (Sunday)', reason: 'not-a-weekday' });
    else checkRanges(week[day as Weekday], `week.${key}`, problems);
  }
  const hasWeeklyTime = WEEKDAYS.some((day) => (week[day] ?? []).length > 0);
  if (!hasWeeklyTime) problems.push({ field: 'week', message: 'has no working time: SLA clocks would never run (use alwaysOpen for 24×7)', reason: 'no-working-time' });
  if (calendar.makeUpHours !== undefined) checkRanges(calendar.makeUpHours, 'makeUpHours', problems);
  const seen = new Map<string, string>();
  checkDays(calendar.holidays, 'holidays', problems, seen);
  checkDays(calendar.extraWorkingDays, 'extraWorkingDays', problems, seen);
  return problems;
}
