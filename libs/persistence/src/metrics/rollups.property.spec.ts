import fc from 'fast-check';
import { judgeDirectly, totalsDirectly } from '../../../domain/src/metrics/testing/direct-verdict.js';
import { playScript, ticketScript, WINDOWS, type GeneratedTicket } from '../../../domain/src/metrics/testing/ticket-history.arbitrary.js';
import { OUTCOME_EVENT_TYPES } from '@firsthand/domain';
import type { MetricsSettings } from './metrics-settings.js';
import {
  addCounts,
  contributionOf,
  emptyCounts,
  groupRollupDeltas,
  isZero,
  outcomeDeltas,
  outcomeRecordOf,
  RollupDeltas,
  rollupKeyString,
  type GroupRollupDelta,
  type OutcomeTicket,
  type RollupDelta,
  type TicketOutcomeRecord,
} from './ticket-outcome.mapper.js';

const SETTINGS: MetricsSettings = { windows: WINDOWS, timeZone: 'Asia/Shanghai' };

interface HelpdeskTicket extends GeneratedTicket {
  ticket: OutcomeTicket;
}

/** Several tickets, each with the attributes its rollup bucket is keyed by. */
const helpdesk = fc
  .array(
    fc.record({
      script: ticketScript,
      teamId: fc.constantFrom(null, 'team-billing', 'team-delivery'),
      channel: fc.constantFrom('web', 'email', 'phone'),
      tier: fc.constantFrom('standard', 'vip'),
    }),
    { maxLength: 20 },
  )
  .map((specs) =>
    specs.map(({ script, teamId, channel, tier }, i): HelpdeskTicket => {
      const g = playScript(script, `ticket-${i + 1}`);
      return { ...g, ticket: { id: `ticket-${i + 1}`, teamId, channel, tier, priority: 'normal', ...g.dueTimes } };
    }),
  );

const groupId = (d: GroupRollupDelta) => [d.key.dimension, d.key.day, d.key.key ?? ''].join('|');

/** Adds deltas to stored rows the way the SQL UPSERTs do, deleting a bucket emptied of tickets. */
function upsert<D extends { counts: RollupDelta['counts'] }>(rows: Map<string, D>, deltas: readonly D[], id: (d: D) => string): void {
  for (const delta of deltas) {
    const counts = addCounts(rows.get(id(delta))?.counts ?? emptyCounts(), delta.counts);
    if (counts.resolved === 0) {
      expect({ bucket: id(delta), emptied: isZero(counts) }).toEqual({ bucket: id(delta), emptied: true });
      rows.delete(id(delta));
    } else rows.set(id(delta), { ...delta, counts });
  }
}

/** ticket_outcomes, resolution_rollups and resolution_group_rollups as applyRollupDeltas keeps them. */
class StoredMetrics {
  readonly rollups = new Map<string, RollupDelta>();
  readonly groups = new Map<string, GroupRollupDelta>();
  readonly outcomes = new Map<string, TicketOutcomeRecord>();

  apply(deltas: readonly RollupDelta[]): void {
    upsert(this.rollups, deltas, (d) => rollupKeyString(d.key));
    upsert(this.groups, groupRollupDeltas(deltas), groupId);
  }

  /** TicketStore.appendEvents → recordOutcome, for one appended event, with the clock at that event. */
  recordEvent(t: HelpdeskTicket, seq: number): void {
    const event = t.history[seq - 1];
    if (!OUTCOME_EVENT_TYPES.has(event.type)) return;
    const before = this.outcomes.get(t.ticket.id) ?? null;
    const resolves = event.type === 'status_changed' && event.payload.to === 'resolved';
    if (!before && !resolves) return;
    const after = outcomeRecordOf(t.ticket, t.history.slice(0, seq), event.createdAt, SETTINGS);
    if (after) this.outcomes.set(t.ticket.id, after);
    else this.outcomes.delete(t.ticket.id);
    this.apply(outcomeDeltas(before, after));
  }

  /** settleDueOutcomes: windows closed before `now` lose the provisional flag, and their buckets one provisional. */
  settle(now: Date): void {
    const deltas = new RollupDeltas();
    for (const [id, outcome] of this.outcomes) {
      if (!outcome.provisional || outcome.settlesAt.getTime() >= now.getTime()) continue;
      this.outcomes.set(id, { ...outcome, provisional: false });
      deltas.add(outcome, { ...emptyCounts(), provisional: -1 });
    }
    this.apply(deltas.list());
  }
}

