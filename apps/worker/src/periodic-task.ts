import { Logger } from '@nestjs/common';

/**
 * Runs `work` every `everyMs` in this process, never two runs at once, until stopped. For the
 * sweepers that must keep working while Redis is down or empty, so they do not live in BullMQ.
 */
export class PeriodicTask {
  private timer?: NodeJS.Timeout;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;

  constructor(private readonly name: string, private readonly everyMs: number, private readonly work: () => Promise<void>, private readonly logger = new Logger(name)) {}

  start(runNow = true): this {
    this.timer = setInterval(() => void this.runOnce(), this.everyMs);
    if (runNow) void this.runOnce();
    return this;
  }

  /**
   * Runs now; during a run, asks for one more right after it, so a wake-up that arrives while the
   * work is under way (a NOTIFY for an event the run had already looked past) is never lost.
   */
  runOnce(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.work().catch((error: Error) => this.logger.warn(`${this.name}: ${error.message}; will retry`));
      } while (this.again && !this.stopped);
    })().finally(() => (this.running = null));
    return this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
