import { DurationHistogram, isoWeekKey, ratesOf, slaAttainmentOf, type MetricsGrouping } from '@firsthand/domain';
import type { FcrFigures, Percentiles } from '@firsthand/http-contracts';
import { emptyCounts, type RollupCounts } from '@firsthand/persistence';

function percentiles(counts: readonly number[]): Percentiles {
  const histogram: DurationHistogram = { counts };
  const finite = (p: number | null) => (p === null || !Number.isFinite(p) ? null : p);
  return {
    p50: finite(DurationHistogram.percentile(histogram, 0.5)),
    p90: finite(DurationHistogram.percentile(histogram, 0.9)),
    count: DurationHistogram.total(histogram),
  };
}

export function figuresOf(c: RollupCounts): FcrFigures {
  const rates = ratesOf(c);
  return {
    resolved: c.resolved,
    firstResponderResolved: c.firstResponderResolved,
    firstContactResolved: c.firstContactResolved,
    firstResponderResolutionRate: rates.firstResponderResolution,
    firstContactResolutionRate: rates.firstContactResolution,
    provisional: c.provisional,
    reopened: c.reopened,
    repeatContacts: c.repeatContacts,
    handoffs: c.handoffs,
    escalatedPastWarning: c.escalated,
    slaBreaches: { firstResponse: c.firstResponseBreaches, resolution: c.resolutionBreaches, any: c.slaBreached },
    slaAttainment: slaAttainmentOf(c),
    csatAverage: c.csatCount === 0 ? null : c.csatSum / c.csatCount,
    csatCount: c.csatCount,
    firstResponseSeconds: percentiles(c.firstResponseHist),
    resolutionSeconds: percentiles(c.resolutionHist),
    firstResponseBusinessSeconds: percentiles(c.firstResponseBusinessHist),
    resolutionBusinessSeconds: percentiles(c.resolutionBusinessHist),
  };
}

const DAY_MS = 86_400_000;

/** Every day or ISO week of the range, so a chart shows quiet periods as empty rather than skipping them. */
export function calendarKeys(from: string, to: string, groupBy: Extract<MetricsGrouping, 'day' | 'week'>): string[] {
  const keys: string[] = [];
  for (let ms = Date.parse(`${from}T00:00:00Z`); ms <= Date.parse(`${to}T00:00:00Z`); ms += DAY_MS) {
    // Local dates held as UTC midnights: read back in UTC they are the same calendar date.
    const key = groupBy === 'day' ? new Date(ms).toISOString().slice(0, 10) : isoWeekKey(new Date(ms), 'UTC');
    if (keys[keys.length - 1] !== key) keys.push(key);
  }
  return keys;
}

export function emptyFigures(): FcrFigures {
  return figuresOf(emptyCounts());
}
