import type { MetricsGrouping } from '@firsthand/domain';
import type { SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { readLiveMetrics } from './live-metrics.reader.js';
import { METRICS_SETTINGS, type MetricsSettings } from './metrics-settings.js';
import { readRollupGroups, type RollupGroup } from './resolution-rollups.reader.js';

/** The supervisors' reports, read through the process's pool in the configured metrics time zone. */
@Injectable()
export class MetricsReports {
  constructor(@InjectDataSource() private readonly db: DataSource, @Inject(METRICS_SETTINGS) private readonly settings: MetricsSettings) {}

  /** Rollups of local days `from`..`to` (inclusive) per group. */
  rollupGroups(from: string, to: string, groupBy: MetricsGrouping): Promise<RollupGroup[]> {
    return readRollupGroups(this.db.manager, from, to, groupBy);
  }

  live(now: Date): Promise<SupervisorLiveMetrics> {
    return readLiveMetrics(this.db.manager, now, this.settings.timeZone);
  }
}
