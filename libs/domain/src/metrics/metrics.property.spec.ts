import fc from 'fast-check';
import { DurationHistogram } from './duration-histogram.js';
import { mergeSummaries, summarize } from './rate-summary.js';
import { classifyResolution, FIRST_RESPONDER_SHORTFALLS, type ResolutionHistoryEvent, type ResolutionOutcome } from './resolution-outcome.js';
import { slaAttainmentOf } from './sla-attainment.js';
import { generatedTicket, generatedTickets, ticketScript, playScript, WINDOWS, type GeneratedTicket } from './testing/ticket-history.arbitrary.js';
import { judgeDirectly, totalsDirectly } from './testing/direct-verdict.js';
import { SAM } from './testing/timeline.builder.js';

const classify = (g: GeneratedTicket, repeatContactAt?: Date[]) =>
  classifyResolution(g.history, { now: g.now, windows: WINDOWS, dueTimes: g.dueTimes, repeatContactAt });

const outcomesOf = (tickets: readonly GeneratedTicket[]) => tickets.map((g) => classify(g)).filter((o): o is ResolutionOutcome => o !== null);

function withNoteAt(history: ResolutionHistoryEvent[], index: number): ResolutionHistoryEvent[] {
  const at = history[Math.max(0, index - 1)].createdAt;
  const note: ResolutionHistoryEvent = {
    type: 'internal_note_added',
    visibility: 'internal',
    actor: { type: 'agent', id: SAM.id, name: SAM.name },
    payload: { messageId: 'note', body: 'Have you tried the ledger?' },
    ticketId: history[0].ticketId,
    seq: 0,
    createdAt: at,
  };
  return [...history.slice(0, index), note, ...history.slice(index)].map((e, i) => ({ ...e, seq: i + 1 }) as ResolutionHistoryEvent);
}

const RUNS = { numRuns: 300 };

describe('metrics over generated ticket histories (fast-check)', () => {
  it('generates a useful mix: every verdict and every reason comes up', () => {
    const outcomes = outcomesOf(fc.sample(generatedTicket, { numRuns: 1000, seed: 20260322 }));
    const reasons = new Set(outcomes.flatMap((o) => o.reasons));

    expect(outcomes.length).toBeGreaterThan(250);
    expect(outcomes.some((o) => o.firstContactResolution)).toBe(true);
    expect(outcomes.some((o) => o.firstResponderResolution && !o.firstContactResolution)).toBe(true);
    expect(outcomes.some((o) => !o.firstResponderResolution)).toBe(true);
    expect(outcomes.some((o) => o.provisional) && outcomes.some((o) => !o.provisional)).toBe(true);
    expect(outcomes.some((o) => o.firstResponseBreached) && outcomes.some((o) => o.resolutionBreached)).toBe(true);
    expect([...reasons].sort()).toEqual(
      [
        'no_first_response', 'resolved_by_other_than_first_responder', 'handed_off', 'reassigned', 'reopened', 'repeat_contact',
        'more_than_one_public_reply', 'customer_follow_up_after_reply', 'escalated_past_warning',
      ].sort(),
    );
  });

  it('judges every history as the rules recomputed directly from its events', () => {
    fc.assert(
      fc.property(generatedTicket, (g) => {
        const direct = judgeDirectly(g);
        const outcome = classify(g);
        if (direct === null) expect(outcome).toBeNull();
        else expect(outcome).toMatchObject(direct);
      }),
      RUNS,
    );
  });

  it('never counts a first-contact resolution that is not a first-responder resolution, and explains every failure', () => {
    fc.assert(
      fc.property(generatedTicket, (g) => {
        const o = classify(g);
        if (!o) return;
        const firstResponderFailures = o.reasons.filter((r) => (FIRST_RESPONDER_SHORTFALLS as readonly string[]).includes(r));
        expect(!o.firstContactResolution || o.firstResponderResolution).toBe(true);
        expect(o.firstContactResolution).toBe(o.reasons.length === 0);
        expect(o.firstResponderResolution).toBe(firstResponderFailures.length === 0);
        expect(o.provisional).toBe(g.now.getTime() <= o.settlesAt.getTime());
      }),
      RUNS,
    );
  });

  it('summary totals equal the direct recomputation, with rates within 0..1 and FCR ≤ first-responder ≤ resolved', () => {
    fc.assert(
      fc.property(generatedTickets(), (tickets) => {
        const { counts, rates, firstResponseTimes, resolutionTimes } = summarize(outcomesOf(tickets));
        const direct = totalsDirectly(tickets);

        expect(counts).toEqual(direct);
        expect(DurationHistogram.total(resolutionTimes)).toBe(direct.resolved);
        expect(DurationHistogram.total(firstResponseTimes)).toBe(tickets.filter((g) => judgeDirectly(g)?.firstResponseMs != null).length);
        expect(counts.firstContactResolved).toBeLessThanOrEqual(counts.firstResponderResolved);
        expect(counts.firstResponderResolved).toBeLessThanOrEqual(counts.resolved);
        const attainment = slaAttainmentOf(counts);
        for (const rate of [rates.firstContactResolution, rates.firstResponderResolution, attainment.firstResponse, attainment.resolution, attainment.overall]) {
          if (counts.resolved === 0) expect(rate).toBeNull();
          else {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
        if (counts.resolved > 0) expect(rates.firstContactResolution!).toBeLessThanOrEqual(rates.firstResponderResolution!);
      }),
      RUNS,
    );
  });

  it('merging the summaries of any split, in any order, equals summarizing everything at once', () => {
    const split = generatedTickets().chain((tickets) =>
      fc.record({
        tickets: fc.constant(tickets),
        cuts: fc.uniqueArray(fc.integer({ min: 0, max: tickets.length }), { maxLength: 4 }),
        order: fc.func(fc.integer()),
      }),
    );
    fc.assert(
      fc.property(split, ({ tickets, cuts, order }) => {
        const outcomes = outcomesOf(tickets);
        const bounds = [0, ...cuts.map((c) => Math.min(c, outcomes.length)).sort((a, b) => a - b), outcomes.length];
        const parts = bounds.slice(1).map((end, i) => summarize(outcomes.slice(bounds[i], end)));
        const shuffled = parts.map((p, i) => ({ p, key: order(i) })).sort((a, b) => a.key - b.key).map((x) => x.p);

        expect(mergeSummaries(...parts)).toEqual(summarize(outcomes));
        expect(mergeSummaries(...shuffled)).toEqual(summarize(outcomes));
      }),
      RUNS,
    );
  });

  it('never lets an internal note change an outcome, wherever it falls', () => {
    const withIndex = generatedTicket.chain((g) => fc.record({ g: fc.constant(g), index: fc.integer({ min: 1, max: g.history.length }) }));
    fc.assert(
      fc.property(withIndex, ({ g, index }) => {
        const noted = classify({ ...g, history: withNoteAt(g.history, index) });
        expect(noted).toEqual(classify(g));
      }),
      RUNS,
    );
  });

  it('never changes a settled outcome when a contact comes after its windows', () => {
    fc.assert(
      fc.property(generatedTicket, (g) => {
        const o = classify(g);
        fc.pre(o !== null && !o.provisional);
        expect(classify(g, [new Date(o!.settlesAt.getTime() + 1)])).toEqual(o);
      }),
      RUNS,
    );
  });

  it('plays a script the same way every time', () => {
    fc.assert(fc.property(ticketScript, (script) => expect(playScript(script, 't')).toEqual(playScript(script, 't'))), { numRuns: 50 });
  });
});
