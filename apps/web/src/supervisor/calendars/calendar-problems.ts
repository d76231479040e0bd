import { CALENDAR_PROBLEM_REASONS, type CalendarProblemReason } from '@firsthand/domain';
import type { MessageKey } from '../../shared/i18n/messages-en.js';
import type { Translate } from '../../shared/i18n/locale.js';

/** One entry of a 400's `errors`: the API's English messages, and for a calendar's rules a reason to word. */
export interface FieldProblemLike {
  field: string;
  messages: string[];
  reason?: unknown;
  values?: unknown;
}

const DAY_KEYS = ['cal.day1', 'cal.day2', 'cal.day3', 'cal.day4', 'cal.day5', 'cal.day6', 'cal.day7'] as const;

/** Fields named by themselves: the calendar's own, the settings' and the import's. */
const PLAIN: Record<string, MessageKey> = {
  name: 'cal.name',
  zone: 'cal.zone',
  alwaysOpen: 'cal.alwaysOpen',
  week: 'cal.week',
  makeUpHours: 'cal.makeUp',
  holidays: 'cal.holidays',
  extraWorkingDays: 'cal.extraDays',
  calendarId: 'cal.calendar',
  defaultCalendarId: 'cal.defaultCalendar',
  complaintCap: 'cal.complaintCap',
  ics: 'cal.importFile',
  mode: 'cal.importMode',
  id: 'cal.calendar',
};

/** `week.1[0].end`, `makeUpHours[2]`, `holidays[3].date`, `extraWorkingDays[0].hours[1].start`. */
const PATH = /^(?:week\.([1-7])|(makeUpHours)|(holidays|extraWorkingDays)\[(\d+)\](?:\.(date|name)|\.hours)?)(?:\[(\d+)\](?:\.(start|end))?)?$/;

/**
 * A calendar's field path in the reader's words, as the form labels its inputs: `week.1[0].end` is
 * "Monday, hours 1: until", `holidays[3].date` "Holidays 4: date"; a path inside an imported file
 * says so. The API's paths are its own spelling and never shown.
 */
export function calendarFieldName(path: string, t: Translate): string {
  const imported = /^ics \((.+)\)$/.exec(path);
  if (imported) return t('cal.field.inFile', { field: calendarFieldName(imported[1], t) });
  if (Object.hasOwn(PLAIN, path)) return t(PLAIN[path]);
  const match = PATH.exec(path);
  if (!match) return t('cal.field.unknown');
  const [, weekday, makeUp, list, listIndex, dayPart, rangeIndex, rangePart] = match;
  const listName = list ? t(list === 'holidays' ? 'cal.holidays' : 'cal.extraDays') : '';
  if (list && dayPart) return t(dayPart === 'date' ? 'cal.dayDate' : 'cal.dayName', { what: listName, n: Number(listIndex) + 1 });
  const what = weekday ? t(DAY_KEYS[Number(weekday) - 1]) : makeUp ? t('cal.makeUp') : t('cal.field.day', { what: listName, n: Number(listIndex) + 1 });
  if (rangeIndex === undefined) return list && path.endsWith('.hours') ? t('cal.field.hoursOf', { what }) : what;
  const n = Number(rangeIndex) + 1;
  if (rangePart) return t(rangePart === 'start' ? 'cal.rangeStart' : 'cal.rangeEnd', { what, n });
  return t('cal.field.range', { what, n });
}

const isReason = (value: unknown): value is CalendarProblemReason => (CALENDAR_PROBLEM_REASONS as readonly unknown[]).includes(value);
const valuesOf = (value: unknown): Record<string, string | number> =>
  value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([, v]) => typeof v === 'string' || typeof v === 'number')) : {};

/**
 * What is wrong, in the reader's language, naming the field in the form's words. Known by the
 * reason the API gives for a calendar rule; a refusal without one (a name too long for the
 * request's own checks) still names its field and never shows the API's English.
 */
export function calendarProblemText(problem: FieldProblemLike, t: Translate): string {
  const field = calendarFieldName(problem.field, t);
  if (!isReason(problem.reason)) return t('cal.problem.other', { field });
  const values = valuesOf(problem.values);
  const other = typeof values.other === 'string' ? calendarFieldName(values.other, t) : '';
  // A bad time is said of its range ("Monday, hours 1"), the message saying which end of it.
  if (problem.reason === 'not-a-time') {
    const range = calendarFieldName(problem.field.replace(/\.(start|end)$/, ''), t);
    return t(problem.field.endsWith('.end') ? 'cal.problem.not-a-time.end' : 'cal.problem.not-a-time.start', { field: range });
  }
  return t(`cal.problem.${problem.reason}`, { ...values, field, other });
}

/** The `errors` of a 400, if it has them in the shape the API sends. */
export function fieldProblems(body: Record<string, unknown>): FieldProblemLike[] {
  if (!Array.isArray(body.errors)) return [];
  return (body.errors as unknown[]).filter((entry): entry is FieldProblemLike => {
    if (!entry || typeof entry !== 'object') return false;
    const { field, messages } = entry as { field?: unknown; messages?: unknown };
    return typeof field === 'string' && (messages === undefined || Array.isArray(messages));
  });
}

/** A 400 naming fields (a calendar deleted meanwhile, a bad file), worded field by field; null for any other failure (problemText says those). */
export function calendarRefusalText(error: unknown, t: Translate): string | null {
  const { status, body } = (error ?? {}) as { status?: unknown; body?: unknown };
  if (status !== 400 || !body || typeof body !== 'object') return null;
  const problems = fieldProblems(body as Record<string, unknown>);
  return problems.length ? problems.map((p) => calendarProblemText(p, t)).join(' ') : null;
}
