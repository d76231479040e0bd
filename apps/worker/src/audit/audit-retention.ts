import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock, SYSTEM_AUDIT_ACTOR } from '@firsthand/domain';
import { AuditLog } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';

const EVERY_MS = 60 * 60_000;
const BATCH = 5_000;
/** One sweep stops here and the next hour goes on, so a first run on a huge log holds no lock for long. */
const MAX_PER_SWEEP = 500_000;

/**
 * Deletes audit entries older than FIRSTHAND_AUDIT_RETENTION_DAYS, hourly, in batches, through the
 * database's `purge_audit_entries` (the one delete the append-only trigger allows), and records
 * that it did. Several workers may run it at once: each batch deletes what is still there.
 */
@Injectable()
export class AuditRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AuditRetention.name);
  private task?: PeriodicTask;

  constructor(
    private readonly log: AuditLog,
    private readonly clock: Clock,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('maintenance')) return;
    this.task = new PeriodicTask('audit retention', EVERY_MS, async () => void (await this.sweep()), this.logger).start(false);
  }

  async sweep(): Promise<number> {
    const days = this.config.audit.retentionDays;
    const before = new Date(this.clock.now().getTime() - days * 86_400_000);
    let total = 0;
    for (let removed = -1; removed !== 0 && total < MAX_PER_SWEEP; total += removed) removed = await this.log.purge(before, BATCH);
    if (total > 0) {
      this.logger.log(`Removed ${total} audit entr${total === 1 ? 'y' : 'ies'} older than ${days} days`);
      await this.log.append({
        actor: SYSTEM_AUDIT_ACTOR, origin: { address: null, userAgent: null, requestId: null },
        action: 'audit.purged', target: { type: 'audit_log', id: null, label: null }, after: { removed: total, before: before.toISOString(), retentionDays: days },
      });
    }
    return total;
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
