import { Inject, Module } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { configureMetrics } from '@firsthand/persistence';
import { MetricsController } from './metrics.controller.js';
import { GetFcrReport } from './use-cases/get-fcr-report.use-case.js';
import { GetLiveMetrics } from './use-cases/get-live-metrics.use-case.js';

/**
 * Supervisor metrics. Outcomes and rollups are written by TicketStore with each ticket change; this
 * module gives it the configured windows and time zone, and serves the reports.
 */
@Module({ controllers: [MetricsController], providers: [GetFcrReport, GetLiveMetrics] })
export class MetricsModule {
  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    configureMetrics({ windows: config.windows, timeZone: config.metricsTimeZone });
  }
}
