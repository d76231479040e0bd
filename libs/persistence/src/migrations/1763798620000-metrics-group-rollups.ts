import type { MigrationInterface, QueryRunner } from 'typeorm';

const COUNTS = [
  'resolved', 'first_responder_resolved', 'first_contact_resolved', 'provisional', 'reopened', 'repeat_contacts', 'handoffs',
  'escalated', 'first_response_breaches', 'resolution_breaches', 'sla_breached', 'csat_sum', 'csat_count',
];
/** DurationHistogram's 23 buckets when this was written; a bucket appended later gets its columns in a migration of its own. */
const BUCKETS = 23;
const bucketColumns = (prefix: string) => Array.from({ length: BUCKETS }, (_, i) => `${prefix}_b${i}`);

/**
 * One-dimension rollups for the reports: per local day overall (`all`) and per day per agent (first
 * responder), team, channel or tier, with the counters of resolution_rollups. The histograms are one
 * integer column per bucket (first_response_b0.., resolution_b0..) rather than arrays: summing
 * plain columns over a month of 120 agents took a third of the time of summing array elements.
 * Written in the same transaction as the full rows (applyRollupDeltas) and rebuilt with them; here
 * they are filled from the full rows already stored.
 */
export class MetricsGroupRollups1763798620000 implements MigrationInterface {
  name = 'MetricsGroupRollups1763798620000';

  async up(q: QueryRunner): Promise<void> {
    const buckets = [...bucketColumns('first_response'), ...bucketColumns('resolution')];
    await q.query(`CREATE TABLE resolution_group_rollups (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      dimension text NOT NULL CHECK (dimension IN ('all', 'agent', 'team', 'channel', 'tier')),
      day date NOT NULL,
      key text,
      ${[...COUNTS, ...buckets].map((c) => `${c} integer NOT NULL DEFAULT 0`).join(',\n      ')},
      CONSTRAINT resolution_group_rollups_key UNIQUE NULLS NOT DISTINCT (dimension, day, key))`);
    const fromArrays = (prefix: string) => bucketColumns(prefix).map((_, i) => `coalesce(sum(r.${prefix}_hist[${i + 1}]), 0)`);
    await q.query(`INSERT INTO resolution_group_rollups (dimension, day, key, ${[...COUNTS, ...buckets].join(', ')})
      SELECT g.dimension, r.day, g.key, ${[...COUNTS.map((c) => `sum(r.${c})`), ...fromArrays('first_response'), ...fromArrays('resolution')].join(', ')}
      FROM resolution_rollups r
      CROSS JOIN LATERAL (VALUES ('all', NULL), ('agent', r.agent_id::text), ('team', r.team_id::text), ('channel', r.channel), ('tier', r.tier)) AS g(dimension, key)
      GROUP BY g.dimension, r.day, g.key`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS resolution_group_rollups`);
  }
}
