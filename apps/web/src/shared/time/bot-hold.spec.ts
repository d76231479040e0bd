import { botHoldsUntil } from './bot-hold.js';

describe('until when the bot holds a ticket', () => {
  const now = Date.parse('2026-12-07T05:00:00Z');
  it('is the hold end while the bot holds it and the end is ahead', () => {
    expect(botHoldsUntil({ bot: { outcome: 'held', holdUntil: '2026-12-07T05:10:00Z' } }, now)).toBe('2026-12-07T05:10:00Z');
  });
  it('is nothing once the end has passed, for any other outcome, or with no bot', () => {
    expect(botHoldsUntil({ bot: { outcome: 'held', holdUntil: '2026-12-07T04:59:00Z' } }, now)).toBeNull();
    expect(botHoldsUntil({ bot: { outcome: 'claimed', holdUntil: '2026-12-07T05:10:00Z' } }, now)).toBeNull();
    expect(botHoldsUntil({ bot: null }, now)).toBeNull();
  });
});
