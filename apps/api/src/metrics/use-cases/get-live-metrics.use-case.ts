import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { readLiveMetrics } from '@firsthand/persistence';
import type { SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import type { DataSource } from 'typeorm';
import { Clock } from '@firsthand/domain';

/**
 * The supervisor's "right now": today's resolutions (every one counted as it commits), the open
 * queue, breaches and load. The same figures `metrics.changed` pushes to /supervisors.
 */
@Injectable()
export class GetLiveMetrics {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly clock: Clock,
  ) {}

  execute(): Promise<SupervisorLiveMetrics> {
    return readLiveMetrics(this.db.manager, this.clock.now(), this.config.metricsTimeZone);
  }
}
