import { DateTime } from 'luxon';
import { minuteOfDay, type BusinessCalendar, type Weekday, type WorkingRange } from './business-calendar.js';

const MINUTE = 60_000;
/**
 * How many days in a row without working time a clock walks before it calls the calendar closed
 * for good. A run, not a total: a calendar open one minute a week may still be asked for 300 minutes.
 */
const HORIZON_DAYS = 366 * 6;

/** An open stretch of real time, [start, end) in epoch milliseconds. */
type Interval = readonly [number, number];

interface CalendarIndex {
  holidays: Set<string>;
  extra: Map<string, WorkingRange[]>;
}

const indexes = new WeakMap<BusinessCalendar, CalendarIndex>();

function indexOf(calendar: BusinessCalendar): CalendarIndex {
  let index = indexes.get(calendar);
  if (!index) {
    const regular = calendar.makeUpHours ?? calendar.week[1] ?? [];
    index = {
      holidays: new Set(calendar.holidays.map((day) => day.date)),
      extra: new Map(calendar.extraWorkingDays.map((day) => [day.date, day.hours ?? regular])),
    };
    indexes.set(calendar, index);
  }
  return index;
}

/** The working ranges of one local day: an extra working day's, none on a holiday, else the weekday's. */
function rangesOn(calendar: BusinessCalendar, day: DateTime): WorkingRange[] {
  const { holidays, extra } = indexOf(calendar);
  const date = day.toISODate() as string;
  return extra.get(date) ?? (holidays.has(date) ? [] : (calendar.week[day.weekday as Weekday] ?? []));
}

/**
 * The day's ranges as real instants. Luxon places each local time in the zone, so a range across a
 * DST change holds the minutes that really pass (9:00-17:00 on a spring-forward day is still 8
 * hours; 0:00-4:00 is 3), and a local time that does not exist moves forward to one that does.
 */
function openIntervalsOn(calendar: BusinessCalendar, day: DateTime): Interval[] {
  return rangesOn(calendar, day)
    .map((range): Interval => [localInstant(day, range.start), localInstant(day, range.end)])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

function localInstant(day: DateTime, time: string): number {
  const minutes = minuteOfDay(time);
  if (minutes === 24 * 60) return day.plus({ days: 1 }).startOf('day').toMillis();
  return day.set({ hour: Math.floor(minutes / 60), minute: minutes % 60, second: 0, millisecond: 0 }).toMillis();
}

function localDay(calendar: BusinessCalendar, at: number): DateTime {
  return DateTime.fromMillis(at, { zone: calendar.zone }).startOf('day');
}

function closedForGood(calendar: BusinessCalendar): Error {
  return new RangeError(`calendar in ${calendar.zone} has no working time within ${HORIZON_DAYS} days`);
}

function checkMinutes(minutes: number): void {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`business minutes must be a finite number >= 0, got ${minutes}`);
}

/**
 * The instant at which `minutes` of working time have passed since `from`. Time before the next
 * opening does not count; the answer is always inside working time or at the very end of a range
 * (a target due "at closing"), never in closed time. Zero minutes is `from` itself.
 */
export function addBusinessMinutes(calendar: BusinessCalendar, from: Date, minutes: number): Date {
  checkMinutes(minutes);
  const start = from.getTime();
  if (calendar.alwaysOpen || minutes === 0) return new Date(start + minutes * MINUTE);
  let remaining = minutes * MINUTE;
  let day = localDay(calendar, start);
  for (let closedDays = 0; closedDays < HORIZON_DAYS; day = day.plus({ days: 1 })) {
    closedDays++;
    for (const [open, close] of openIntervalsOn(calendar, day)) {
      if (close <= start) continue;
      closedDays = 0;
      const counted = Math.max(open, start);
      if (close - counted >= remaining) return new Date(counted + remaining);
      remaining -= close - counted;
    }
  }
  throw closedForGood(calendar);
}

/** Working minutes in [from, to); negative when `to` is before `from`. */
export function businessMinutesBetween(calendar: BusinessCalendar, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b < a) return -businessMinutesBetween(calendar, to, from);
  if (calendar.alwaysOpen) return (b - a) / MINUTE;
  let total = 0;
  const last = localDay(calendar, b);
  for (let day = localDay(calendar, a); day <= last; day = day.plus({ days: 1 })) {
    for (const [open, close] of openIntervalsOn(calendar, day)) {
      const overlap = Math.min(close, b) - Math.max(open, a);
      if (overlap > 0) total += overlap;
    }
  }
  return total / MINUTE;
}

/** `at` itself when it is working time, else the next opening. */
export function nextWorkingMoment(calendar: BusinessCalendar, at: Date): Date {
  const t = at.getTime();
  if (calendar.alwaysOpen) return new Date(t);
  let day = localDay(calendar, t);
  for (let i = 0; i < HORIZON_DAYS; i++, day = day.plus({ days: 1 })) {
    for (const [open, close] of openIntervalsOn(calendar, day)) {
      if (close <= t) continue;
      return new Date(Math.max(open, t));
    }
  }
  throw closedForGood(calendar);
}

/** Whether a minute starting at `at` counts on the clock. */
export function isWorkingTime(calendar: BusinessCalendar, at: Date): boolean {
  return nextWorkingMoment(calendar, at).getTime() === at.getTime();
}
