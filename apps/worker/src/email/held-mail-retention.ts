import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { HeldMailTakeIns, type HeldOriginalsCursor } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';

const EVERY_MS = 60 * 60_000;
const BATCH = 200;

/**
 * Held mail keeps its original for a supervisor to take in, but not for ever: every hour, the
 * originals of held mails older than MAIL_HELD_KEEP_DAYS that nobody took in (or is taking in) are
 * deleted where no other row needs the bytes, and the mails stay listed, no longer takeable, with
 * why. Several workers may run it at once: each mail is decided under its row lock.
 */
@Injectable()
export class HeldMailRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(HeldMailRetention.name);
  private task?: PeriodicTask;

  constructor(
    private readonly takeIns: HeldMailTakeIns,
    private readonly clock: Clock,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('maintenance')) return;
    this.task = new PeriodicTask('held mail retention', EVERY_MS, async () => void (await this.sweep()), this.logger).start(false);
  }

  async sweep(): Promise<number> {
    const days = this.config.mail.heldKeepDays;
    const before = new Date(this.clock.now().getTime() - days * 86_400_000);
    const note = `original deleted after ${days} days, so it cannot be taken in`;
    let total = 0;
    let after: HeldOriginalsCursor | null = null;
    do {
      const page: { forgotten: number; next: HeldOriginalsCursor | null } = await this.takeIns.forgetOldOriginals(before, BATCH, note, this.deleteBytes, after, this.failed);
      total += page.forgotten;
      after = page.next;
    } while (after !== null);
    if (total > 0) this.logger.log(`Deleted the originals of ${total} held mail(s) older than ${days} days`);
    return total;
  }

  /** One mail whose bytes cannot go now (a storage error) stays for the next sweep; the others go on. */
  private readonly failed = (mailId: string, error: unknown) =>
    this.logger.warn(`Held mail ${mailId}: its original was not deleted, tried again next time: ${error instanceof Error ? error.message : String(error)}`);

  /** Bytes someone stored again after the check (the same mail come in again) are theirs now, and stay. */
  private readonly deleteBytes = (key: string, checked: Date) => this.storage.delete(key, { unlessWrittenSince: checked });

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
