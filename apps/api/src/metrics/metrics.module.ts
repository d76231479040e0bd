import { Module } from '@nestjs/common';
import { MetricsController } from './metrics.controller.js';
import { GetFcrReport } from './use-cases/get-fcr-report.use-case.js';
import { GetLiveMetrics } from './use-cases/get-live-metrics.use-case.js';

/** Supervisor metrics: the reports. Outcomes and rollups are written by TicketStore with each ticket change. */
@Module({ controllers: [MetricsController], providers: [GetFcrReport, GetLiveMetrics] })
export class MetricsModule {}
