/**
 * Wake-ups a delay after notices, with at most one pending: a notice that comes while one is
 * pending only moves the next wake-up to its own moment, which is armed when the pending one fires.
 * Each notice is still followed by a wake-up at or after its own delay, but a steady stream of
 * notices (a commit every few ms) wakes about once a delay, not once a notice.
 */
export class GraceWakeups {
  private pending?: NodeJS.Timeout;
  private nextAt: number | null = null;

  constructor(
    private readonly delayMs: number,
    private readonly wake: () => void,
    private readonly now: () => number = Date.now,
  ) {}

  notice(): void {
    const at = this.now() + this.delayMs;
    if (this.pending) this.nextAt = at;
    else this.arm(at);
  }

  stop(): void {
    clearTimeout(this.pending);
    this.pending = undefined;
    this.nextAt = null;
  }

  private arm(at: number): void {
    this.pending = setTimeout(() => {
      const next = this.nextAt;
      this.pending = undefined;
      this.nextAt = null;
      if (next !== null) this.arm(next);
      this.wake();
    }, Math.max(0, at - this.now()));
    this.pending.unref?.();
  }
}
