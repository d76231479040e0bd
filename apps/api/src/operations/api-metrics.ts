import { Injectable } from '@nestjs/common';
import { WORKER_ROLES } from '@firsthand/config';
import { registerHelpdeskBacklog, registerQueueDepth, registerWorkerCoverage } from '@firsthand/observability';
import { HelpdeskBacklog, WorkerRoster } from '@firsthand/persistence';
import { collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import { QueueHandles } from './queue-handles.js';

/** The API's Prometheus registry: request rate and latency per route, queue depth, PostgreSQL's notification backlog, and the worker processes per role. */
@Injectable()
export class ApiMetrics {
  readonly registry = new Registry();
  readonly requests = new Histogram({
    name: 'firsthand_api_request_duration_seconds',
    help: 'HTTP requests by route and status',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  constructor(queues: QueueHandles, backlog: HelpdeskBacklog, roster: WorkerRoster) {
    collectDefaultMetrics({ register: this.registry, prefix: 'firsthand_api_' });
    registerQueueDepth(this.registry, () => queues.all);
    registerHelpdeskBacklog(this.registry, backlog);
    registerWorkerCoverage(this.registry, { coverage: () => roster.coverage(WORKER_ROLES) });
  }
}
