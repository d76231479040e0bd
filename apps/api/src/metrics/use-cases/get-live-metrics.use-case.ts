import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { dayKey, ratesOf } from '@firsthand/domain';
import {
  addCounts,
  emptyCounts,
  readAgentLoads,
  readBreachingTickets,
  readOpenTicketFigures,
  readRollupGroups,
  type AgentLoad,
  type BreachingTicket,
  type OpenTicketFigures,
} from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { Clock } from '../../clock.js';

export interface LiveMetrics {
  now: Date;
  timeZone: string;
  today: {
    day: string;
    resolved: number;
    firstResponderResolved: number;
    firstContactResolved: number;
    firstResponderResolutionRate: number | null;
    firstContactResolutionRate: number | null;
    provisional: number;
  };
  open: { total: number; unclaimed: number; byAge: Record<string, number> };
  breachingNow: OpenTicketFigures['breaching'] & { tickets: BreachingTicket[] };
  agents: AgentLoad[];
}

/** The supervisor's "right now": today's resolutions (every one counted as it commits), the open queue, breaches and load. */
@Injectable()
export class GetLiveMetrics {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly clock: Clock,
  ) {}

  async execute(): Promise<LiveMetrics> {
    const now = this.clock.now();
    const em = this.db.manager;
    const today = dayKey(now, this.config.metricsTimeZone);
    const [groups, open, breaching, agents] = await Promise.all([
      readRollupGroups(em, today, today, 'day'),
      readOpenTicketFigures(em, now),
      readBreachingTickets(em, now),
      readAgentLoads(em),
    ]);
    const counts = groups.reduce((sum, g) => addCounts(sum, g.counts), emptyCounts());
    const rates = ratesOf(counts);
    return {
      now,
      timeZone: this.config.metricsTimeZone,
      today: {
        day: today,
        resolved: counts.resolved,
        firstResponderResolved: counts.firstResponderResolved,
        firstContactResolved: counts.firstContactResolved,
        firstResponderResolutionRate: rates.firstResponderResolution,
        firstContactResolutionRate: rates.firstContactResolution,
        provisional: counts.provisional,
      },
      open: { total: open.open, unclaimed: open.unclaimed, byAge: open.byAge },
      breachingNow: { ...open.breaching, tickets: breaching },
      agents,
    };
  }
}
