import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { MetricsGrouping } from '@firsthand/domain';
import type { FcrGroup, FcrReport } from '@firsthand/http-contracts';
import { addCounts, BotFiguresReader, emptyCounts, MetricsReports } from '@firsthand/persistence';
import { calendarKeys, emptyFigures, figuresOf } from '../fcr-figures.js';

/** Both resolution rates and their companions per group, from the rollups of the local days asked for. */
@Injectable()
export class GetFcrReport {
  constructor(private readonly reports: MetricsReports, private readonly bot: BotFiguresReader, @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig) {}

  async execute(from: string, to: string, groupBy: MetricsGrouping): Promise<FcrReport> {
    const rows = await this.reports.rollupGroups(from, to, groupBy);
    let groups: FcrGroup[] = rows.map((row) => ({ key: row.key, name: row.name, ...figuresOf(row.counts) }));
    if (groupBy === 'day' || groupBy === 'week') {
      const byKey = new Map(groups.map((g) => [g.key, g]));
      groups = calendarKeys(from, to, groupBy).map((key) => byKey.get(key) ?? { key, name: null, ...emptyFigures() });
    }
    return {
      from,
      to,
      groupBy,
      timeZone: this.config.metricsTimeZone,
      windows: { ...this.config.windows },
      groups,
      total: figuresOf(rows.reduce((sum, row) => addCounts(sum, row.counts), emptyCounts())),
      botAndSelfService: await this.bot.forDays(from, to, this.config.metricsTimeZone),
    };
  }
}
