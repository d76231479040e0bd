import type { EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';
import { applyRollupDeltas } from './resolution-rollups.writer.js';
import { emptyCounts, RollupDeltas, type RollupKey } from './ticket-outcome.mapper.js';

/**
 * Clears the provisional flag of outcomes whose windows have closed (`settles_at` before `now`) and
 * takes them out of their buckets' provisional counts, in the caller's transaction. Settling never
 * changes pass or fail, only the flag. Rows a ticket change holds are skipped: that change
 * recomputes the flag itself, and the next sweep finds whatever is left. Returns how many settled.
 */
export async function settleDueOutcomes(em: EntityManager, now: Date, batchSize = 1000): Promise<number> {
  const sql = SqlRunner.of(em);
  const settled = await sql.rows<RollupKey>(
    `WITH due AS (
       SELECT ticket_id FROM ticket_outcomes WHERE provisional AND settles_at < $1
       ORDER BY settles_at LIMIT $2 FOR UPDATE SKIP LOCKED)
     UPDATE ticket_outcomes o SET provisional = false, computed_at = $1 FROM due WHERE o.ticket_id = due.ticket_id
     RETURNING to_char(o.day, 'YYYY-MM-DD') AS day, o.agent_id AS "agentId", o.team_id AS "teamId", o.channel, o.tier`,
    [now, batchSize],
  );
  const deltas = new RollupDeltas();
  for (const key of settled) deltas.add(key, { ...emptyCounts(), provisional: -1 });
  await applyRollupDeltas(sql, deltas.list());
  return settled.length;
}
