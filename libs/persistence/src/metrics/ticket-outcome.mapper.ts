import {
  ALWAYS_OPEN_UTC,
  businessMinutesBetween,
  classifyResolution,
  OUTCOME_EVENT_TYPES,
  dayKey,
  DurationHistogram,
  ESCALATION_LEVELS,
  summarize,
  type ResolutionHistoryEvent,
  type BusinessCalendar,
  type ResolutionShortfall,
} from '@firsthand/domain';
import type { MetricsSettings } from './metrics-settings.js';

/** The rollup bucket a resolution is counted in. `agentId` is the first responder: rollups "by agent" credit (or blame) the agent who answered first. */
export interface RollupKey {
  day: string;
  agentId: string | null;
  teamId: string | null;
  channel: string;
  tier: string;
}

/** What one bucket adds up; a delta between two outcomes has the same shape, with negative numbers. */
export interface RollupCounts {
  resolved: number;
  firstResponderResolved: number;
  firstContactResolved: number;
  provisional: number;
  reopened: number;
  repeatContacts: number;
  handoffs: number;
  escalated: number;
  firstResponseBreaches: number;
  resolutionBreaches: number;
  /** Tickets that missed either target. */
  slaBreached: number;
  csatSum: number;
  csatCount: number;
  firstResponseHist: number[];
  resolutionHist: number[];
  /** The same durations in working time on each ticket's SLA calendar. */
  firstResponseBusinessHist: number[];
  resolutionBusinessHist: number[];
}

export interface RollupDelta {
  key: RollupKey;
  counts: RollupCounts;
}

/** One ticket_outcomes row: the verdict on the ticket's last resolution and where it is counted. */
export interface TicketOutcomeRecord extends RollupKey {
  ticketId: string;
  resolvedAt: Date;
  resolvedBy: string | null;
  firstResponderResolution: boolean;
  firstContactResolution: boolean;
  provisional: boolean;
  settlesAt: Date;
  reasons: ResolutionShortfall[];
  publicAgentReplies: number;
  reopenCount: number;
  repeatContacts: number;
  handoffs: number;
  escalationMaxLevel: number;
  firstResponseMs: number | null;
  resolutionMs: number;
  /** Working milliseconds from creation to the first response (null without one) and to the counted resolution, on the ticket's SLA calendar. */
  firstResponseBusinessMs: number | null;
  /** Null only for outcomes stored before business time was kept (until a rebuild). */
  resolutionBusinessMs: number | null;
  firstResponseBreached: boolean;
  resolutionBreached: boolean;
  csatRating: number | null;
  /** The seq of the last event in the timeline that can change the outcome: the version of the timeline it reflects. */
  outcomeSeq: number;
}

/**
 * The ticket attributes an outcome needs besides the timeline; none of them changes after the ticket
 * is opened (the SLA due times are fixed at creation), so a rebuild judges exactly as the live path did.
 */
export interface OutcomeTicket {
  id: string;
  teamId: string | null;
  channel: string;
  tier: string;
  priority: string;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
}

/** Selects an OutcomeTicket from `tickets` aliased `t`. */
export const OUTCOME_TICKET_COLUMNS = `t.id, t.team_id AS "teamId", t.channel, t.tier, t.priority,
  t.first_response_due_at AS "firstResponseDueAt", t.resolution_due_at AS "resolutionDueAt"`;

const NUMERIC_COUNTS = [
  'resolved',
  'firstResponderResolved',
  'firstContactResolved',
  'provisional',
  'reopened',
  'repeatContacts',
  'handoffs',
  'escalated',
  'firstResponseBreaches',
  'resolutionBreaches',
  'slaBreached',
  'csatSum',
  'csatCount',
] as const;

function lastRating(history: readonly ResolutionHistoryEvent[]): number | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i];
    if (event.type === 'rated') return event.payload.rating;
  }
  return null;
}

/**
 * Classifies a ticket's whole timeline (ascending seq) into its outcome row; null when it was never
 * resolved. `calendar` is the ticket's SLA calendar in force (policy, team, default), for the
 * business-time durations: working time from creation, customer waits included, as on the wall clock.
 */
