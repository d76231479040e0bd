import type { SqlRunner } from '../sql-runner.js';
import type { RollupDelta } from './ticket-outcome.mapper.js';

const COLUMNS = [
  'day', 'agent_id', 'team_id', 'channel', 'tier', 'resolved', 'first_responder_resolved', 'first_contact_resolved',
  'provisional', 'reopened', 'repeat_contacts', 'handoffs', 'escalated', 'first_response_breaches', 'resolution_breaches',
  'sla_breached', 'csat_sum', 'csat_count', 'first_response_hist', 'resolution_hist',
] as const;
const CASTS = ['::date', '::uuid', '::uuid', '', '', ...new Array<string>(13).fill('::integer'), '::integer[]', '::integer[]'];
const KEY_COLUMNS = 5;
/** 20 parameters a row: well under PostgreSQL's 65,535 per statement. */
const ROWS_PER_STATEMENT = 1000;

const addition = (column: string) =>
  column.endsWith('_hist') ? `${column} = metrics_histogram_add(r.${column}, EXCLUDED.${column})` : `${column} = r.${column} + EXCLUDED.${column}`;
const ON_CONFLICT = `ON CONFLICT ON CONSTRAINT resolution_rollups_key DO UPDATE SET ${COLUMNS.slice(KEY_COLUMNS).map(addition).join(', ')}`;

function rowParams(delta: RollupDelta): unknown[] {
  const { key, counts: c } = delta;
  return [
    key.day, key.agentId, key.teamId, key.channel, key.tier, c.resolved, c.firstResponderResolved, c.firstContactResolved,
    c.provisional, c.reopened, c.repeatContacts, c.handoffs, c.escalated, c.firstResponseBreaches, c.resolutionBreaches,
    c.slaBreached, c.csatSum, c.csatCount, c.firstResponseHist, c.resolutionHist,
  ];
}

/**
 * Adds deltas to their rollup rows with UPSERTs (a row is created the first time its bucket is
 * used). Pass them in key order (RollupDeltas.list() does) so concurrent writers lock rows in the
 * same order. A bucket whose last ticket moved out is deleted, so rollups hold no empty rows and
 * equal a rebuild row for row.
 */
export async function applyRollupDeltas(sql: SqlRunner, deltas: readonly RollupDelta[]): Promise<void> {
  for (let start = 0; start < deltas.length; start += ROWS_PER_STATEMENT) {
    const batch = deltas.slice(start, start + ROWS_PER_STATEMENT);
    const params: unknown[] = [];
    const values = batch.map((delta) => {
      const base = params.length;
      params.push(...rowParams(delta));
      return `(${COLUMNS.map((_, i) => `$${base + i + 1}${CASTS[i]}`).join(', ')})`;
    });
    const { rows } = await sql.write<{ id: string; resolved: number }>(
      `INSERT INTO resolution_rollups AS r (${COLUMNS.join(', ')}) VALUES ${values.join(', ')} ${ON_CONFLICT} RETURNING r.id, r.resolved`,
      params,
    );
    const emptied = rows.filter((row) => row.resolved === 0).map((row) => row.id);
    if (emptied.length > 0) await sql.write(`DELETE FROM resolution_rollups WHERE id = ANY($1::bigint[]) AND resolved = 0`, [emptied]);
  }
}
