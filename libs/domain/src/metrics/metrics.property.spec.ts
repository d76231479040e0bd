import type { ResolutionWindows } from '../resolution-windows.js';
import { mergeSummaries, summarize } from './rate-summary.js';
import {
  classifyResolution,
  FIRST_RESPONDER_SHORTFALLS,
  type ResolutionHistoryEvent,
  type ResolutionOutcome,
} from './resolution-outcome.js';
import { ADA, DAY_MS, HOUR_MS, LI, SAM, T0, TimelineBuilder, WEI, type Person } from './testing/timeline.builder.js';

/** mulberry32: a tiny seeded generator, so a failure names a seed that reproduces it. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
const chance = (random: Random, p: number) => random() < p;

const AGENTS: readonly Person[] = [LI, SAM, WEI];
const WINDOWS: ResolutionWindows = { reopenDays: 7, repeatContactDays: 7 };
const HISTORIES = 500;

interface Generated {
  seed: number;
  history: ResolutionHistoryEvent[];
  now: Date;
}

/** A ticket's life as the API could record it: only the owner replies, resolves and escalates. */
function randomHistory(seed: number): Generated {
  const random = mulberry32(seed);
  const t = new TimelineBuilder(`ticket-${seed}`, new Date(T0.getTime() + Math.floor(random() * 30 * DAY_MS)));
  let owner: Person | null = null;
  let level = 0;
  let resolvedAt: number | null = null;
  const steps = 1 + Math.floor(random() * 14);

  for (let i = 0; i < steps; i++) {
    t.after(Math.floor(random() * (chance(random, 0.2) ? 5 * DAY_MS : 3 * HOUR_MS)));
    const status = t.currentStatus();
    const move = random();
    if (status === 'resolved' || status === 'closed') {
      if (move < 0.3 && resolvedAt !== null && t.now().getTime() <= resolvedAt + WINDOWS.reopenDays * DAY_MS) {
        t.reopenedByCustomer();
        resolvedAt = null;
      } else if (move < 0.5) t.repeatContact();
      else if (move < 0.6) t.rated(1 + Math.floor(random() * 5));
      continue;
    }
    if (!owner) {
      owner = pick(random, AGENTS);
      if (move < 0.5) t.claimedBy(owner);
      else if (move < 0.8) t.answeredFirstBy(owner);
      else if (move < 0.9) t.reassigned(ADA, null, owner);
      else {
        owner = null;
        t.customerReplied();
      }
      continue;
    }
    const other = pick(random, AGENTS.filter((a) => a.id !== owner?.id));
    if (move < 0.2) t.repliedBy(owner);
    else if (move < 0.3) t.customerReplied();
    else if (move < 0.35) t.waitingOnCustomer(owner);
    else if (move < 0.45) t.notedBy(other);
    else if (move < 0.5) t.handoffProposed(owner, other).handoffDeclined(owner, other);
    else if (move < 0.55) {
      t.handoffProposed(owner, other).handoffAccepted(owner, other);
      owner = other;
    } else if (move < 0.6) {
      t.reassigned(ADA, owner, other);
      owner = other;
    } else if (move < 0.65) {
      level = Math.max(level, 1);
      t.slaEscalated(level);
    } else if (move < 0.7) {
      const toLevel = Math.min(3, Math.max(level, 1) + 1);
      t.escalationRequested(owner, level, toLevel);
      level = toLevel;
    } else if (move < 0.75) t.repeatContact();
    else {
      t.resolvedBy(owner);
      resolvedAt = t.now().getTime();
    }
  }
  const now = new Date(t.now().getTime() + Math.floor(random() * 10 * DAY_MS));
  return { seed, history: t.build(), now };
}

const generated = Array.from({ length: HISTORIES }, (_, i) => randomHistory(1_000 + i));
const classify = ({ history, now }: Generated) => classifyResolution(history, { now, windows: WINDOWS });
const outcomes = generated.map(classify).filter((o): o is ResolutionOutcome => o !== null);

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