export function outcomeRecordOf(
  ticket: OutcomeTicket,
  history: readonly ResolutionHistoryEvent[],
  now: Date,
  settings: MetricsSettings,
  calendar: BusinessCalendar = ALWAYS_OPEN_UTC,
): TicketOutcomeRecord | null {
  const dueTimes = { firstResponseDueAt: ticket.firstResponseDueAt, resolutionDueAt: ticket.resolutionDueAt };
  const outcome = classifyResolution(history, { now, windows: settings.windows, dueTimes });
  if (!outcome) return null;
  const createdAt = new Date(outcome.resolvedAt.getTime() - outcome.resolutionMs);
  const businessMs = (ms: number) => Math.round(businessMinutesBetween(calendar, createdAt, new Date(createdAt.getTime() + ms)) * 60_000);
  return {
    ticketId: ticket.id,
    day: dayKey(outcome.resolvedAt, settings.timeZone),
    agentId: outcome.firstResponderId,
    teamId: ticket.teamId,
    channel: ticket.channel,
    tier: ticket.tier,
    resolvedAt: outcome.resolvedAt,
    resolvedBy: outcome.resolvedBy,
    firstResponderResolution: outcome.firstResponderResolution,
    firstContactResolution: outcome.firstContactResolution,
    provisional: outcome.provisional,
    settlesAt: outcome.settlesAt,
    reasons: outcome.reasons,
    publicAgentReplies: outcome.publicAgentReplies,
    reopenCount: outcome.reopenCount,
    repeatContacts: outcome.repeatContacts,
    handoffs: outcome.handoffs,
    escalationMaxLevel: outcome.escalationMaxLevel,
    firstResponseMs: outcome.firstResponseMs,
    resolutionMs: outcome.resolutionMs,
    firstResponseBusinessMs: outcome.firstResponseMs === null ? null : businessMs(outcome.firstResponseMs),
    resolutionBusinessMs: businessMs(outcome.resolutionMs),
    firstResponseBreached: outcome.firstResponseBreached,
    resolutionBreached: outcome.resolutionBreached,
    csatRating: lastRating(history),
    outcomeSeq: history.reduce((seq, e) => (OUTCOME_EVENT_TYPES.has(e.type) ? e.seq : seq), 0),
  };
}

export function emptyCounts(): RollupCounts {
  return {
    resolved: 0,
    firstResponderResolved: 0,
    firstContactResolved: 0,
    provisional: 0,
    reopened: 0,
    repeatContacts: 0,
    handoffs: 0,
    escalated: 0,
    firstResponseBreaches: 0,
    resolutionBreaches: 0,
    slaBreached: 0,
    csatSum: 0,
    csatCount: 0,
    firstResponseHist: [...DurationHistogram.empty().counts],
    resolutionHist: [...DurationHistogram.empty().counts],
    firstResponseBusinessHist: [...DurationHistogram.empty().counts],
    resolutionBusinessHist: [...DurationHistogram.empty().counts],
  };
}

/** What one outcome adds to its bucket; the counting rules are the domain's `summarize`. */
export function contributionOf(record: TicketOutcomeRecord): RollupCounts {
  const summary = summarize([record]);
  const one = (yes: boolean) => (yes ? 1 : 0);
  return {
    ...summary.counts,
    escalated: one(record.escalationMaxLevel > ESCALATION_LEVELS.warning),
    csatSum: record.csatRating ?? 0,
    csatCount: one(record.csatRating !== null),
    firstResponseHist: [...summary.firstResponseTimes.counts],
    resolutionHist: [...summary.resolutionTimes.counts],
    firstResponseBusinessHist: [...histogramOf(record.firstResponseBusinessMs).counts],
    resolutionBusinessHist: [...histogramOf(record.resolutionBusinessMs).counts],
  };
}

const histogramOf = (ms: number | null) => (ms === null ? DurationHistogram.empty() : DurationHistogram.add(DurationHistogram.empty(), ms));

/** The histograms of RollupCounts, added bucket by bucket. */
export const HISTOGRAM_FIELDS = ['firstResponseHist', 'resolutionHist', 'firstResponseBusinessHist', 'resolutionBusinessHist'] as const;

