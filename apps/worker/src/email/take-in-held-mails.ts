import { buffer } from 'node:stream/consumers';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { HeldMailTakeIns, OutboxWakeups, type ClaimedTakeIn } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';
import { MailIntake } from './mail-intake.js';
import { TakeInboundMail } from './take-inbound-mail.js';

/** A take-in that failed for a passing reason (storage, the database) is tried again this much later; MAX_ATTEMPTS claims in all, a crash or a hang included. */
export const TAKE_IN_RETRY_AFTER_MS = 30_000;
export const TAKE_IN_MAX_ATTEMPTS = 5;

/**
 * Takes in the held mails supervisors asked for (POST /api/inbound-mails/:id/take-in): each request
 * is a row the API wrote with its audit entry; this claims it with a lease, reads the kept original
 * and hands it to the intake, which takes it in as a new mail but past the per-sender rate and the
 * noise rules, and marks the request taken in the ticket's own transaction. One request at a time
 * (each claim its own lease); a request claimed TAKE_IN_MAX_ATTEMPTS times is given up, also when
 * its mail crashed or hung the worker each time. Woken by NOTIFY from
 * the rows' trigger, and by a sweep (requests made while no worker ran, a lease run out). Runs on
 * workers with the mail role: they know which team each mailbox's tickets go to.
 */
@Injectable()
export class TakeInHeldMails implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TakeInHeldMails.name);
  private task?: PeriodicTask;
  private wakeups?: OutboxWakeups;
  private started = false;
  private destroyed = false;

  constructor(
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly takeIns: HeldMailTakeIns,
    private readonly intake: TakeInboundMail,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Optional() private readonly transports: MailIntake | null = null,
  ) {}

  /** Long enough for one mail on a loaded machine; a worker that dies holding it leaves it to run out. */
  private get leaseMs(): number {
    return Math.max(3 * this.config.worker.stalledIntervalMs, 3000);
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.worker.roles.has('mail')) return;
    this.task = new PeriodicTask('held mail take-ins', Math.min(5000, this.config.worker.sweepEverySeconds * 1000), async () => void (await this.sweep()), this.logger);
    // Not before the mailboxes' teams are known: a held mail's new ticket goes to its mailbox's team.
    void (this.transports?.routesReady ?? Promise.resolve()).then(() => {
      if (this.destroyed) return;
      this.started = true;
      this.task?.start(true);
    });
    this.wakeups = new OutboxWakeups(this.config.databaseUrl, 'firsthand_mail_take_ins', () => void (this.started && this.task?.runOnce()), this.logger);
    await this.wakeups.open();
  }

  /** Takes in every request due, one at a time; answers how many it took up. */
  async sweep(): Promise<number> {
    for (const mailId of await this.takeIns.giveUpExhausted(TAKE_IN_MAX_ATTEMPTS)) {
      this.logger.warn(`Held mail ${mailId} not taken in: given up after ${TAKE_IN_MAX_ATTEMPTS} attempts (its worker stopped or hung each time)`);
    }
    let total = 0;
    for (let request = await this.claim(); request; request = await this.claim()) {
      await this.takeIn(request);
      total++;
    }
    return total;
  }

  private claim(): Promise<ClaimedTakeIn | null> {
    return this.takeIns.claim(this.leaseMs, TAKE_IN_MAX_ATTEMPTS);
  }

  private async takeIn(request: ClaimedTakeIn): Promise<void> {
    const { mailId, originalKey, heldEnvelope, requestedBy } = request;
    // Erased meanwhile (the customer's data rights, which refuses the request itself), or deleted after MAIL_HELD_KEEP_DAYS: nothing to take in.
    if (!originalKey || !heldEnvelope) return this.takeIns.refuse(mailId, 'original_gone');
    try {
      const raw = await buffer(this.storage.read(originalKey));
      const outcome = await this.intake.takeHeldIn(raw, heldEnvelope, { mailId, originalKey, takenInBy: requestedBy });
      if (outcome.outcome === 'refused') {
        this.logger.warn(`Held mail ${mailId} not taken in (${outcome.refusal}): ${outcome.reason}`);
        await this.takeIns.refuse(mailId, outcome.refusal);
      } else {
        // Marked in the ticket's transaction; this marks it when another worker took the mail in first.
        await this.takeIns.takenElsewhere(mailId);
      }
    } catch (error) {
      this.logger.warn(`Held mail ${mailId} not taken in yet: ${(error as Error).message}; will retry`);
      await this.takeIns.failed(mailId, (error as Error).message, TAKE_IN_RETRY_AFTER_MS, TAKE_IN_MAX_ATTEMPTS);
    }
  }

  async onModuleDestroy(): Promise<void> {
    this.destroyed = true;
    await this.wakeups?.close();
    await this.task?.stop();
  }
}
