import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supervisor metrics. `ticket_outcomes` holds each resolved ticket's current verdict and the rollup
 * bucket it is counted in; `resolution_rollups` holds the sums per day x first responder x team x
 * channel x tier. Both are derived from ticket_events and can be rebuilt from them at any time.
 * Histograms are integer arrays of DurationHistogram counts, so they merge by element-wise addition.
 */
export class MetricsRollups1763798600000 implements MigrationInterface {
  name = 'MetricsRollups1763798600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION metrics_histogram_add(a integer[], b integer[]) RETURNS integer[]
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT coalesce(array_agg(coalesce(x, 0) + coalesce(y, 0) ORDER BY n), '{}'::integer[])
        FROM unnest(a, b) WITH ORDINALITY AS u(x, y, n)
      $$`);

    await q.query(`CREATE TABLE ticket_outcomes (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id),
      day date NOT NULL,
      agent_id uuid,
      team_id uuid,
      channel text NOT NULL,
      tier text NOT NULL,
      resolved_at timestamptz NOT NULL,
      resolved_by uuid,
      first_responder_resolution boolean NOT NULL,
      first_contact_resolution boolean NOT NULL,
      provisional boolean NOT NULL,
      settles_at timestamptz NOT NULL,
      reasons text[] NOT NULL DEFAULT '{}',
      public_agent_replies integer NOT NULL,
      reopen_count integer NOT NULL,
      repeat_contacts integer NOT NULL,
      handoffs integer NOT NULL,
      escalation_max_level smallint NOT NULL,
      first_response_ms bigint,
      resolution_ms bigint NOT NULL,
      first_response_breached boolean NOT NULL DEFAULT false,
      resolution_breached boolean NOT NULL DEFAULT false,
      csat_rating smallint,
      outcome_seq integer NOT NULL,
      computed_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX ticket_outcomes_settling ON ticket_outcomes (settles_at) WHERE provisional`);
    await q.query(`CREATE INDEX ticket_outcomes_day ON ticket_outcomes (day)`);

    // agent_id and team_id may be null (no first responder, no team); NULLS NOT DISTINCT (PostgreSQL
    // 15+) keeps one row per key anyway, and lets the UPSERTs infer this index.
    await q.query(`CREATE TABLE resolution_rollups (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      day date NOT NULL,
      agent_id uuid,
      team_id uuid,
      channel text NOT NULL,
      tier text NOT NULL,
      resolved integer NOT NULL DEFAULT 0,
      first_responder_resolved integer NOT NULL DEFAULT 0,
      first_contact_resolved integer NOT NULL DEFAULT 0,
      provisional integer NOT NULL DEFAULT 0,
      reopened integer NOT NULL DEFAULT 0,
      repeat_contacts integer NOT NULL DEFAULT 0,
      handoffs integer NOT NULL DEFAULT 0,
      escalated integer NOT NULL DEFAULT 0,
      first_response_breaches integer NOT NULL DEFAULT 0,
      resolution_breaches integer NOT NULL DEFAULT 0,
      csat_sum integer NOT NULL DEFAULT 0,
      csat_count integer NOT NULL DEFAULT 0,
      first_response_hist integer[] NOT NULL DEFAULT '{}',
      resolution_hist integer[] NOT NULL DEFAULT '{}',
      CONSTRAINT resolution_rollups_key UNIQUE NULLS NOT DISTINCT (day, agent_id, team_id, channel, tier))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS resolution_rollups`);
    await q.query(`DROP TABLE IF EXISTS ticket_outcomes`);
    await q.query(`DROP FUNCTION IF EXISTS metrics_histogram_add(integer[], integer[])`);
  }
}
