import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { LiveOutbox, OutboxWakeups } from '@firsthand/persistence';
import { CommittedEventsPublisher } from '@firsthand/ticketing';
import { PeriodicTask } from '../periodic-task.js';
import { GraceWakeups } from './grace-wakeups.js';

const BATCH = 500;

/**
 * The safety net behind the API's live publishing: events whose live_outbox row is still there
 * after the grace period were not published (Redis was down, or the API died after commit), so the
 * relay publishes them and deletes the rows. It wakes on NOTIFY (after the grace period) and also
 * sweeps, so it catches up after its own restarts too. Several relays share the work with SKIP
 * LOCKED; a duplicate delivery is harmless because clients order and de-duplicate by seq.
 */
@Injectable()
export class LiveOutboxRelay implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LiveOutboxRelay.name);
  private wakeups?: OutboxWakeups;
  private task?: PeriodicTask;
  private afterGrace?: GraceWakeups;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly outbox: LiveOutbox,
    private readonly live: CommittedEventsPublisher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('relays')) return;
    const grace = this.config.worker.liveRelayGraceMs;
    this.task = new PeriodicTask('live relay', grace, async () => void (await this.drain()), this.logger).start();
    // One look a grace period after a commit's NOTIFY, not one per commit: under load (a commit every
    // few ms, each row dropped by its publisher long before) a look per commit found nothing hundreds of times a second.
    this.afterGrace = new GraceWakeups(grace + 50, () => void this.task?.runOnce());
    this.wakeups = new OutboxWakeups(this.config.databaseUrl, 'firsthand_live_outbox', () => this.afterGrace?.notice(), this.logger);
    await this.wakeups.open();
  }

  /** Publishes every overdue outbox event, a batch per transaction; returns how many. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.outbox.publishOverdue(this.config.worker.liveRelayGraceMs, BATCH, (ticket, events) => this.live.republish(ticket, events));
      if (sent > 0) this.logger.log(`Relayed ${sent} live event(s) the API had not published`);
      total += sent;
      if (sent < BATCH) return total;
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.afterGrace?.stop();
    await this.wakeups?.close();
    await this.task?.stop();
  }
}
