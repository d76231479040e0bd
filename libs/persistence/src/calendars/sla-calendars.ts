import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ALWAYS_OPEN_UTC, type BusinessCalendar, type Ticket } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { CALENDAR_COLUMNS, toBusinessCalendar, type CalendarRow } from './calendar-row.mapper.js';
import type { ComplaintCap } from './calendar-store.js';
import type { SlaCalendarKey } from './sla-calendar.reader.js';
import { preparedRows } from '../prepared-query.js';

/** Which calendar applies and its version, as the ticket's own statement can select them cheaply. */
export interface CalendarChoice {
  calendarId: string | null;
  calendarVersion: Date | null;
  complaintCap: ComplaintCap | null;
}

/**
 * SQL pieces that let a statement already reading a ticket (`t`) and its policy (`p`) choose its
 * SLA calendar too: the policy's override, else the team's, else the default.
 */
export const CHOSEN_CALENDAR_JOINS = `LEFT JOIN teams sla_team ON sla_team.id = t.team_id
  LEFT JOIN sla_calendar_settings sla_settings ON TRUE
  LEFT JOIN business_calendars sla_cal ON sla_cal.id = coalesce(p.calendar_id, sla_team.calendar_id, sla_settings.default_calendar_id)`;
export const CHOSEN_CALENDAR_COLUMNS = `sla_cal.id AS sla_calendar_id, sla_cal.updated_at AS sla_calendar_version, sla_settings.complaint_cap AS sla_complaint_cap`;

export interface ChosenCalendarColumns {
  sla_calendar_id: string | null;
  sla_calendar_version: Date | null;
  sla_complaint_cap: ComplaintCap | null;
}

/** The choice a row with `CHOSEN_CALENDAR_COLUMNS` carries. */
export const calendarChoiceOf = (row: ChosenCalendarColumns): CalendarChoice => ({
  calendarId: row.sla_calendar_id,
  calendarVersion: row.sla_calendar_version,
  complaintCap: row.sla_complaint_cap,
});

/**
 * The SLA calendars of tickets, each calendar read from the database once per version: every edit
 * of a calendar (its hours, its days, an import) sets `updated_at`, and a statement on the write
 * path selects only the chosen calendar's id and `updated_at`, so the hundreds of dated days are
 * not read on every claim or reply, and a cached calendar is never an old one.
 */
@Injectable()
export class SlaCalendars {
  private readonly byId = new Map<string, { version: number; calendar: BusinessCalendar }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The zone of a team's business calendar (null: no team, or a team without one): what its tickets' customer messages state times in. */
  async teamZone(teamId: string | null, em: EntityManager = this.db.manager): Promise<string | null> {
    if (!teamId) return null;
    const rows = await preparedRows<{ zone: string }>(em, `SELECT c.zone FROM teams t JOIN business_calendars c ON c.id = t.calendar_id WHERE t.id = $1`, [teamId]);
    return rows[0]?.zone ?? null;
  }

  /** The calendar a ticket's thresholds fall in, outside any transaction (the worker's timers and sweeps). */
  async forTicket(ticket: Pick<Ticket, 'teamId' | 'priority' | 'tier'>): Promise<BusinessCalendar> {
    return (await this.forKey(this.db.manager, { teamId: ticket.teamId, priority: ticket.priority, tier: ticket.tier })).calendar;
  }

  /** The calendar a ticket's thresholds fall in, from a choice read with the ticket (no statement while that version is cached). */
  async chosen(choice: CalendarChoice): Promise<BusinessCalendar> {
    return (await this.forChoice(this.db.manager, choice)).calendar;
  }

  /** Both calendars a ticket's targets carry, from a choice its own statement selected. */
  async forChoice(em: EntityManager, choice: CalendarChoice): Promise<{ calendar: BusinessCalendar; complaintCapCalendar: BusinessCalendar }> {
    // Before the calendars migration (no settings row) the clocks run 24×7, as they always did.
    if (!choice.calendarId || !choice.calendarVersion) return { calendar: ALWAYS_OPEN_UTC, complaintCapCalendar: ALWAYS_OPEN_UTC };
    const calendar = await this.calendar(em, choice.calendarId, choice.calendarVersion);
    return { calendar, complaintCapCalendar: choice.complaintCap === 'ticket_calendar' ? calendar : ALWAYS_OPEN_UTC };
  }

  /** The same for a ticket not yet written (an opening) or read without its policy (the worker's timers). */
  async forKey(em: EntityManager, key: SlaCalendarKey): Promise<{ calendar: BusinessCalendar; complaintCapCalendar: BusinessCalendar }> {
    const rows = await preparedRows<ChosenCalendarColumns>(
      em,
      `SELECT ${CHOSEN_CALENDAR_COLUMNS}
       FROM (SELECT $1::uuid AS team_id) t
       LEFT JOIN sla_policies p ON p.priority = $2 AND p.tier = $3
       ${CHOSEN_CALENDAR_JOINS}`,
      [key.teamId, key.priority, key.tier],
    );
    const row = rows[0];
    return this.forChoice(em, { calendarId: row?.sla_calendar_id ?? null, calendarVersion: row?.sla_calendar_version ?? null, complaintCap: row?.sla_complaint_cap ?? null });
  }

  private async calendar(em: EntityManager, id: string, version: Date): Promise<BusinessCalendar> {
    const cached = this.byId.get(id);
    if (cached && cached.version === version.getTime()) return cached.calendar;
    const rows: Array<CalendarRow & { updated_at: Date }> = await em.query(
      `SELECT ${CALENDAR_COLUMNS}, c.updated_at FROM business_calendars c WHERE c.id = $1`,
      [id],
    );
    if (!rows[0]) return ALWAYS_OPEN_UTC;
    const calendar = toBusinessCalendar(rows[0]);
    // Changed again since the choice was read: use what is there now, keep only a matching version.
    if (rows[0].updated_at.getTime() === version.getTime()) this.byId.set(id, { version: version.getTime(), calendar });
    return calendar;
  }
}
