/**
 * Why a calendar was refused, one word each: the English `message` is for API readers, the reason
 * (with `values`) is what a page words in its own language. They go out in the API's answers: add,
 * never rename.
 */
export const CALENDAR_PROBLEM_REASONS = [
  'unknown-zone', 'not-a-weekday', 'not-a-list', 'too-many-ranges', 'not-a-time', 'ends-before-start', 'overlaps',
  'not-a-date', 'date-repeated', 'bad-day-name', 'too-many-days', 'no-working-time', 'ics-unreadable', 'always-open', 'unknown-calendar',
] as const;
export type CalendarProblemReason = (typeof CALENDAR_PROBLEM_REASONS)[number];