/** Every event of every ticket in the order the helpdesk recorded them (by time, then ticket and seq). */
function interleaved(tickets: readonly HelpdeskTicket[]) {
  return tickets
    .flatMap((t) => t.history.map((e) => ({ t, seq: e.seq, at: e.createdAt.getTime() })))
    .sort((a, b) => a.at - b.at || a.t.ticket.id.localeCompare(b.t.ticket.id) || a.seq - b.seq);
}

function rebuild(tickets: readonly HelpdeskTicket[], now: Date) {
  const records = tickets.flatMap((t) => outcomeRecordOf(t.ticket, t.history, now, SETTINGS) ?? []);
  const rollups = new RollupDeltas();
  for (const record of records) rollups.add(record, contributionOf(record));
  return { records, rollups: rollups.list() };
}

describe('rollups over generated helpdesk histories (fast-check)', () => {
  it('incremental recording, event by event, then the settle sweep, equals a rebuild from the events, in both rollup tables', () => {
    fc.assert(
      fc.property(helpdesk, fc.integer({ min: 0, max: 10 * 86_400_000 }), (tickets, laterMs) => {
        const lastEvent = Math.max(0, ...tickets.map((t) => t.history[t.history.length - 1].createdAt.getTime()));
        const now = new Date(lastEvent + laterMs);
        const stored = new StoredMetrics();
        for (const { t, seq } of interleaved(tickets)) stored.recordEvent(t, seq);
        stored.settle(now);

        const rebuilt = rebuild(tickets, now);
        const byTicket = (records: Iterable<TicketOutcomeRecord>) => [...records].sort((a, b) => a.ticketId.localeCompare(b.ticketId));
        expect(byTicket(stored.outcomes.values())).toEqual(byTicket(rebuilt.records));
        const sorted = <D>(rows: Map<string, D>) => [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([, r]) => r);
        expect(sorted(stored.rollups)).toEqual(rebuilt.rollups);
        expect(sorted(stored.groups)).toEqual(groupRollupDeltas(rebuilt.rollups));
      }),
      { numRuns: 200 },
    );
  });

  it('rollup totals equal a direct recomputation from the events; no bucket counts more first-contact than first-responder resolutions', () => {
    fc.assert(
      fc.property(helpdesk, (tickets) => {
        const now = new Date(Math.max(0, ...tickets.map((t) => t.now.getTime())));
        const { rollups } = rebuild(tickets, now);
        const judged = tickets.map((t) => ({ ...t, now }));
        const total = rollups.reduce((sum, r) => addCounts(sum, r.counts), emptyCounts());
        const direct = totalsDirectly(judged);
        const verdicts = judged.map((t) => ({ t, v: judgeDirectly(t) })).filter((x) => x.v !== null);

        expect(total).toMatchObject(direct);
        expect(total.escalated).toBe(verdicts.filter(({ v }) => v!.escalationMaxLevel > 1).length);
        const ratings = verdicts.flatMap(({ t }) => {
          const rated = t.history.filter((e) => e.type === 'rated');
          return rated.length > 0 ? [(rated[rated.length - 1].payload as { rating: number }).rating] : [];
        });
        expect({ csatSum: total.csatSum, csatCount: total.csatCount }).toEqual({ csatSum: ratings.reduce((a, b) => a + b, 0), csatCount: ratings.length });
        expect(total.resolutionHist.reduce((a, b) => a + b, 0)).toBe(direct.resolved);
        const groups = groupRollupDeltas(rollups);
        for (const dimension of ['all', 'agent', 'team', 'channel', 'tier'] as const) {
          const inDimension = groups.filter((g) => g.key.dimension === dimension).reduce((sum, g) => addCounts(sum, g.counts), emptyCounts());
          expect({ dimension, total: inDimension }).toEqual({ dimension, total });
        }
        for (const { counts } of rollups) {
          expect(counts.resolved).toBeGreaterThan(0);
          expect(counts.firstContactResolved).toBeLessThanOrEqual(counts.firstResponderResolved);
          expect(counts.firstResponderResolved).toBeLessThanOrEqual(counts.resolved);
          expect(counts.slaBreached).toBeLessThanOrEqual(counts.firstResponseBreaches + counts.resolutionBreaches);
        }
      }),
      { numRuns: 200 },
    );
  });
});
