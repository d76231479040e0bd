import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock, handToPerson, SYSTEM } from '@firsthand/domain';
import { BotAnswers } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import { PeriodicTask } from '../periodic-task.js';

const BATCH = 200;

/**
 * Ends the bot's holds that ran out: each gets its `bot_handed_over` (reason timer) event through the
 * TicketWriter, which publishes the queue change live. The queue reads already show the ticket from
 * its stored instant on (they compare it with now()), so this only tells the live views. It runs
 * from PostgreSQL alone: a timer to the next stored instant, and the periodic sweep as the net
 * under it (a worker that was down, a timer lost), so nothing depends on Redis.
 */
@Injectable()
export class BotHoldSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(BotHoldSweeper.name);
  private task?: PeriodicTask;
  private nextTimer?: NodeJS.Timeout;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly answers: BotAnswers,
    private readonly writer: TicketWriter,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('timers')) return;
    this.task = new PeriodicTask('bot hold sweep', this.config.worker.sweepEverySeconds * 1000, async () => void (await this.sweep()), this.logger).start();
  }

  /** Hands over every ticket whose hold ended by `now`; then sets the timer for the next one. Returns how many it handed over. */
  async sweep(now: Date = this.clock.now()): Promise<number> {
    let handed = 0;
    for (;;) {
      const ids = await this.answers.heldPastHold(now, BATCH);
      let handedNow = 0;
      for (const id of ids) {
        const events = await this.writer.changeAsSystem(id, (ctx) => (ctx.ticket.botHoldUntil && ctx.ticket.botHoldUntil <= now ? handToPerson(ctx.ticket, 'timer', SYSTEM, now) : null), now);
        if (events?.length) handedNow++;
      }
      handed += handedNow;
      // A batch that changed nothing would be read again as it is: stop rather than spin.
      if (ids.length < BATCH || handedNow === 0) break;
    }
    await this.armTimer();
    return handed;
  }

  /** A timer to the earliest hold still running, when it ends before the next sweep would see it. */
  private async armTimer(): Promise<void> {
    const next = await this.answers.nextHoldEnd();
    clearTimeout(this.nextTimer);
    if (!next) return;
    const wait = Math.max(0, next.getTime() - this.clock.now().getTime()) + 50;
    if (wait >= this.config.worker.sweepEverySeconds * 1000) return;
    this.nextTimer = setTimeout(() => void this.task?.runOnce(), wait);
    this.nextTimer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearTimeout(this.nextTimer);
    await this.task?.stop();
  }
}
