import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { LanguageModelCallLog } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';

const EVERY_MS = 60 * 60_000;

/**
 * Logged prompts hold customer text: every hour, calls past FIRSTHAND_LLM_CALL_LOG_RETENTION_DAYS
 * are deleted. Several workers may run it at once: each batch deletes what is still there.
 */
@Injectable()
export class LanguageModelCallRetention implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(LanguageModelCallRetention.name);
  private task?: PeriodicTask;

  constructor(
    private readonly calls: LanguageModelCallLog,
    private readonly clock: Clock,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('maintenance')) return;
    this.task = new PeriodicTask('language model call retention', EVERY_MS, async () => void (await this.sweep()), this.logger).start(false);
  }

  async sweep(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - this.config.languageModel.callLogRetentionDays * 86_400_000);
    let total = 0;
    for (let gone = -1; gone !== 0; total += gone) gone = await this.calls.deleteOlderThan(cutoff);
    if (total > 0) this.logger.log(`Deleted ${total} language model call(s) older than ${this.config.languageModel.callLogRetentionDays} days`);
    return total;
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
