import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { Clock } from '@firsthand/domain';
import { CustomerErasures, CustomerExports } from '@firsthand/persistence';
import { PeriodicTask } from '../periodic-task.js';
import { EraseCustomer } from './erase-customer.js';
import { WriteCustomerExport } from './write-customer-export.js';

const MAX_EXPORT_ATTEMPTS = 3;
const BATCH = 10;

/**
 * Exports and erasures of customer data. Their rows in PostgreSQL are the jobs: the API's insert is
 * the whole hand-over (nothing to lose between a commit and a queue), and each worker claims one
 * with a lease. A worker that dies leaves its lease to run out; the next sweep of any worker,
 * including a worker just started, takes the work up where the row says it stopped.
 */
@Injectable()
export class CustomerDataJobs implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(CustomerDataJobs.name);
  private task?: PeriodicTask;

  constructor(
    private readonly exports: CustomerExports,
    private readonly erasures: CustomerErasures,
    private readonly writeExport: WriteCustomerExport,
    private readonly erase: EraseCustomer,
    private readonly clock: Clock,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** Long enough for a step on a loaded machine; renewed before every step. */
  private get leaseMs(): number {
    return Math.max(3 * this.config.worker.stalledIntervalMs, 3000);
  }

  onApplicationBootstrap(): void {
    if (!this.config.worker.roles.has('maintenance')) return;
    this.task = new PeriodicTask('customer data jobs', this.config.worker.sweepEverySeconds * 1000, () => this.sweep(), this.logger).start(true);
  }

  async sweep(): Promise<void> {
    // A bounded number a sweep, so expired exports are deleted even while work keeps coming.
    for (let n = 0, erasure = await this.erasures.claim(this.leaseMs); erasure && n < BATCH; n++, erasure = n < BATCH ? await this.erasures.claim(this.leaseMs) : null) {
      try {
        await this.erase.run(erasure, this.leaseMs);
      } catch (error) {
        // The lease is let go: the next sweep runs the step again.
        this.logger.warn(`Erasure ${erasure.id} stopped: ${(error as Error).message}; will resume`);
        await this.erasures.stepFailed(erasure.id, (error as Error).message);
        break;
      }
    }
    for (let n = 0, request = await this.exports.claim(this.leaseMs); request && n < BATCH; n++, request = n < BATCH ? await this.exports.claim(this.leaseMs) : null) {
      try {
        await this.writeExport.run(request);
      } catch (error) {
        this.logger.warn(`Export ${request.id} failed: ${(error as Error).message}`);
        await this.exports.markFailed(request.id, (error as Error).message, MAX_EXPORT_ATTEMPTS);
      }
    }
    const dir = resolve(this.config.dataRights.exportsDir);
    for (const gone of await this.exports.expired(this.clock.now())) {
      await rm(join(dir, `${gone.id}.zip`), { force: true });
      await this.exports.markGone(gone.id, 'expired');
    }
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }
}