describe('metrics over generated ticket histories', () => {
  it('generates a useful mix of outcomes', () => {
    expect(outcomes.length).toBeGreaterThan(HISTORIES / 4);
    expect(outcomes.length).toBeLessThan(HISTORIES);
    expect(outcomes.some((o) => o.firstContactResolution)).toBe(true);
    expect(outcomes.some((o) => o.firstResponderResolution && !o.firstContactResolution)).toBe(true);
    expect(outcomes.some((o) => !o.firstResponderResolution)).toBe(true);
    expect(outcomes.some((o) => o.provisional)).toBe(true);
    expect(outcomes.some((o) => !o.provisional)).toBe(true);
  });

  it('gives an outcome exactly to the histories that contain a resolution', () => {
    for (const g of generated) {
      const resolved = g.history.some((e) => e.type === 'status_changed' && e.payload.to === 'resolved');
      expect({ seed: g.seed, hasOutcome: classify(g) !== null }).toEqual({ seed: g.seed, hasOutcome: resolved });
    }
  });

  it('never counts a first-contact resolution that is not a first-responder resolution, and explains every failure', () => {
    for (const o of outcomes) {
      const firstResponderFailures = o.reasons.filter((r) => (FIRST_RESPONDER_SHORTFALLS as readonly string[]).includes(r));
      expect({ id: o.ticketId, fcrImpliesFirstResponder: !o.firstContactResolution || o.firstResponderResolution }).toEqual({ id: o.ticketId, fcrImpliesFirstResponder: true });
      expect(o.firstContactResolution).toBe(o.reasons.length === 0);
      expect(o.firstResponderResolution).toBe(firstResponderFailures.length === 0);
      expect(o.provisional).toBe(o.settlesAt.getTime() >= generated.find((g) => g.history[0].ticketId === o.ticketId)!.now.getTime());
    }
  });

  it('keeps rates within 0..1 and FCR ≤ first-responder ≤ resolved, over any slice', () => {
    for (let size = 0; size <= outcomes.length; size += 37) {
      const { counts, rates } = summarize(outcomes.slice(0, size));
      expect(counts.firstContactResolved).toBeLessThanOrEqual(counts.firstResponderResolved);
      expect(counts.firstResponderResolved).toBeLessThanOrEqual(counts.resolved);
      for (const rate of [rates.firstContactResolution, rates.firstResponderResolution]) {
        if (counts.resolved === 0) expect(rate).toBeNull();
        else {
          expect(rate).toBeGreaterThanOrEqual(0);
          expect(rate).toBeLessThanOrEqual(1);
        }
      }
    }
  });

  it('summarizes a concatenation exactly as it merges the summaries of its parts', () => {
    const random = mulberry32(42);
    for (let i = 0; i < 50; i++) {
      const cuts = [Math.floor(random() * outcomes.length), Math.floor(random() * outcomes.length)].sort((a, b) => a - b);
      const parts = [outcomes.slice(0, cuts[0]), outcomes.slice(cuts[0], cuts[1]), outcomes.slice(cuts[1])];
      expect(mergeSummaries(...parts.map(summarize))).toEqual(summarize(outcomes));
      expect(mergeSummaries(summarize(parts[2]), summarize(parts[0]), summarize(parts[1]))).toEqual(summarize(outcomes));
    }
  });

  it('never lets an internal note change an outcome', () => {
    const random = mulberry32(7);
    for (const g of generated) {
      const index = 1 + Math.floor(random() * g.history.length);
      const before = classify(g);
      const after = classifyResolution(withNoteAt(g.history, index), { now: g.now, windows: WINDOWS });
      expect({ seed: g.seed, outcome: after }).toEqual({ seed: g.seed, outcome: before });
    }
  });

  it('never changes a settled outcome when a contact comes after its windows', () => {
    for (const o of outcomes.filter((x) => !x.provisional)) {
      const g = generated.find((x) => x.history[0].ticketId === o.ticketId)!;
      const late = classifyResolution(g.history, { now: g.now, windows: WINDOWS, repeatContactAt: [new Date(o.settlesAt.getTime() + 1)] });
      expect(late).toEqual(o);
    }
  });

  it('is reproducible from its seed', () => {
    expect(randomHistory(1_234)).toEqual(randomHistory(1_234));
  });
});
