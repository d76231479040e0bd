import { DurationHistogram } from './duration-histogram.js';
import { emptySummary, mergeSummaries, ratesOf, summarize, type SummarizedOutcome } from './rate-summary.js';

const MINUTE = 60_000;

function outcome(overrides: Partial<SummarizedOutcome> = {}): SummarizedOutcome {
  return {
    firstResponderResolution: true,
    firstContactResolution: true,
    provisional: false,
    reopenCount: 0,
    repeatContacts: 0,
    handoffs: 0,
    firstResponseMs: 5 * MINUTE,
    resolutionMs: 90 * MINUTE,
    firstResponseBreached: false,
    resolutionBreached: false,
    ...overrides,
  };
}

describe('summarize', () => {
  it('has no rates when nothing was resolved', () => {
    const summary = summarize([]);

    expect(summary.counts.resolved).toBe(0);
    expect(summary.rates).toEqual({ firstResponderResolution: null, firstContactResolution: null });
    expect(summary).toEqual(emptySummary());
  });

  it('counts each kind of resolution and gives the two rates as shares of resolved tickets', () => {
    const summary = summarize([
      outcome(),
      outcome({ firstContactResolution: false }),
      outcome({ firstContactResolution: false, firstResponderResolution: false, handoffs: 2 }),
      outcome({ firstContactResolution: false, firstResponderResolution: false, reopenCount: 2, provisional: true }),
      outcome({ firstContactResolution: false, firstResponderResolution: false, repeatContacts: 1, provisional: true, resolutionBreached: true }),
    ]);

    expect(summary.counts).toEqual({
      resolved: 5,
      firstResponderResolved: 2,
      firstContactResolved: 1,
      provisional: 2,
      reopened: 1,
      repeatContacts: 1,
      handoffs: 1,
      firstResponseBreaches: 0,
      resolutionBreaches: 1,
      slaBreached: 1,
    });
    expect(summary.rates).toEqual({ firstResponderResolution: 0.4, firstContactResolution: 0.2 });
  });

  it('counts a ticket that missed both SLA targets once in each target and once in any', () => {
    const summary = summarize([
      outcome({ firstResponseBreached: true, resolutionBreached: true }),
      outcome({ firstResponseBreached: true }),
      outcome(),
    ]);

    expect(summary.counts).toMatchObject({ resolved: 3, firstResponseBreaches: 2, resolutionBreaches: 1, slaBreached: 2 });
  });

  it('leaves a ticket without a first response out of the first-response times, but not out of resolution times', () => {
    const summary = summarize([outcome(), outcome({ firstResponseMs: null })]);

    expect(DurationHistogram.total(summary.firstResponseTimes)).toBe(1);
    expect(DurationHistogram.total(summary.resolutionTimes)).toBe(2);
    expect(DurationHistogram.percentile(summary.firstResponseTimes, 0.5)).toBe(300);
    expect(DurationHistogram.percentile(summary.resolutionTimes, 0.5)).toBe(2 * 3600);
  });
});

describe('mergeSummaries', () => {
  it('recomputes rates from the merged counts instead of averaging them', () => {
    const quietDay = summarize([outcome()]);
    const busyDay = summarize([outcome(), ...Array.from({ length: 9 }, () => outcome({ firstContactResolution: false }))]);

    const both = mergeSummaries(quietDay, busyDay);

    expect(both.counts.resolved).toBe(11);
    expect(both.rates.firstContactResolution).toBeCloseTo(2 / 11, 12);
  });

  it('equals summarizing everything at once', () => {
    const a = [outcome(), outcome({ firstContactResolution: false, resolutionMs: 3 * 86_400_000 })];
    const b = [outcome({ firstResponderResolution: false, firstContactResolution: false, handoffs: 1, firstResponseMs: 2 * MINUTE })];

    expect(mergeSummaries(summarize(a), summarize(b))).toEqual(summarize([...a, ...b]));
    expect(mergeSummaries()).toEqual(emptySummary());
  });
});

describe('ratesOf', () => {
  it('gives null rather than NaN for an empty group', () => {
    expect(ratesOf(emptySummary().counts)).toEqual({ firstResponderResolution: null, firstContactResolution: null });
  });
});
