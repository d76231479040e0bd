import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { LanguageModelCallLog } from '@firsthand/persistence';

const HOUR_MS = 3_600_000;

/** Logged prompts hold customer text: at start and every hour, calls past the retention period are deleted. */
@Injectable()
export class LanguageModelCallRetention implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LanguageModelCallRetention');
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly calls: LanguageModelCallLog,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), HOUR_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async sweep(): Promise<number> {
    const cutoff = new Date(Date.now() - this.config.languageModel.callLogRetentionDays * 86_400_000);
    let total = 0;
    try {
      let gone: number;
      do {
        gone = await this.calls.deleteOlderThan(cutoff);
        total += gone;
      } while (gone > 0);
    } catch (error) {
      this.logger.warn(`Expired language model calls not deleted: ${(error as Error).message}`);
    }
    return total;
  }
}
