import { DURATION_BUCKET_BOUNDS_SECONDS } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import type { RollupCounts } from './ticket-outcome.mapper.js';

export const METRICS_GROUPINGS = ['agent', 'team', 'channel', 'tier', 'day', 'week'] as const;
export type MetricsGrouping = (typeof METRICS_GROUPINGS)[number];

/** One group's merged rollups; `key` is null for "no first responder" or "no team". */
export interface RollupGroup {
  key: string | null;
  name: string | null;
  counts: RollupCounts;
}

/** Agents and teams are rollup ids; days are local dates; weeks are ISO 8601 weeks of those dates (PostgreSQL's IYYY-IW). */
const KEY_EXPRESSIONS: Record<MetricsGrouping, string> = {
  agent: 'agent_id::text',
  team: 'team_id::text',
  channel: 'channel',
  tier: 'tier',
  day: `to_char(day, 'YYYY-MM-DD')`,
  week: `to_char(day, 'IYYY-"W"IW')`,
};

const NAMES: Partial<Record<MetricsGrouping, string>> = {
  agent: 'LEFT JOIN agents n ON n.id = g.key::uuid',
  team: 'LEFT JOIN teams n ON n.id = g.key::uuid',
};

interface GroupRow {
  key: string | null;
  name: string | null;
  resolved: string;
  first_responder_resolved: string;
  first_contact_resolved: string;
  provisional: string;
  reopened: string;
  repeat_contacts: string;
  handoffs: string;
  escalated: string;
  first_response_breaches: string;
  resolution_breaches: string;
  sla_breached: string;
  csat_sum: string;
  csat_count: string;
  first_response_hist: Array<number | string | null> | null;
  resolution_hist: Array<number | string | null> | null;
}

const BUCKETS = DURATION_BUCKET_BOUNDS_SECONDS.length + 1;
const histogram = (counts: Array<number | string | null> | null) => Array.from({ length: BUCKETS }, (_, i) => Number(counts?.[i] ?? 0));

/**
 * Merges histograms as one sum per bucket: built-in aggregates over array subscripts run about ten
 * times faster than a custom array-adding aggregate, which copies the array on every row.
 */
const bucketSums = (column: string) => `ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `coalesce(sum(${column}[${i + 1}]), 0)`).join(', ')}]::bigint[]`;

/** Sums the rollups of local days `from`..`to` (inclusive, 'YYYY-MM-DD') per group, histograms merged bucket by bucket. */
export async function readRollupGroups(em: EntityManager, from: string, to: string, groupBy: MetricsGrouping): Promise<RollupGroup[]> {
  const rows: GroupRow[] = await em.query(
    `WITH g AS (
       SELECT ${KEY_EXPRESSIONS[groupBy]} AS key,
         sum(resolved) AS resolved, sum(first_responder_resolved) AS first_responder_resolved,
         sum(first_contact_resolved) AS first_contact_resolved, sum(provisional) AS provisional, sum(reopened) AS reopened,
         sum(repeat_contacts) AS repeat_contacts, sum(handoffs) AS handoffs, sum(escalated) AS escalated,
         sum(first_response_breaches) AS first_response_breaches, sum(resolution_breaches) AS resolution_breaches,
         sum(sla_breached) AS sla_breached, sum(csat_sum) AS csat_sum, sum(csat_count) AS csat_count,
         ${bucketSums('first_response_hist')} AS first_response_hist, ${bucketSums('resolution_hist')} AS resolution_hist
       FROM resolution_rollups WHERE day BETWEEN $1::date AND $2::date GROUP BY 1)
     SELECT g.*, ${NAMES[groupBy] ? 'n.name' : 'NULL'} AS name FROM g ${NAMES[groupBy] ?? ''}
     ORDER BY g.key NULLS LAST`,
    [from, to],
  );
  return rows.map((row) => ({
    key: row.key,
    name: row.name,
    counts: {
      resolved: Number(row.resolved),
      firstResponderResolved: Number(row.first_responder_resolved),
      firstContactResolved: Number(row.first_contact_resolved),
      provisional: Number(row.provisional),
      reopened: Number(row.reopened),
      repeatContacts: Number(row.repeat_contacts),
      handoffs: Number(row.handoffs),
      escalated: Number(row.escalated),
      firstResponseBreaches: Number(row.first_response_breaches),
      resolutionBreaches: Number(row.resolution_breaches),
      slaBreached: Number(row.sla_breached),
      csatSum: Number(row.csat_sum),
      csatCount: Number(row.csat_count),
      firstResponseHist: histogram(row.first_response_hist),
      resolutionHist: histogram(row.resolution_hist),
    },
  }));
}
