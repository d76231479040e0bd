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
});
