import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { AttachmentStore } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';

const EVERY_MS = 15 * 60_000;

/**
 * Uploads nobody attached within 24 hours (a form abandoned after choosing a file) are removed, rows
 * and bytes, so the public upload route cannot fill the disk for good. Runs beside the API's storage:
 * the worker must see the same attachments directory (the Docker volume).
 */
@Injectable()
export class PendingUploadSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(PendingUploadSweeper.name);
  private task?: PeriodicTask;

  constructor(private readonly attachments: AttachmentStore, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('maintenance')) return;
    this.task = new PeriodicTask('pending upload sweep', EVERY_MS, async () => void (await this.sweep()), this.logger).start(false);
  }

  async sweep(): Promise<number> {
    let total = 0;
    for (let removed = -1; removed !== 0 && total < 50_000; total += removed) removed = await this.attachments.sweepPendingUploads();
    if (total > 0) this.logger.log(`Removed ${total} upload(s) never attached`);
    return total;
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
