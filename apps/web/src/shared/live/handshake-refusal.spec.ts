import { afterHandshakeRefusal } from './handshake-refusal.js';

describe('afterHandshakeRefusal', () => {
  it('asks a gateway that could not check the handshake again, later each time, at most every 10 s', () => {
    expect([1, 2, 3, 4, 5, 6, 40].map((n) => afterHandshakeRefusal('unavailable', n))).toEqual([
      { retryInMs: 1000 },
      { retryInMs: 2000 },
      { retryInMs: 4000 },
      { retryInMs: 8000 },
      { retryInMs: 10_000 },
      { retryInMs: 10_000 },
      { retryInMs: 10_000 },
    ]);
  });

  it('keeps a refused credential refused', () => {
    for (const message of ['invalid-token', 'invalid-tracking-token', 'forbidden-origin', '']) expect(afterHandshakeRefusal(message, 1)).toEqual({ final: true });
  });
});
