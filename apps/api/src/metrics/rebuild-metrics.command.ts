import type { FirsthandConfig } from '@firsthand/config';
import { buildDataSourceOptions, rebuildMetrics, type RebuildSummary } from '@firsthand/persistence';
import { DataSource } from 'typeorm';

/**
 * `npm run metrics:rebuild`: recomputes ticket_outcomes and resolution_rollups from ticket_events in
 * one transaction, with the configured windows and time zone (run it after changing either). Ticket
 * changes that would move the metrics wait until it commits; the rest of the API carries on.
 */
export async function rebuildMetricsFromEvents(config: FirsthandConfig, now: Date = new Date()): Promise<RebuildSummary> {
  const db = new DataSource(buildDataSourceOptions(config.databaseUrl, 1, 'firsthand-metrics-rebuild'));
  await db.initialize();
  try {
    const [{ ready }] = await db.query(`SELECT to_regclass('resolution_rollups') IS NOT NULL AS ready`);
    if (!ready) throw new Error('The metrics tables do not exist yet: start the API once (it runs the migrations), then rebuild.');
    return await db.transaction((em) => rebuildMetrics(em, now, { windows: config.windows, timeZone: config.metricsTimeZone }));
  } finally {
    await db.destroy();
  }
}
