import { calendarProblems, type BusinessCalendar, type CalendarProblem, type ExtraWorkingDay, type WorkingRange } from './business-calendar.js';

/** A calendar holds at most this many dated days (holidays and extra working days together). */
export const MAX_CALENDAR_DAYS = 1000;

/** A calendar as someone sent it: any shape, checked here. */
export interface CalendarDraft {
  zone: unknown;
  alwaysOpen?: unknown;
  week?: unknown;
  makeUpHours?: unknown;
  holidays?: unknown;
  extraWorkingDays?: unknown;
}

const ranges = (list: WorkingRange[]): WorkingRange[] => list.map((r) => ({ start: r.start, end: r.end }));
const day = (d: ExtraWorkingDay): ExtraWorkingDay => ({ date: d.date, name: d.name.trim(), ...(d.hours ? { hours: ranges(d.hours) } : {}) });

/**
 * The calendar to store, or everything wrong with it (named by field path, as `calendarProblems`
 * names them). Kept to the fields the clock reads, so nothing else sent along is stored.
 */
export function defineCalendar(draft: CalendarDraft): { ok: true; calendar: BusinessCalendar } | { ok: false; problems: CalendarProblem[] } {
  const candidate = {
    zone: draft.zone,
    alwaysOpen: draft.alwaysOpen === true,
    week: draft.week ?? {},
    holidays: draft.holidays ?? [],
    extraWorkingDays: draft.extraWorkingDays ?? [],
    ...(draft.makeUpHours !== undefined && draft.makeUpHours !== null ? { makeUpHours: draft.makeUpHours } : {}),
  } as BusinessCalendar;
  const problems = calendarProblems(candidate);
  // A 24×7 calendar counts every minute: hours and dated days would never be read, so none are kept.
  if (candidate.alwaysOpen) return problems.length ? { ok: false, problems } : { ok: true, calendar: { zone: candidate.zone, alwaysOpen: true, week: {}, holidays: [], extraWorkingDays: [] } };
  if (typeof candidate.week !== 'object' || Array.isArray(candidate.week)) problems.push({ field: 'week', message: 'must be an object of weekday to ranges', reason: 'not-a-list' });
  const dayCount = (Array.isArray(candidate.holidays) ? candidate.holidays.length : 0) + (Array.isArray(candidate.extraWorkingDays) ? candidate.extraWorkingDays.length : 0);
  if (dayCount > MAX_CALENDAR_DAYS) problems.push({ field: 'holidays', message: `holidays and extra working days together hold ${dayCount} days; at most ${MAX_CALENDAR_DAYS}`, reason: 'too-many-days', values: { count: dayCount, max: MAX_CALENDAR_DAYS } });
  if (problems.length > 0) return { ok: false, problems };
  const week: BusinessCalendar['week'] = {};
  for (const [weekday, list] of Object.entries(candidate.week)) week[Number(weekday) as keyof typeof week] = ranges(list ?? []);
  return {
    ok: true,
    calendar: {
      zone: candidate.zone,
      alwaysOpen: candidate.alwaysOpen,
      week,
      holidays: candidate.holidays.map(day).map(({ date, name }) => ({ date, name })),
      extraWorkingDays: candidate.extraWorkingDays.map(day),
      ...(candidate.makeUpHours ? { makeUpHours: ranges(candidate.makeUpHours) } : {}),
    },
  };
}
