import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The seeded 24×7 calendar: fixed id so the settings row, docs and tests can name it. */
export const ALWAYS_OPEN_CALENDAR_ID = '00000000-0000-4000-8000-000000000024';

/**
 * Business calendars (issue 14). A calendar's weekly hours are JSON (`{"1": [{"start": "09:00",
 * "end": "12:00"}], …}`) because they are read and written whole and checked by the domain's
 * `calendarProblems`; its dated days are rows, one per calendar and date. `sla_calendar_settings` is a
 * single row holding the default calendar (NOT NULL, so there is always exactly one) and how
 * complaints' 24-hour cap counts (24×7 unless a supervisor chooses the ticket's calendar). The
 * seeded "24×7 (UTC)" calendar is the default, so clocks run as before until someone changes it.
 * `sla_replans` records that open tickets' clocks must be planned again; the worker consumes it.
 */
export class BusinessCalendars1763801400000 implements MigrationInterface {
  name = 'BusinessCalendars1763801400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE business_calendars (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
      zone text NOT NULL,
      always_open boolean NOT NULL DEFAULT false,
      week jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(week) = 'object'),
      make_up_hours jsonb CHECK (make_up_hours IS NULL OR jsonb_typeof(make_up_hours) = 'array'),
      created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      updated_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE UNIQUE INDEX business_calendars_name_key ON business_calendars (lower(name))`);
    await q.query(`CREATE TABLE business_calendar_days (
      calendar_id uuid NOT NULL REFERENCES business_calendars(id) ON DELETE CASCADE,
      date date NOT NULL,
      kind text NOT NULL CHECK (kind IN ('holiday', 'working_day')),
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      hours jsonb CHECK (hours IS NULL OR (kind = 'working_day' AND jsonb_typeof(hours) = 'array')),
      PRIMARY KEY (calendar_id, date))`);

    await q.query(`INSERT INTO business_calendars (id, name, zone, always_open) VALUES ($1, '24×7 (UTC)', 'UTC', true)`, [ALWAYS_OPEN_CALENDAR_ID]);
    await q.query(`CREATE TABLE sla_calendar_settings (
      only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
      default_calendar_id uuid NOT NULL REFERENCES business_calendars(id),
      complaint_cap text NOT NULL DEFAULT 'always_open' CHECK (complaint_cap IN ('always_open', 'ticket_calendar')),
      updated_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`INSERT INTO sla_calendar_settings (default_calendar_id) VALUES ($1)`, [ALWAYS_OPEN_CALENDAR_ID]);

    // No ON DELETE: a calendar in use cannot be deleted (the API answers 409 before it gets here).
    await q.query(`ALTER TABLE teams ADD COLUMN calendar_id uuid REFERENCES business_calendars(id)`);
    await q.query(`ALTER TABLE sla_policies ADD COLUMN calendar_id uuid REFERENCES business_calendars(id)`);
    await q.query(`CREATE INDEX teams_calendar ON teams (calendar_id) WHERE calendar_id IS NOT NULL`);
    await q.query(`CREATE INDEX sla_policies_calendar ON sla_policies (calendar_id) WHERE calendar_id IS NOT NULL`);

    await q.query(`CREATE TABLE sla_replans (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      reason text NOT NULL,
      team_ids uuid[],
      requested_at timestamptz NOT NULL DEFAULT now(),
      done_at timestamptz)`);
    await q.query(`CREATE INDEX sla_replans_pending ON sla_replans (id) WHERE done_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE sla_replans`);
    await q.query(`ALTER TABLE sla_policies DROP COLUMN calendar_id`);
    await q.query(`ALTER TABLE teams DROP COLUMN calendar_id`);
    await q.query(`DROP TABLE sla_calendar_settings`);
    await q.query(`DROP TABLE business_calendar_days`);
    await q.query(`DROP TABLE business_calendars`);
  }
}
