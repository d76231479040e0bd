import { retryDelayMs } from './retry-delay.js';

const backoff = { baseMs: 1_000, maxMs: 60_000 };
const highest = () => 0.999_999;

describe('retryDelayMs', () => {
  it('doubles the ceiling with every attempt', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, backoff, highest))).toEqual([999, 1_999, 3_999, 7_999, 15_999]);
  });

  it('never waits longer than maxMs, however many attempts', () => {
    expect(retryDelayMs(7, backoff, highest)).toBe(59_999);
    expect(retryDelayMs(1_000, backoff, highest)).toBe(59_999);
    expect(Number.isFinite(retryDelayMs(Number.MAX_SAFE_INTEGER, backoff, highest))).toBe(true);
  });

  it('spreads the wait over the whole range (full jitter)', () => {
    expect(retryDelayMs(3, backoff, () => 0)).toBe(0);
    expect(retryDelayMs(3, backoff, () => 0.5)).toBe(2_000);
  });

  it('treats attempts below 1 as the first retry', () => {
    expect(retryDelayMs(0, backoff, highest)).toBe(999);
    expect(retryDelayMs(-3, backoff, highest)).toBe(999);
  });

  it('stays within bounds with the real random source', () => {
    for (let attempt = 1; attempt <= 10; attempt++) {
      const delay = retryDelayMs(attempt, backoff);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(Math.min(60_000, 1_000 * 2 ** (attempt - 1)));
      expect(Number.isInteger(delay)).toBe(true);
    }
  });
});
