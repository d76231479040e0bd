import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { FIRSTHAND_CONFIG, WORKER_ROLES, type FirsthandConfig } from '@firsthand/config';
import { WORKER_CHECK_IN_EVERY_MS, WORKER_GONE_AFTER_MS, type WorkerCoverage } from '@firsthand/domain';
import { WorkerRoster } from '@firsthand/persistence';
import { PeriodicTask } from './periodic-task.js';

/** What waits while no process runs a role, for the warning. */
const WHAT_WAITS: Record<string, string> = {
  relays: 'live updates and committed events stay in PostgreSQL’s outboxes',
  events: 'no notification is planned and no SLA timer set for new ticket events',
  timers: 'no SLA warning or escalation fires',
  deliveries: 'no email, SMS or webhook is sent',
  mail: 'no inbound mail is taken in',
  maintenance: 'settled tickets are not closed and customer data requests wait',
};

/**
 * Puts this process on the worker roster (PostgreSQL) with its roles, every 15 s, and takes it off
 * when it stops; in every process, whatever its roles. After a grace of three check-ins (the other
 * processes of a deployment may start later), it warns once when a role has no living process and
 * says when one runs it again: nothing else would, since that work only waits.
 */
@Injectable()
export class WorkerCheckIn implements OnApplicationBootstrap, OnModuleDestroy, BeforeApplicationShutdown {
  private readonly logger = new Logger('WorkerRoster');
  readonly id = randomUUID();
  private readonly startedAt = new Date();
  private task?: PeriodicTask;
  private uncovered = new Set<string>();
  /** The coverage the last check-in read, for /metrics without another query. */
  last: WorkerCoverage | null = null;

  constructor(
    private readonly roster: WorkerRoster,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.task = new PeriodicTask('worker roster check-in', WORKER_CHECK_IN_EVERY_MS, () => this.checkIn(), this.logger).start();
  }

  /** One check-in; `at` is this process's time, to judge the grace by (a test moves it on). */
  async checkIn(at = Date.now()): Promise<void> {
    await this.roster.checkIn({ id: this.id, hostname: hostname(), pid: process.pid, roles: [...this.config.worker.roles], startedAt: this.startedAt });
    const coverage = await this.roster.coverage(WORKER_ROLES);
    this.last = coverage;
    if (at - this.startedAt.getTime() < WORKER_GONE_AFTER_MS) return;
    const now = new Set(coverage.uncovered);
    for (const role of now) {
      if (!this.uncovered.has(role)) this.logger.warn(`No worker process runs the role "${role}" (WORKER_ROLES): ${WHAT_WAITS[role] ?? 'its work waits'} until one does; nothing is lost meanwhile`);
    }
    for (const role of this.uncovered) {
      if (!now.has(role)) this.logger.log(`The role "${role}" is run again (${coverage.roles.find((r) => r.role === role)?.processes ?? 0} process(es))`);
    }
    this.uncovered = now;
  }

  async onModuleDestroy(): Promise<void> {
    await this.task?.stop();
  }

  /** After this process's work stopped (onModuleDestroy), before PostgreSQL's connections close. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.roster.checkOut(this.id).catch((error: Error) => this.logger.warn(`could not leave the worker roster: ${error.message}`));
  }
}
