import ICAL from 'ical.js';
import type { CalendarDay, CalendarProblem, ExtraWorkingDay } from './business-calendar.js';

/** An event the import left out, and why (the supervisor sees the list). */
export interface SkippedEvent {
  summary: string;
  reason: string;
}

export type IcalDays =
  | { ok: true; holidays: CalendarDay[]; extraWorkingDays: ExtraWorkingDay[]; skipped: SkippedEvent[] }
  | { ok: false; problems: CalendarProblem[] };

/** Longest all-day event expanded into days: a holiday feed's longest break is about two weeks. */
const MAX_EVENT_DAYS = 31;
const MAX_IMPORTED_DAYS = 1000;

/**
 * Words that mark a make-up working day in the public feeds: 补班 / 上班 / 调休上班 / 调休 and a bare
 * 班 marker ("（班）", "春节 班"), and the English "working day" / "workday". Checked in
 * X-FIRSTHAND-DAY first (`working` or `holiday`), then CATEGORIES, then SUMMARY.
 */
const WORKING_MARK = /补班|上班|调休|(^|[\s(（[【])班([\s)）\]】]|$)|\bwork(ing)?[\s-]?day\b/i;

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

function categoriesOf(event: ICAL.Component): string[] {
  return event.getAllProperties('categories').flatMap((p) => p.getValues().map(text));
}

function isWorkingDay(event: ICAL.Component, summary: string): boolean {
  const marker = text(event.getFirstPropertyValue('x-firsthand-day')).toLowerCase();
  if (marker === 'working') return true;
  if (marker === 'holiday') return false;
  return categoriesOf(event).some((c) => WORKING_MARK.test(c)) || WORKING_MARK.test(summary);
}

/** `YYYY-MM-DD` of an all-day ICAL.Time, plus `days` (UTC arithmetic on a date, no zone involved). */
function dateAfter(time: ICAL.Time, days: number): string {
  return new Date(Date.UTC(time.year, time.month - 1, time.day + days)).toISOString().slice(0, 10);
}

function daySpan(start: ICAL.Time, end: ICAL.Time | null): number {
  if (!end) return 1;
  const span = Math.round((Date.UTC(end.year, end.month - 1, end.day) - Date.UTC(start.year, start.month - 1, start.day)) / 86_400_000);
  // DTEND is exclusive; an end on the start day (seen in hand-written files) still means that one day.
  return Math.max(1, span);
}

function parse(ics: string): ICAL.Component | CalendarProblem {
  try {
    const component = new ICAL.Component(ICAL.parse(ics) as unknown[]);
    if (component.name !== 'vcalendar') return { field: 'ics', message: `is a ${component.name.toUpperCase()}, not a VCALENDAR`, reason: 'ics-unreadable' };
    return component;
  } catch (error) {
    return { field: 'ics', message: `does not parse as iCalendar: ${error instanceof Error ? error.message : String(error)}`, reason: 'ics-unreadable' };
  }
}

/**
 * The dated days of an iCalendar file. All-day VEVENTs become holidays named by their SUMMARY, a
 * range of several days expanded day by day (DTEND exclusive, or DURATION); events marked as working
 * days become extra working days with the calendar's make-up hours. Timed events, repeating events
 * (RRULE) and cancelled ones are left out and listed in `skipped`. When one date is listed twice, a
 * working-day mark wins (feeds list a make-up Saturday on its own), else the first name is kept.
 */
export function daysFromIcal(ics: string): IcalDays {
  const parsed = parse(ics);
  if (!(parsed instanceof ICAL.Component)) return { ok: false, problems: [parsed] };
  const byDate = new Map<string, { name: string; working: boolean }>();
  const skipped: SkippedEvent[] = [];
  for (const event of parsed.getAllSubcomponents('vevent')) {
    const summary = text(event.getFirstPropertyValue('summary')).slice(0, 200);
    const label = summary || '(no SUMMARY)';
    const start = event.getFirstPropertyValue('dtstart');
    if (!(start instanceof ICAL.Time)) {
      skipped.push({ summary: label, reason: 'has no DTSTART' });
      continue;
    }
    if (text(event.getFirstPropertyValue('status')).toUpperCase() === 'CANCELLED') {
      skipped.push({ summary: label, reason: 'is cancelled' });
      continue;
    }
    if (!start.isDate) {
      skipped.push({ summary: label, reason: 'is a timed event, not an all-day one' });
      continue;
    }
    if (event.hasProperty('rrule')) {
      skipped.push({ summary: label, reason: 'repeats (RRULE): list each year\'s days instead' });
      continue;
    }
    const end = new ICAL.Event(event).endDate;
    const days = daySpan(start, end && end.isDate ? end : null);
    if (days > MAX_EVENT_DAYS) {
      skipped.push({ summary: label, reason: `spans ${days} days (more than ${MAX_EVENT_DAYS})` });
      continue;
    }
    const working = isWorkingDay(event, summary);
    const name = summary || (working ? 'Working day' : 'Holiday');
    for (let i = 0; i < days; i++) {
      const date = dateAfter(start, i);
      const seen = byDate.get(date);
      if (!seen || (working && !seen.working)) byDate.set(date, { name, working });
    }
    if (byDate.size > MAX_IMPORTED_DAYS) {
      return { ok: false, problems: [{ field: 'ics', message: `holds more than ${MAX_IMPORTED_DAYS} days`, reason: 'too-many-days', values: { max: MAX_IMPORTED_DAYS } }] };
    }
  }
  const sorted = [...byDate.entries()].sort(([a], [b]) => a.localeCompare(b));
  return {
    ok: true,
    holidays: sorted.filter(([, d]) => !d.working).map(([date, d]) => ({ date, name: d.name })),
    extraWorkingDays: sorted.filter(([, d]) => d.working).map(([date, d]) => ({ date, name: d.name })),
    skipped,
  };
}

/**
 * A calendar's dated days after an import: `replace` keeps only the imported days; `merge` keeps the
 * existing ones and lets an imported day take over its date.
 */
export function mergeCalendarDays(
  current: { holidays: CalendarDay[]; extraWorkingDays: ExtraWorkingDay[] },
  imported: { holidays: CalendarDay[]; extraWorkingDays: ExtraWorkingDay[] },
  mode: 'merge' | 'replace',
): { holidays: CalendarDay[]; extraWorkingDays: ExtraWorkingDay[] } {
  if (mode === 'replace') return { holidays: [...imported.holidays], extraWorkingDays: [...imported.extraWorkingDays] };
  const taken = new Set([...imported.holidays, ...imported.extraWorkingDays].map((d) => d.date));
  const byDate = (a: CalendarDay, b: CalendarDay) => a.date.localeCompare(b.date);
  return {
    holidays: [...current.holidays.filter((d) => !taken.has(d.date)), ...imported.holidays].sort(byDate),
    extraWorkingDays: [...current.extraWorkingDays.filter((d) => !taken.has(d.date)), ...imported.extraWorkingDays].sort(byDate),
  };
}
