import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA attainment in the supervisor metrics. Outcomes are now judged against the ticket's fixed due
 * times (first_response_due_at, resolution_due_at), and rollups count the tickets that missed
 * either target (`sla_breached`), which the two per-target counts cannot give when they overlap.
 * Outcomes recorded before this had both flags false: they are judged here, in SQL, by the same rule
 * as `slaBreachesOf` (late means strictly after the due time; no first response means the resolution
 * counts as one), and their rollups recounted. Outcomes an older process records while this runs
 * are put right by the next `npm run metrics:rebuild`.
 */
export class MetricsSlaAttainment1763798610000 implements MigrationInterface {
  name = 'MetricsSlaAttainment1763798610000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resolution_rollups ADD COLUMN sla_breached integer NOT NULL DEFAULT 0`);
    await q.query(`UPDATE ticket_outcomes o SET
        first_response_breached = coalesce(t.first_response_due_at < coalesce(t.created_at + o.first_response_ms * interval '1 millisecond', o.resolved_at), false),
        resolution_breached = coalesce(t.resolution_due_at < o.resolved_at, false)
      FROM tickets t WHERE t.id = o.ticket_id`);
    await q.query(`UPDATE resolution_rollups r SET
        first_response_breaches = s.first_response, resolution_breaches = s.resolution, sla_breached = s.either
      FROM (SELECT day, agent_id, team_id, channel, tier,
              count(*) FILTER (WHERE first_response_breached)::int AS first_response,
              count(*) FILTER (WHERE resolution_breached)::int AS resolution,
              count(*) FILTER (WHERE first_response_breached OR resolution_breached)::int AS either
            FROM ticket_outcomes GROUP BY day, agent_id, team_id, channel, tier) s
      WHERE r.day = s.day AND r.agent_id IS NOT DISTINCT FROM s.agent_id AND r.team_id IS NOT DISTINCT FROM s.team_id
        AND r.channel = s.channel AND r.tier = s.tier`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE resolution_rollups DROP COLUMN sla_breached`);
    await q.query(`UPDATE resolution_rollups SET first_response_breaches = 0, resolution_breaches = 0`);
    await q.query(`UPDATE ticket_outcomes SET first_response_breached = false, resolution_breached = false`);
  }
}
