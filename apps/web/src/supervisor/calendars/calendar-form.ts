import type { CalendarDayView, CalendarDefinition, CalendarView, WorkingRangeView } from '@firsthand/http-contracts';
import type { Translate } from '../../shared/i18n/locale.js';
import { fieldProblems, type FieldProblemLike } from './calendar-problems.js';

/** The calendar form's state: every weekday present (maybe empty), make-up hours as a switch plus ranges. */
export interface CalendarDraft {
  name: string;
  zone: string;
  alwaysOpen: boolean;
  week: Record<string, WorkingRangeView[]>;
  makeUpOn: boolean;
  makeUpHours: WorkingRangeView[];
  holidays: CalendarDayView[];
  extraWorkingDays: CalendarDayView[];
}

export const WEEKDAYS = ['1', '2', '3', '4', '5', '6', '7'] as const;

export function emptyDraft(): CalendarDraft {
  const week: Record<string, WorkingRangeView[]> = {};
  for (const day of WEEKDAYS) week[day] = Number(day) <= 5 ? [{ start: '09:00', end: '18:00' }] : [];
  return { name: '', zone: 'UTC', alwaysOpen: false, week, makeUpOn: false, makeUpHours: [], holidays: [], extraWorkingDays: [] };
}

export function draftOf(calendar: CalendarView): CalendarDraft {
  const week: Record<string, WorkingRangeView[]> = {};
  for (const day of WEEKDAYS) week[day] = (calendar.week[day] ?? []).map((r) => ({ ...r }));
  return {
    name: calendar.name,
    zone: calendar.zone,
    alwaysOpen: calendar.alwaysOpen,
    week,
    makeUpOn: calendar.makeUpHours !== null,
    makeUpHours: (calendar.makeUpHours ?? []).map((r) => ({ ...r })),
    holidays: calendar.holidays.map((d) => ({ date: d.date, name: d.name })),
    extraWorkingDays: calendar.extraWorkingDays.map((d) => ({ date: d.date, name: d.name })),
  };
}

/** What goes to the server: empty weekdays left out, make-up hours null when off (the server then uses the weekday's hours). */
export function definitionOf(draft: CalendarDraft): CalendarDefinition {
  const week: Record<string, WorkingRangeView[]> = {};
  for (const day of WEEKDAYS) if (draft.week[day]?.length) week[day] = draft.week[day];
  return {
    name: draft.name.trim(),
    zone: draft.zone.trim(),
    alwaysOpen: draft.alwaysOpen,
    week,
    makeUpHours: draft.makeUpOn ? draft.makeUpHours : null,
    holidays: draft.holidays,
    extraWorkingDays: draft.extraWorkingDays,
  };
}

/**
 * A 400's `errors` keyed by the field path the server named (`week.1[1]`, `holidays[3].date`), so
 * each message can sit next to its input, worded by `word` (the API's English by default). Anything
 * not a list of {field, messages} gives an empty map.
 */
export function problemsByField(body: Record<string, unknown>, word: (problem: FieldProblemLike) => string = (p) => p.messages.filter((m) => typeof m === 'string').join('; ')): Map<string, string> {
  const map = new Map<string, string>();
  for (const problem of fieldProblems(body)) {
    const text = word({ ...problem, messages: problem.messages ?? [] });
    map.set(problem.field, map.has(problem.field) ? `${map.get(problem.field)}; ${text}` : text);
  }
  return map;
}

const under = (field: string, path: string) => field === path || field.startsWith(`${path}.`);

/** The messages for one input or row: its own path and the paths inside it (`holidays[3]` takes `holidays[3].date`). */
export function problemAt(problems: Map<string, string>, path: string): string | null {
  const found = [...problems].filter(([field]) => under(field, path)).map(([, text]) => text);
  return found.length ? found.join('; ') : null;
}

/** Every path the form has a place for, so a problem anywhere else is listed at the top rather than lost. */
export function formPaths(draft: CalendarDraft): string[] {
  const paths = ['name', 'zone', 'alwaysOpen', 'week', 'makeUpHours', 'holidays', 'extraWorkingDays'];
  for (const day of WEEKDAYS) {
    paths.push(`week.${day}`);
    draft.week[day]?.forEach((_, i) => paths.push(`week.${day}[${i}]`));
  }
  draft.makeUpHours.forEach((_, i) => paths.push(`makeUpHours[${i}]`));
  draft.holidays.forEach((_, i) => paths.push(`holidays[${i}]`));
  draft.extraWorkingDays.forEach((_, i) => paths.push(`extraWorkingDays[${i}]`));
  return paths;
}

export function unplacedProblems(problems: Map<string, string>, paths: string[]): Array<[string, string]> {
  return [...problems].filter(([field]) => !paths.some((path) => under(field, path)));
}

/** Minutes as the grid shows them: "1 h 30 min", "45 min", "2 h" (fractions of a minute kept to the second). */
export function splitMinutes(minutes: number): { hours: number; minutes: number } {
  const hours = Math.floor(minutes / 60);
  return { hours, minutes: Math.round((minutes - hours * 60) * 10_000) / 10_000 };
}

/** "1:30", "90", "1h30", "1 h 30 min", "2h", "1 小时 30 分钟" to minutes; null when it is none of those. */
export function parseMinutes(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (/^\d+(\.\d+)?$/.test(value)) return Number(value);
  const clock = /^(\d+):([0-5]?\d)$/.exec(value);
  if (clock) return Number(clock[1]) * 60 + Number(clock[2]);
  // Units in either language, whichever the page showed: "1 h 30 min", "1 小时 30 分钟", "1小时30分".
  const units = /^(?:(\d+(?:\.\d+)?)\s*(?:h|小时|时))?\s*(?:(\d+(?:\.\d+)?)\s*(?:m|min|分钟|分)?)?$/.exec(value);
  if (units && (units[1] || units[2])) return Number(units[1] ?? 0) * 60 + Number(units[2] ?? 0);
  return null;
}

/** Minutes in the reader's units: "1 h 30 min", "45 min", "2 h"; "1 小时 30 分钟" in Chinese. */
export function formatMinutes(minutes: number, t: Translate): string {
  const parts = splitMinutes(minutes);
  if (parts.hours === 0) return t('sla.unit.minutes', { minutes: parts.minutes });
  return parts.minutes === 0 ? t('sla.unit.hours', { hours: parts.hours }) : t('sla.unit.hoursMinutes', { hours: parts.hours, minutes: parts.minutes });
}

/** Common IANA zones for the datalist; the server accepts any zone it knows. */
export const COMMON_ZONES = [
  'UTC',
  'Asia/Shanghai',
  'Asia/Hong_Kong',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Asia/Dubai',
  'Australia/Sydney',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
];
