import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BusinessCalendar, CustomerTier, Priority } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { resolveSlaCalendar, type ResolvedSlaCalendar, type SlaCalendarKey } from './sla-calendar.reader.js';
import { CALENDAR_COLUMNS, dayRows, toBusinessCalendar, type CalendarRow } from './calendar-row.mapper.js';

export interface StoredCalendar extends BusinessCalendar {
  id: string;
  name: string;
  isDefault: boolean;
  teamIds: string[];
  policies: Array<{ priority: Priority; tier: CustomerTier }>;
  createdBy: string | null;
  updatedBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export type ComplaintCap = 'always_open' | 'ticket_calendar';

export interface CalendarSettings {
  defaultCalendarId: string;
  complaintCap: ComplaintCap;
  updatedAt: Date;
}

/** Thrown when another calendar already has the name (in any case). */
export class CalendarNameTaken extends Error {
  constructor(readonly calendarName: string) {
    super(`A calendar named "${calendarName}" exists`);
  }
}

interface StoredRow extends CalendarRow {
  id: string;
  name: string;
  is_default: boolean;
  team_ids: string[];
  policies: Array<{ priority: Priority; tier: CustomerTier }>;
  created_by: string | null;
  updated_by: string | null;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT c.id, c.name, ${CALENDAR_COLUMNS},
  c.id = (SELECT default_calendar_id FROM sla_calendar_settings) AS is_default,
  ARRAY(SELECT t.id FROM teams t WHERE t.calendar_id = c.id ORDER BY t.name) AS team_ids,
  coalesce((SELECT jsonb_agg(jsonb_build_object('priority', p.priority, 'tier', p.tier)) FROM sla_policies p WHERE p.calendar_id = c.id), '[]'::jsonb) AS policies,
  c.created_by, c.updated_by, c.created_at, c.updated_at
  FROM business_calendars c`;

const toStored = (r: StoredRow): StoredCalendar => ({
  ...toBusinessCalendar(r),
  id: r.id,
  name: r.name,
  isDefault: r.is_default,
  teamIds: r.team_ids,
  policies: r.policies,
  createdBy: r.created_by,
  updatedBy: r.updated_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const code = (error: unknown) => (error as { code?: string; driverError?: { code?: string } })?.driverError?.code ?? (error as { code?: string })?.code;

/** Business calendars, their dated days, which team and policy uses which, and the default (issue 14). */
@Injectable()
export class CalendarStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<StoredCalendar[]> {
    const rows: StoredRow[] = await this.db.query(`${SELECT} ORDER BY lower(c.name) LIMIT 500`);
    return rows.map(toStored);
  }

  async find(id: string, em: EntityManager = this.db.manager): Promise<StoredCalendar | null> {
    const rows: StoredRow[] = await em.query(`${SELECT} WHERE c.id = $1`, [id]);
    return rows[0] ? toStored(rows[0]) : null;
  }

  /** The resolver the ticket write path uses, outside a transaction (the supervisors' preview). */
  resolveFor(key: SlaCalendarKey): Promise<ResolvedSlaCalendar> {
    return resolveSlaCalendar(this.db.manager, key);
  }

  async count(): Promise<number> {
    const [{ n }]: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM business_calendars`);
    return n;
  }

  async create(tx: EntityManager, input: { name: string; calendar: BusinessCalendar; by: string }): Promise<string> {
    const c = input.calendar;
    const rows: Array<{ id: string }> = await tx.query(
      `INSERT INTO business_calendars (name, zone, always_open, week, make_up_hours, created_by, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $6)
       ON CONFLICT ((lower(name))) DO NOTHING RETURNING id`,
      [input.name, c.zone, c.alwaysOpen, JSON.stringify(c.week), c.makeUpHours ? JSON.stringify(c.makeUpHours) : null, input.by],
    );
    if (!rows[0]) throw new CalendarNameTaken(input.name);
    await this.writeDays(tx, rows[0].id, c);
    return rows[0].id;
  }

  /** False when there is no such calendar. Its dated days are replaced with the calendar's. */
  async replace(tx: EntityManager, id: string, input: { name: string; calendar: BusinessCalendar; by: string }): Promise<boolean> {
    const c = input.calendar;
    const clash: unknown[] = await tx.query(`SELECT 1 FROM business_calendars WHERE lower(name) = lower($1) AND id <> $2`, [input.name, id]);
    if (clash.length > 0) throw new CalendarNameTaken(input.name);
    const [, affected]: [unknown, number] = await this.named(input.name, () =>
      tx.query(
        `UPDATE business_calendars SET name = $2, zone = $3, always_open = $4, week = $5, make_up_hours = $6, updated_by = $7, updated_at = now() WHERE id = $1`,
        [id, input.name, c.zone, c.alwaysOpen, JSON.stringify(c.week), c.makeUpHours ? JSON.stringify(c.makeUpHours) : null, input.by],
      ),
    );
    if (affected === 0) return false;
    await this.writeDays(tx, id, c);
    return true;
  }

  /** Just the dated days (an import), marking who changed the calendar. */
  async replaceDays(tx: EntityManager, id: string, calendar: Pick<BusinessCalendar, 'holidays' | 'extraWorkingDays'>, by: string): Promise<void> {
    await tx.query(`UPDATE business_calendars SET updated_by = $2, updated_at = now() WHERE id = $1`, [id, by]);
    await this.writeDays(tx, id, calendar);
  }

  /** Locks the calendar's row for a read-modify-write (an import over the days someone else may be editing). */
  async lock(tx: EntityManager, id: string): Promise<StoredCalendar | null> {
    const locked: unknown[] = await tx.query(`SELECT 1 FROM business_calendars WHERE id = $1 FOR UPDATE`, [id]);
    return locked.length ? this.find(id, tx) : null;
  }

  /** 'in_use' while it is the default or a team's or a policy's calendar. */
  async remove(tx: EntityManager, id: string): Promise<'removed' | 'missing' | 'in_use'> {
    try {
      const [, affected]: [unknown, number] = await tx.query(`DELETE FROM business_calendars WHERE id = $1`, [id]);
      return affected > 0 ? 'removed' : 'missing';
    } catch (error) {
      if (code(error) === '23503') return 'in_use';
      throw error;
    }
  }

  async exists(tx: EntityManager, id: string): Promise<boolean> {
    const rows: unknown[] = await tx.query(`SELECT 1 FROM business_calendars WHERE id = $1 FOR SHARE`, [id]);
    return rows.length > 0;
  }

  /** False when there is no such team. Null calendar: the team follows the default. */
  async setTeamCalendar(tx: EntityManager, teamId: string, calendarId: string | null): Promise<boolean> {
    const [, affected]: [unknown, number] = await tx.query(`UPDATE teams SET calendar_id = $2 WHERE id = $1`, [teamId, calendarId]);
    return affected > 0;
  }

  async teamCalendarId(teamId: string, em: EntityManager = this.db.manager): Promise<string | null | undefined> {
    const rows: Array<{ calendar_id: string | null }> = await em.query(`SELECT calendar_id FROM teams WHERE id = $1`, [teamId]);
    return rows[0]?.calendar_id;
  }

  /** False when there is no such policy. Null calendar: the policy follows the team's calendar. */
  async setPolicyCalendar(tx: EntityManager, priority: Priority, tier: CustomerTier, calendarId: string | null): Promise<boolean> {
    const [, affected]: [unknown, number] = await tx.query(`UPDATE sla_policies SET calendar_id = $3, updated_at = now() WHERE priority = $1 AND tier = $2`, [priority, tier, calendarId]);
    return affected > 0;
  }

  async policyCalendarIds(): Promise<Array<{ priority: Priority; tier: CustomerTier; calendarId: string | null }>> {
    const rows: Array<{ priority: Priority; tier: CustomerTier; calendar_id: string | null }> = await this.db.query(`SELECT priority, tier, calendar_id FROM sla_policies`);
    return rows.map((r) => ({ priority: r.priority, tier: r.tier, calendarId: r.calendar_id }));
  }

  async settings(em: EntityManager = this.db.manager): Promise<CalendarSettings> {
    const [row]: Array<{ default_calendar_id: string; complaint_cap: ComplaintCap; updated_at: Date }> = await em.query(
      `SELECT default_calendar_id, complaint_cap, updated_at FROM sla_calendar_settings`,
    );
    return { defaultCalendarId: row.default_calendar_id, complaintCap: row.complaint_cap, updatedAt: row.updated_at };
  }

  async setSettings(tx: EntityManager, settings: { defaultCalendarId: string; complaintCap: ComplaintCap; by: string }): Promise<void> {
    await tx.query(`UPDATE sla_calendar_settings SET default_calendar_id = $1, complaint_cap = $2, updated_by = $3, updated_at = now()`, [
      settings.defaultCalendarId,
      settings.complaintCap,
      settings.by,
    ]);
  }

  private async writeDays(tx: EntityManager, id: string, calendar: Pick<BusinessCalendar, 'holidays' | 'extraWorkingDays'>): Promise<void> {
    await tx.query(`DELETE FROM business_calendar_days WHERE calendar_id = $1`, [id]);
    const rows = dayRows(calendar);
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO business_calendar_days (calendar_id, date, kind, name, hours)
       SELECT $1, d.date, d.kind, d.name, d.hours FROM jsonb_to_recordset($2::jsonb) AS d(date date, kind text, name text, hours jsonb)`,
      [id, JSON.stringify(rows)],
    );
  }

  private async named<T>(name: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (code(error) === '23505') throw new CalendarNameTaken(name);
      throw error;
    }
  }
}
