import { DurationHistogram } from './duration-histogram.js';
import type { ResolutionOutcome } from './resolution-outcome.js';

/** What the summary needs of an outcome, so rollups can pass stored rows as well as fresh outcomes. */
export type SummarizedOutcome = Pick<
  ResolutionOutcome,
  | 'firstResponderResolution'
  | 'firstContactResolution'
  | 'provisional'
  | 'reopenCount'
  | 'repeatContacts'
  | 'handoffs'
  | 'firstResponseMs'
  | 'resolutionMs'
  | 'firstResponseBreached'
  | 'resolutionBreached'
>;

/** Counts of resolved tickets; a ticket reopened twice counts once in `reopened`, and likewise for the others. */
export interface ResolutionCounts {
  resolved: number;
  firstResponderResolved: number;
  firstContactResolved: number;
  provisional: number;
  reopened: number;
  repeatContacts: number;
  handoffs: number;
  /** Tickets that missed the first-response target, the resolution target, and either. */
  firstResponseBreaches: number;
  resolutionBreaches: number;
  slaBreached: number;
}

/** Shares of resolved tickets, from 0 to 1; `null` when nothing was resolved. */
export interface ResolutionRates {
  firstResponderResolution: number | null;
  firstContactResolution: number | null;
}

export interface ResolutionSummary {
  counts: ResolutionCounts;
  rates: ResolutionRates;
  firstResponseTimes: DurationHistogram;
  resolutionTimes: DurationHistogram;
}

const NO_COUNTS: ResolutionCounts = {
  resolved: 0,
  firstResponderResolved: 0,
  firstContactResolved: 0,
  provisional: 0,
  reopened: 0,
  repeatContacts: 0,
  handoffs: 0,
  firstResponseBreaches: 0,
  resolutionBreaches: 0,
  slaBreached: 0,
};

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

export function ratesOf(counts: ResolutionCounts): ResolutionRates {
  return {
    firstResponderResolution: share(counts.firstResponderResolved, counts.resolved),
    firstContactResolution: share(counts.firstContactResolved, counts.resolved),
  };
}

function countsOf(outcome: SummarizedOutcome): ResolutionCounts {
  const one = (yes: boolean) => (yes ? 1 : 0);
  return {
    resolved: 1,
    firstResponderResolved: one(outcome.firstResponderResolution),
    firstContactResolved: one(outcome.firstContactResolution),
    provisional: one(outcome.provisional),
    reopened: one(outcome.reopenCount > 0),
    repeatContacts: one(outcome.repeatContacts > 0),
    handoffs: one(outcome.handoffs > 0),
    firstResponseBreaches: one(outcome.firstResponseBreached),
    resolutionBreaches: one(outcome.resolutionBreached),
    slaBreached: one(outcome.firstResponseBreached || outcome.resolutionBreached),
  };
}

function addCounts(a: ResolutionCounts, b: ResolutionCounts): ResolutionCounts {
  return {
    resolved: a.resolved + b.resolved,
    firstResponderResolved: a.firstResponderResolved + b.firstResponderResolved,
    firstContactResolved: a.firstContactResolved + b.firstContactResolved,
    provisional: a.provisional + b.provisional,
    reopened: a.reopened + b.reopened,
    repeatContacts: a.repeatContacts + b.repeatContacts,
    handoffs: a.handoffs + b.handoffs,
    firstResponseBreaches: a.firstResponseBreaches + b.firstResponseBreaches,
    resolutionBreaches: a.resolutionBreaches + b.resolutionBreaches,
    slaBreached: a.slaBreached + b.slaBreached,
  };
}

function summaryOf(counts: ResolutionCounts, firstResponseTimes: DurationHistogram, resolutionTimes: DurationHistogram): ResolutionSummary {
  return { counts, rates: ratesOf(counts), firstResponseTimes, resolutionTimes };
}

export function emptySummary(): ResolutionSummary {
  return summaryOf(NO_COUNTS, DurationHistogram.empty(), DurationHistogram.empty());
}

export function summarize(outcomes: readonly SummarizedOutcome[]): ResolutionSummary {
  return mergeSummaries(...outcomes.map(summarizeOne));
}

function summarizeOne(outcome: SummarizedOutcome): ResolutionSummary {
  const firstResponseTimes =
    outcome.firstResponseMs === null ? DurationHistogram.empty() : DurationHistogram.add(DurationHistogram.empty(), outcome.firstResponseMs);
  return summaryOf(countsOf(outcome), firstResponseTimes, DurationHistogram.add(DurationHistogram.empty(), outcome.resolutionMs));
}

/** Rates are recomputed from the merged counts: averaging rates would weigh a quiet day like a busy one. */
export function mergeSummaries(...summaries: ResolutionSummary[]): ResolutionSummary {
  return summaryOf(
    summaries.reduce((sum, s) => addCounts(sum, s.counts), NO_COUNTS),
    DurationHistogram.merge(...summaries.map((s) => s.firstResponseTimes)),
    DurationHistogram.merge(...summaries.map((s) => s.resolutionTimes)),
  );
}
