/** Supervisors' days and weeks start at midnight in this zone unless configured otherwise. */
export const DEFAULT_BUSINESS_TIME_ZONE = 'Asia/Shanghai';

const DAY_MS = 86_400_000;

interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Building a formatter is costly and rollups call this per event, so one is kept per zone. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, calendar: 'gregory', numberingSystem: 'latn', year: 'numeric', month: 'numeric', day: 'numeric' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function calendarDateIn(date: Date, timeZone: string): CalendarDate {
  if (Number.isNaN(date.getTime())) throw new RangeError('A day key needs a valid date.');
  // Reports list every day of a range as UTC midnights; formatToParts for each costs more than the query.
  if (timeZone === 'UTC') return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
  const parts = formatterFor(timeZone).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  return { year: part('year'), month: part('month'), day: part('day') };
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** The calendar day `date` falls on in `timeZone`, as 'YYYY-MM-DD'. */
export function dayKey(date: Date, timeZone: string = DEFAULT_BUSINESS_TIME_ZONE): string {
  const { year, month, day } = calendarDateIn(date, timeZone);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/**
 * The ISO 8601 week `date` falls in, in `timeZone`, as 'YYYY-Www'. The year is the week's own:
 * a week belongs to the year of its Thursday, so 1 January can be in the previous year's week 52 or 53.
 */
export function isoWeekKey(date: Date, timeZone: string = DEFAULT_BUSINESS_TIME_ZONE): string {
  const { year, month, day } = calendarDateIn(date, timeZone);
  // Calendar arithmetic on the local date, held as a UTC midnight so no offset can shift it.
  const local = Date.UTC(year, month - 1, day);
  const mondayBased = (new Date(local).getUTCDay() + 6) % 7;
  const thursday = new Date(local + (3 - mondayBased) * DAY_MS);
  const weekYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(weekYear, 0, 1)) / (7 * DAY_MS)) + 1;
  return `${pad(weekYear, 4)}-W${pad(week, 2)}`;
}
