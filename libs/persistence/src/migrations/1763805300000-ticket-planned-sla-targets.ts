import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first-response and resolution targets a ticket's due times were planned with, in seconds
 * like `sla_policies`. A calendar re-plan read the policy row as it is now, so a policy shortened
 * later, or a priority the critical stage raised, moved tickets opened long before into breach.
 *
 * Tickets not closed (a resolved one may be reopened) get the targets they were most likely planned
 * with, not the policy row as it is now, which would carry exactly that fault into the next re-plan:
 * - planned by the last act that plans from the policy: the opening, a tier change, or a customer
 *   taking back the bot's "this solved it" (its first reopen after `bot_resolved`);
 * - at the priority the ticket had then: a priority change since (a macro, the critical stage) did
 *   not move the due times, so the `from` of the first one after it;
 * - with the policy of that priority and tier as it was then: the `before` of the first
 *   `sla_policy.changed` audit entry after it, else the row as it is now.
 * Closed tickets stay NULL (never re-planned); a NULL record falls back to the policy row.
 */
export class TicketPlannedSlaTargets1763805300000 implements MigrationInterface {
  name = 'TicketPlannedSlaTargets1763805300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets
      ADD COLUMN sla_first_response_seconds integer,
      ADD COLUMN sla_resolution_seconds integer,
      ADD CONSTRAINT tickets_planned_sla_targets CHECK ((sla_first_response_seconds IS NULL) = (sla_resolution_seconds IS NULL))`);
    await q.query(`
      WITH planning AS (
        SELECT t.id, t.tier, t.priority, coalesce(act.seq, 0) AS seq, coalesce(act.at, t.created_at) AS at
        FROM tickets t
        LEFT JOIN LATERAL (
          SELECT e.seq, e.created_at AS at FROM ticket_events e
          WHERE e.ticket_id = t.id
            AND (e.type IN ('created', 'customer_tier_changed')
              OR (e.type = 'reopened' AND EXISTS (
                SELECT 1 FROM ticket_events b
                WHERE b.ticket_id = e.ticket_id AND b.type = 'bot_resolved' AND b.seq < e.seq
                  AND NOT EXISTS (SELECT 1 FROM ticket_events r WHERE r.ticket_id = e.ticket_id AND r.type = 'reopened' AND r.seq > b.seq AND r.seq < e.seq))))
          ORDER BY e.seq DESC LIMIT 1
        ) act ON true
        WHERE t.status <> 'closed'
      ),
      planned AS (
        SELECT p.id, p.tier, p.at, coalesce((
          SELECT coalesce(e.payload->'priority'->>'from', e.payload->>'from') FROM ticket_events e
          WHERE e.ticket_id = p.id AND e.seq > p.seq
            AND (e.type = 'priority_changed' OR (e.type = 'sla_escalated' AND jsonb_typeof(e.payload->'priority') = 'object'))
          ORDER BY e.seq LIMIT 1
        ), p.priority) AS priority
        FROM planning p
      )
      UPDATE tickets t
      SET sla_first_response_seconds = coalesce((changed.before->>'firstResponseSeconds')::integer, s.first_response_seconds),
          sla_resolution_seconds = coalesce((changed.before->>'resolutionSeconds')::integer, s.resolution_seconds)
      FROM planned p
      JOIN sla_policies s ON s.priority = p.priority AND s.tier = p.tier
      LEFT JOIN LATERAL (
        SELECT a.before FROM audit_entries a
        WHERE a.target_type = 'sla_policy' AND a.target_id = p.priority || '/' || p.tier AND a.action = 'sla_policy.changed' AND a.at > p.at
        ORDER BY a.at LIMIT 1
      ) changed ON true
      WHERE t.id = p.id`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_planned_sla_targets, DROP COLUMN sla_first_response_seconds, DROP COLUMN sla_resolution_seconds`);
  }
}
