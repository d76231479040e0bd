import { Logger } from '@nestjs/common';

/**
 * Runs `work` every `everyMs` in this process, never two runs at once, until stopped. For the
 * sweepers that must keep working while Redis is down or empty, so they do not live in BullMQ.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly name: string, private readonly everyMs: number, private readonly work: () => Promise<void>, private readonly logger = new Logger(name)) {}

  start(runNow = true): this {
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    if (runNow) void this.runOnce();
    return this;
  }

  /** Runs now unless a run is in progress (then waits for that one). */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.running ??= this.work()
      .catch((error: Error) => this.logger.warn(`${this.name}: ${error.message}; will retry`))
      .finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
