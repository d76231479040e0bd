import type { MetricsGrouping, SlaAttainment } from '@firsthand/domain';
import type { ResolutionCounts, SupervisorLiveMetrics } from '@firsthand/realtime-contracts';

export interface Percentiles {
  /** Upper bound in seconds of the bucket holding the percentile; null when nothing was measured or it is past the last bucket (90 days). */
  p50: number | null;
  p90: number | null;
  count: number;
}

export interface SlaBreachCounts {
  firstResponse: number;
  resolution: number;
  any: number;
}

/** The reopen and repeat-contact windows the report judged by, in days. */
export interface FcrWindows {
  reopenDays: number;
  repeatContactDays: number;
}

/** What a supervisor sees for one group. */
export interface FcrFigures extends ResolutionCounts {
  reopened: number;
  repeatContacts: number;
  handoffs: number;
  escalatedPastWarning: number;
  /** Resolved tickets that missed the first-response target, the resolution target, and either one. */
  slaBreaches: SlaBreachCounts;
  /** Shares of resolved tickets that met each target and all of them. */
  slaAttainment: SlaAttainment;
  csatAverage: number | null;
  csatCount: number;
  /** Wall clock: from the ticket's creation to its first response and to its counted resolution. */
  firstResponseSeconds: Percentiles;
  resolutionSeconds: Percentiles;
  /** The same spans in business time: only the working minutes of each ticket's SLA calendar count. */
  firstResponseBusinessSeconds: Percentiles;
  resolutionBusinessSeconds: Percentiles;
}

export interface FcrGroup extends FcrFigures {
  key: string | null;
  name: string | null;
}

/** `GET /api/metrics/fcr`: the figures per group of the local days asked for, and their total. */
export interface FcrReport {
  from: string;
  to: string;
  groupBy: MetricsGrouping;
  timeZone: string;
  windows: FcrWindows;
  groups: FcrGroup[];
  /** The agents' figures: tickets a person handled only (bot-resolved tickets are left out). */
  total: FcrFigures;
  /** The bot and self-service over the same days (issue 16). */
  botAndSelfService: BotAndSelfServiceFigures;
}

export interface BotAndSelfServiceFigures {
  deflected: number;
  botAnswered: number;
  botResolved: number;
  stillHeld: number;
  handedToPerson: { asked: number; timer: number; replied: number; claimed: number };
  /** Held tickets closed with nobody on them (as spam, or for an erasure). */
  closedWhileHeld: number;
  timeToPerson: { count: number; medianMs: number | null; p90Ms: number | null };
}

/** `GET /api/metrics/live`: the same figures `metrics.changed` pushes to supervisors. */
export type LiveMetricsView = SupervisorLiveMetrics;
