import { ALWAYS_OPEN_UTC, type BusinessCalendar, type CustomerTier, type Priority } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { CALENDAR_COLUMNS, toBusinessCalendar, type CalendarRow } from './calendar-row.mapper.js';

export interface SlaCalendarKey {
  teamId: string | null;
  priority: Priority;
  tier: CustomerTier;
}

/** Where the calendar came from: the priority × tier policy's override, the team's, or the default. */
export type SlaCalendarSource = 'policy' | 'team' | 'default';

export interface ResolvedSlaCalendar {
  id: string;
  name: string;
  source: SlaCalendarSource;
  calendar: BusinessCalendar;
  /** What complaints' 24-hour cap counts in: 24×7 unless a supervisor chose the ticket's calendar. */
  complaintCap: BusinessCalendar;
}

/**
 * The calendar a ticket's SLA clocks run on, in one statement: the policy's override, else the
 * team's calendar, else the default. The ticket write path calls it inside its transaction.
 */
export async function resolveSlaCalendar(em: EntityManager, key: SlaCalendarKey): Promise<ResolvedSlaCalendar> {
  const rows: Array<CalendarRow & { id: string; name: string; source: SlaCalendarSource; complaint_cap: 'always_open' | 'ticket_calendar' }> = await em.query(
    `WITH chosen AS (
       SELECT coalesce(p.calendar_id, t.calendar_id, s.default_calendar_id) AS id,
              CASE WHEN p.calendar_id IS NOT NULL THEN 'policy' WHEN t.calendar_id IS NOT NULL THEN 'team' ELSE 'default' END AS source,
              s.complaint_cap
       FROM sla_calendar_settings s
       LEFT JOIN sla_policies p ON p.priority = $2 AND p.tier = $3
       LEFT JOIN teams t ON t.id = $1::uuid)
     SELECT c.id, c.name, chosen.source, chosen.complaint_cap, ${CALENDAR_COLUMNS}
     FROM chosen JOIN business_calendars c ON c.id = chosen.id`,
    [key.teamId, key.priority, key.tier],
  );
  const row = rows[0];
  // Only before the migration has run; the settings row is seeded with the 24×7 calendar.
  if (!row) return { id: '', name: '24×7 (UTC)', source: 'default', calendar: ALWAYS_OPEN_UTC, complaintCap: ALWAYS_OPEN_UTC };
  const calendar = toBusinessCalendar(row);
  return { id: row.id, name: row.name, source: row.source, calendar, complaintCap: row.complaint_cap === 'always_open' ? ALWAYS_OPEN_UTC : calendar };
}

/**
 * The calendar for a ticket's SLA clocks. A complaint runs on the complaint cap's calendar (24×7
 * unless a supervisor chose otherwise), so its 24-hour promise is kept through nights and holidays.
 */
export async function readSlaCalendar(em: EntityManager, key: SlaCalendarKey & { complaint: boolean }): Promise<BusinessCalendar> {
  const resolved = await resolveSlaCalendar(em, key);
  return key.complaint ? resolved.complaintCap : resolved.calendar;
}

/** Complaints' 24-hour cap calendar on its own, for code that plans the cap apart from the other targets. */
export async function readComplaintCapCalendar(em: EntityManager, key: SlaCalendarKey): Promise<BusinessCalendar> {
  return (await resolveSlaCalendar(em, key)).complaintCap;
}

/**
 * Both calendars a ticket's targets carry, named as `SlaTargets` names them, in the one statement:
 * `{ ...targets, ...(await readSlaCalendars(em, key)) }`.
 */
export async function readSlaCalendars(em: EntityManager, key: SlaCalendarKey): Promise<{ calendar: BusinessCalendar; complaintCapCalendar: BusinessCalendar }> {
  const resolved = await resolveSlaCalendar(em, key);
  return { calendar: resolved.calendar, complaintCapCalendar: resolved.complaintCap };
}
