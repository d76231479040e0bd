import { Module } from '@nestjs/common';
import { AdminSessionController } from './admin-session.js';
import { ApiMetrics } from './api-metrics.js';
import { PrometheusController } from './prometheus.controller.js';
import { QueueHandles } from './queue-handles.js';
import { WorkerRosterController } from './worker-roster.controller.js';

@Module({ controllers: [PrometheusController, AdminSessionController, WorkerRosterController], providers: [QueueHandles, ApiMetrics], exports: [QueueHandles, ApiMetrics] })
export class OperationsModule {}
