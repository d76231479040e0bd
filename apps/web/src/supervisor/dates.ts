const DAY_MS = 86_400_000;

/** A local calendar day (YYYY-MM-DD) moved by whole days; the metrics zone's "today" is the anchor. */
export function shiftDay(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

export type RangeChoice = 'days' | 'weeks';

/** Last 14 days by day, or the last 12 ISO weeks by week, ending today. */
export function rangeFor(choice: RangeChoice, today: string): { from: string; to: string; groupBy: 'day' | 'week' } {
  return choice === 'days' ? { from: shiftDay(today, -13), to: today, groupBy: 'day' } : { from: shiftDay(today, -7 * 11), to: today, groupBy: 'week' };
}
