import type { BusinessCalendar, CalendarDay, ExtraWorkingDay, WorkingRange } from '@firsthand/domain';

/** One stored dated day, as `CALENDAR_DAYS` aggregates them. */
export interface DayRow {
  date: string;
  kind: 'holiday' | 'working_day';
  name: string;
  hours: WorkingRange[] | null;
}

export interface CalendarRow {
  zone: string;
  always_open: boolean;
  week: BusinessCalendar['week'];
  make_up_hours: WorkingRange[] | null;
  days: DayRow[];
}

/** The calendar's dated days as one JSON array, in date order (a correlated subquery on `c`). */
export const CALENDAR_DAYS = `coalesce((SELECT json_agg(json_build_object('date', d.date::text, 'kind', d.kind, 'name', d.name, 'hours', d.hours) ORDER BY d.date)
  FROM business_calendar_days d WHERE d.calendar_id = c.id), '[]'::json)`;

export const CALENDAR_COLUMNS = `c.zone, c.always_open, c.week, c.make_up_hours, ${CALENDAR_DAYS} AS days`;

export function toBusinessCalendar(r: CalendarRow): BusinessCalendar {
  const holidays: CalendarDay[] = [];
  const extraWorkingDays: ExtraWorkingDay[] = [];
  for (const d of r.days) {
    if (d.kind === 'holiday') holidays.push({ date: d.date, name: d.name });
    else extraWorkingDays.push(d.hours ? { date: d.date, name: d.name, hours: d.hours } : { date: d.date, name: d.name });
  }
  return {
    zone: r.zone,
    alwaysOpen: r.always_open,
    week: r.week,
    holidays,
    extraWorkingDays,
    ...(r.make_up_hours ? { makeUpHours: r.make_up_hours } : {}),
  };
}

/** The dated days as rows for `jsonb_to_recordset`. */
export function dayRows(calendar: Pick<BusinessCalendar, 'holidays' | 'extraWorkingDays'>): DayRow[] {
  return [
    ...calendar.holidays.map((d): DayRow => ({ date: d.date, kind: 'holiday', name: d.name, hours: null })),
    ...calendar.extraWorkingDays.map((d): DayRow => ({ date: d.date, kind: 'working_day', name: d.name, hours: d.hours ?? null })),
  ];
}
