/**
 * Per-socket limit on client events (a fixed 10-second window): enough for presence heartbeats and
 * following tickets, too little to flood the gateway or the database.
 */
export class ClientEventLimiter {
  private windowStart = 0;
  private count = 0;

  constructor(private readonly perTenSeconds: number, private readonly now: () => number = Date.now) {}

  allow(): boolean {
    const now = this.now();
    if (now - this.windowStart >= 10_000) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count++;
    return this.count <= this.perTenSeconds;
  }

  /** Events refused in the current window: a burst now and then is forgotten when its window ends. */
  refusedThisWindow(): number {
    return this.now() - this.windowStart >= 10_000 ? 0 : Math.max(0, this.count - this.perTenSeconds);
  }
}
