import { ClientEventLimiter } from './client-event-limiter.js';

describe('ClientEventLimiter', () => {
  it('allows the limit per 10-second window, then refuses until the next window', () => {
    let now = 1_000_000;
    const limiter = new ClientEventLimiter(3, () => now);
    expect([limiter.allow(), limiter.allow(), limiter.allow(), limiter.allow()]).toEqual([true, true, true, false]);
    now += 9_999;
    expect(limiter.allow()).toBe(false);
    now += 1;
    expect(limiter.allow()).toBe(true);
  });

  it('counts refusals per window, so bursts spread over a long day never add up', () => {
    let now = 1_000_000;
    const limiter = new ClientEventLimiter(3, () => now);
    for (let day = 0; day < 100; day++) {
      for (let i = 0; i < 5; i++) limiter.allow();
      expect(limiter.refusedThisWindow()).toBe(2);
      now += 10_000;
      expect(limiter.refusedThisWindow()).toBe(0);
    }
    for (let i = 0; i < 10; i++) limiter.allow();
    expect(limiter.refusedThisWindow()).toBe(7);
  });
});
