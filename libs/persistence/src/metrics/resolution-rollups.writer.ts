import { DURATION_BUCKET_BOUNDS_SECONDS } from '@firsthand/domain';
import type { SqlRunner } from '../sql-runner.js';
import { groupRollupDeltas, type GroupRollupDelta, type RollupCounts, type RollupDelta } from './ticket-outcome.mapper.js';

const COUNT_COLUMNS = [
  'resolved', 'first_responder_resolved', 'first_contact_resolved', 'provisional', 'reopened', 'repeat_contacts', 'handoffs',
  'escalated', 'first_response_breaches', 'resolution_breaches', 'sla_breached', 'csat_sum', 'csat_count',
] as const;

function countParams(c: RollupCounts): unknown[] {
  return [
    c.resolved, c.firstResponderResolved, c.firstContactResolved, c.provisional, c.reopened, c.repeatContacts, c.handoffs, c.escalated,
    c.firstResponseBreaches, c.resolutionBreaches, c.slaBreached, c.csatSum, c.csatCount,
  ];
}

/** resolution_group_rollups keeps each histogram as one integer column per bucket (see its migration). */
export const HISTOGRAM_BUCKETS = DURATION_BUCKET_BOUNDS_SECONDS.length + 1;
export const bucketColumns = (prefix: 'first_response' | 'resolution' | 'first_response_business' | 'resolution_business') => Array.from({ length: HISTOGRAM_BUCKETS }, (_, i) => `${prefix}_b${i}`);

interface RollupTable<K> {
  name: string;
  constraint: string;
  columns: ReadonlyArray<readonly [column: string, cast: string]>;
  params(key: K, counts: RollupCounts): unknown[];
  /** Columns an UPSERT adds to the stored row, and how. */
  additions: string[];
}

const plus = (column: string) => `${column} = r.${column} + EXCLUDED.${column}`;
const HIST_COLUMNS = ['first_response_hist', 'resolution_hist', 'first_response_business_hist', 'resolution_business_hist'] as const;

const FULL: RollupTable<RollupDelta['key']> = {
  name: 'resolution_rollups',
  constraint: 'resolution_rollups_key',
  columns: [
    ['day', '::date'], ['agent_id', '::uuid'], ['team_id', '::uuid'], ['channel', ''], ['tier', ''],
    ...COUNT_COLUMNS.map((c) => [c, '::integer'] as const),
    ...HIST_COLUMNS.map((c) => [c, '::integer[]'] as const),
  ],
  params: (k, c) => [k.day, k.agentId, k.teamId, k.channel, k.tier, ...countParams(c), c.firstResponseHist, c.resolutionHist, c.firstResponseBusinessHist, c.resolutionBusinessHist],
  additions: [...COUNT_COLUMNS.map(plus), ...HIST_COLUMNS.map((c) => `${c} = metrics_histogram_add(r.${c}, EXCLUDED.${c})`)],
};

const GROUP_BUCKETS = [
  ...bucketColumns('first_response'), ...bucketColumns('resolution'), ...bucketColumns('first_response_business'), ...bucketColumns('resolution_business'),
];
const BY_GROUP: RollupTable<GroupRollupDelta['key']> = {
  name: 'resolution_group_rollups',
  constraint: 'resolution_group_rollups_key',
  columns: [['dimension', ''], ['day', '::date'], ['key', ''], ...[...COUNT_COLUMNS, ...GROUP_BUCKETS].map((c) => [c, '::integer'] as const)],
  params: (k, c) => [k.dimension, k.day, k.key, ...countParams(c), ...c.firstResponseHist, ...c.resolutionHist, ...c.firstResponseBusinessHist, ...c.resolutionBusinessHist],
  additions: [...COUNT_COLUMNS, ...GROUP_BUCKETS].map(plus),
};

/** Rows per statement: 108 parameters a group row, 22 a full row; PostgreSQL takes at most 65,535 per statement. */
const ROWS_PER_STATEMENT = 500;

async function upsert<K>(sql: SqlRunner, table: RollupTable<K>, deltas: ReadonlyArray<{ key: K; counts: RollupCounts }>): Promise<void> {
  const columns = table.columns.map(([c]) => c);
  const onConflict = `ON CONFLICT ON CONSTRAINT ${table.constraint} DO UPDATE SET ${table.additions.join(', ')}`;
  for (let start = 0; start < deltas.length; start += ROWS_PER_STATEMENT) {
    const params: unknown[] = [];
    const values = deltas.slice(start, start + ROWS_PER_STATEMENT).map((delta) => {
      const base = params.length;
      params.push(...table.params(delta.key, delta.counts));
      return `(${table.columns.map(([, cast], i) => `$${base + i + 1}${cast}`).join(', ')})`;
    });
    const { rows } = await sql.write<{ id: string; resolved: number }>(
      `INSERT INTO ${table.name} AS r (${columns.join(', ')}) VALUES ${values.join(', ')} ${onConflict} RETURNING r.id, r.resolved`,
      params,
    );
    const emptied = rows.filter((row) => row.resolved === 0).map((row) => row.id);
    if (emptied.length > 0) await sql.write(`DELETE FROM ${table.name} WHERE id = ANY($1::bigint[]) AND resolved = 0`, [emptied]);
  }
}

/**
 * Adds deltas to their rollup rows with UPSERTs (a row is created the first time its bucket is
 * used): the full day x agent x team x channel x tier rows, then the one-dimension rows derived
 * from them. Pass them in key order (RollupDeltas.list() does) so concurrent writers lock rows in
 * the same order: full rows first, then group rows, each table in key order. A bucket whose last
 * ticket moved out is deleted, so rollups hold no empty rows and equal a rebuild row for row.
 */
export async function applyRollupDeltas(sql: SqlRunner, deltas: readonly RollupDelta[]): Promise<void> {
  if (deltas.length === 0) return;
  await upsert(sql, FULL, deltas);
  await upsert(sql, BY_GROUP, groupRollupDeltas(deltas));
}
