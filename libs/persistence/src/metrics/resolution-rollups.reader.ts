import { DURATION_BUCKET_BOUNDS_SECONDS, type MetricsGrouping } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { bucketColumns } from './resolution-rollups.writer.js';
import type { RollupCounts, RollupDimension } from './ticket-outcome.mapper.js';


/** One group's merged rollups; `key` is null for "no first responder" or "no team". */
export interface RollupGroup {
  key: string | null;
  name: string | null;
  counts: RollupCounts;
}

/**
 * Reports read the one-dimension rollups (resolution_group_rollups), not the full ones. In
 * `npm run bench:metrics` a year of 1,000,000 tickets is ~400,000 full day x agent x team x channel x
 * tier rows, and summing them took 0.7 s at the median (2.6 s p99) for 365 days per week and 72 ms
 * (236 ms p99) for 30 days per agent, on 2 shared cores. One dimension has at most days x values
 * rows (365 for the year, 3,600 for 30 days of 120 agents), kept in the same transaction as the full
 * rows and rebuilt with them, with a column per histogram bucket. A per-week or per-month rollup
 * would answer only some ranges, and narrower columns would still scan every full row. Agents and teams are ids; days are local dates;
 * weeks are ISO 8601 weeks of those dates (PostgreSQL's IYYY-IW).
 */
const SOURCES: Record<MetricsGrouping, { dimension: RollupDimension; key: string }> = {
  agent: { dimension: 'agent', key: 'key' },
  team: { dimension: 'team', key: 'key' },
  channel: { dimension: 'channel', key: 'key' },
  tier: { dimension: 'tier', key: 'key' },
  day: { dimension: 'all', key: `to_char(day, 'YYYY-MM-DD')` },
  week: { dimension: 'all', key: `to_char(day, 'IYYY-"W"IW')` },
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
  first_response_business_hist: Array<number | string | null> | null;
  resolution_business_hist: Array<number | string | null> | null;
}

const BUCKETS = DURATION_BUCKET_BOUNDS_SECONDS.length + 1;
const histogram = (counts: Array<number | string | null> | null) => Array.from({ length: BUCKETS }, (_, i) => Number(counts?.[i] ?? 0));

/** Merges histograms as one sum per bucket column. */
const bucketSums = (prefix: Parameters<typeof bucketColumns>[0]) => `ARRAY[${bucketColumns(prefix).map((c) => `sum(${c})`).join(', ')}]::bigint[]`;

/** Sums the rollups of local days `from`..`to` (inclusive, 'YYYY-MM-DD') per group, histograms merged bucket by bucket. */
export async function readRollupGroups(em: EntityManager, from: string, to: string, groupBy: MetricsGrouping): Promise<RollupGroup[]> {
  const source = SOURCES[groupBy];
  const rows: GroupRow[] = await em.query(
    `WITH g AS (
       SELECT ${source.key} AS key,
         sum(resolved) AS resolved, sum(first_responder_resolved) AS first_responder_resolved,
         sum(first_contact_resolved) AS first_contact_resolved, sum(provisional) AS provisional, sum(reopened) AS reopened,
         sum(repeat_contacts) AS repeat_contacts, sum(handoffs) AS handoffs, sum(escalated) AS escalated,
         sum(first_response_breaches) AS first_response_breaches, sum(resolution_breaches) AS resolution_breaches,
         sum(sla_breached) AS sla_breached, sum(csat_sum) AS csat_sum, sum(csat_count) AS csat_count,
         ${bucketSums('first_response')} AS first_response_hist, ${bucketSums('resolution')} AS resolution_hist,
         ${bucketSums('first_response_business')} AS first_response_business_hist, ${bucketSums('resolution_business')} AS resolution_business_hist
       FROM resolution_group_rollups WHERE dimension = $3 AND day BETWEEN $1::date AND $2::date GROUP BY 1)
     SELECT g.*, ${NAMES[groupBy] ? 'n.name' : 'NULL'} AS name FROM g ${NAMES[groupBy] ?? ''}
     ORDER BY g.key NULLS LAST`,
    [from, to, source.dimension],
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
      firstResponseBusinessHist: histogram(row.first_response_business_hist),
      resolutionBusinessHist: histogram(row.resolution_business_hist),
    },
  }));
}
