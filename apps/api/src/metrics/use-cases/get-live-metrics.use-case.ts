import { Injectable } from '@nestjs/common';
import { MetricsReports } from '@firsthand/persistence';
import type { SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import { Clock } from '@firsthand/domain';

/**
 * The supervisor's "right now": today's resolutions (every one counted as it commits), the open
 * queue, breaches and load. The same figures `metrics.changed` pushes to /supervisors.
 */
@Injectable()
export class GetLiveMetrics {
  constructor(private readonly reports: MetricsReports, private readonly clock: Clock) {}

  execute(): Promise<SupervisorLiveMetrics> {
    return this.reports.live(this.clock.now());
  }
}
