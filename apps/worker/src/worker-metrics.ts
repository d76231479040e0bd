import { createServer, type Server } from 'node:http';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { registerHelpdeskBacklog, registerQueueDepth, registerWorkerCoverage } from '@firsthand/observability';
import { HelpdeskBacklog } from '@firsthand/persistence';
import { QueueName } from '@firsthand/queue-contracts';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';
import { registerMailboxMetrics } from './email/mailbox-metrics.js';
import { MailIntake } from './email/mail-intake.js';
import { JobProducer } from './queues/job-producer.js';
import { WorkerCheckIn } from './worker-check-in.js';

/**
 * Prometheus metrics of one worker process: job throughput, failures, run time and lateness (how
 * long after its due time a job started: the SLA timers' promise is "to the second"), plus queue
 * depth, PostgreSQL's backlog, each IMAP mailbox's poller and the living processes per role. Served on WORKER_METRICS_PORT when set.
 */
@Injectable()
export class WorkerMetrics implements OnApplicationBootstrap, OnApplicationShutdown {
  readonly registry = new Registry();
  private readonly logger = new Logger(WorkerMetrics.name);
  private readonly jobs = new Counter({ name: 'firsthand_worker_jobs_total', help: 'Jobs run, by outcome', labelNames: ['queue', 'name', 'outcome'], registers: [this.registry] });
  private readonly duration = new Histogram({
    name: 'firsthand_worker_job_duration_seconds',
    help: 'Time a handler ran',
    labelNames: ['queue', 'name'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });
  private readonly lateness = new Histogram({
    name: 'firsthand_worker_job_lateness_seconds',
    help: 'Time from when a job was due (added + delay) to when a worker started it',
    labelNames: ['queue', 'name'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  private server?: Server;
  port: number | null = null;

  constructor(@Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig, backlog: HelpdeskBacklog, producer: JobProducer, mail: MailIntake, checkIn: WorkerCheckIn) {
    collectDefaultMetrics({ register: this.registry, prefix: 'firsthand_worker_' });
    registerQueueDepth(this.registry, () => Object.values(QueueName).map((name) => producer.queue(name)));
    registerHelpdeskBacklog(this.registry, backlog);
    registerMailboxMetrics(this.registry, () => mail.mailboxStates());
    // What this process's last check-in read: a scrape costs no query, and is at most 15 s old.
    registerWorkerCoverage(this.registry, { coverage: async () => checkIn.last ?? { roles: [] } });
  }

  /** Returns the function that records how the job ended. */
  jobStarted(queue: string, name: string, addedAt: number, delayMs: number): (outcome: 'completed' | 'failed') => void {
    this.lateness.observe({ queue, name }, Math.max(0, Date.now() - addedAt - delayMs) / 1000);
    const stop = this.duration.startTimer({ queue, name });
    return (outcome) => {
      stop();
      this.jobs.inc({ queue, name, outcome });
    };
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.worker.metricsPort === null) return;
    this.server = createServer((req, res) => {
      if (req.method !== 'GET' || req.url !== '/metrics') {
        res.writeHead(404).end();
        return;
      }
      this.registry
        .metrics()
        .then((body) => res.writeHead(200, { 'content-type': this.registry.contentType }).end(body))
        .catch((error: Error) => res.writeHead(500).end(error.message));
    });
    await new Promise<void>((resolve) => this.server!.listen(this.config.worker.metricsPort!, this.config.worker.metricsHost, resolve));
    const address = this.server.address();
    this.port = typeof address === 'object' && address ? address.port : null;
    this.logger.log(`Prometheus metrics on http://${this.config.worker.metricsHost}:${this.port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