export function addCounts(a: RollupCounts, b: RollupCounts, sign: 1 | -1 = 1): RollupCounts {
  const sum = emptyCounts();
  for (const name of NUMERIC_COUNTS) sum[name] = a[name] + sign * b[name];
  for (const name of HISTOGRAM_FIELDS) sum[name] = sum[name].map((_, i) => (a[name][i] ?? 0) + sign * (b[name][i] ?? 0));
  return sum;
}

export function isZero(counts: RollupCounts): boolean {
  return (
    NUMERIC_COUNTS.every((name) => counts[name] === 0) && HISTOGRAM_FIELDS.every((name) => counts[name].every((n) => n === 0))
  );
}

export function rollupKeyString(key: RollupKey): string {
  return [key.day, key.agentId ?? '', key.teamId ?? '', key.channel, key.tier].join('|');
}

/**
 * The change to apply to the rollups when a ticket's outcome goes from `before` to `after`: its old
 * contribution comes out of its old bucket and the new one goes into its (possibly different) bucket.
 */
export function outcomeDeltas(before: TicketOutcomeRecord | null, after: TicketOutcomeRecord | null): RollupDelta[] {
  const deltas = new RollupDeltas();
  if (before) deltas.add(before, contributionOf(before), -1);
  if (after) deltas.add(after, contributionOf(after), 1);
  return deltas.list();
}

/** Sums deltas per bucket, leaving out the ones that cancel. */
export class RollupDeltas {
  private readonly byKey = new Map<string, RollupDelta>();

  add(key: RollupKey, counts: RollupCounts, sign: 1 | -1 = 1): void {
    const id = rollupKeyString(key);
    const existing = this.byKey.get(id);
    const base = existing?.counts ?? emptyCounts();
    this.byKey.set(id, {
      key: { day: key.day, agentId: key.agentId, teamId: key.teamId, channel: key.channel, tier: key.tier },
      counts: addCounts(base, counts, sign),
    });
  }

  /** In key order, so concurrent writers lock rollup rows in the same order and cannot deadlock. */
  list(): RollupDelta[] {
    return [...this.byKey.entries()]
      .filter(([, delta]) => !isZero(delta.counts))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([, delta]) => delta);
  }
}

/** The one-dimension rollups kept beside the full ones: per day overall (`all`), and per day per agent, team, channel or tier. */
export const ROLLUP_DIMENSIONS = ['all', 'agent', 'team', 'channel', 'tier'] as const;
export type RollupDimension = (typeof ROLLUP_DIMENSIONS)[number];

/** `key` is the agent or team id, channel or tier; null for `all`, for no first responder and for no team. */
export interface GroupRollupKey {
  dimension: RollupDimension;
  day: string;
  key: string | null;
}

export interface GroupRollupDelta {
  key: GroupRollupKey;
  counts: RollupCounts;
}

function groupKeysOf(key: RollupKey): GroupRollupKey[] {
  return [
    { dimension: 'all', day: key.day, key: null },
    { dimension: 'agent', day: key.day, key: key.agentId },
    { dimension: 'team', day: key.day, key: key.teamId },
    { dimension: 'channel', day: key.day, key: key.channel },
    { dimension: 'tier', day: key.day, key: key.tier },
  ];
}

/**
 * What the full-key deltas add to each one-dimension rollup: every full bucket counts once in each
 * dimension. Summed per group key, the ones that cancel left out, in key order (the lock order).
 */
export function groupRollupDeltas(deltas: readonly RollupDelta[]): GroupRollupDelta[] {
  const byKey = new Map<string, GroupRollupDelta>();
  for (const delta of deltas) {
    for (const key of groupKeysOf(delta.key)) {
      const id = [key.dimension, key.day, key.key ?? ''].join('|');
      byKey.set(id, { key, counts: addCounts(byKey.get(id)?.counts ?? emptyCounts(), delta.counts) });
    }
  }
  return [...byKey.entries()]
    .filter(([, delta]) => !isZero(delta.counts))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, delta]) => delta);
}
