import type { FirsthandConfig } from '@firsthand/config';
import { rebuildMetricsInDatabase, type RebuildSummary } from '@firsthand/persistence';

/**
 * `npm run metrics:rebuild`: recomputes ticket_outcomes and resolution_rollups from ticket_events in
 * one transaction, with the configured windows and time zone (run it after changing either). Ticket
 * changes that would move the metrics wait until it commits; the rest of the API carries on.
 */
export function rebuildMetricsFromEvents(config: FirsthandConfig, now: Date = new Date()): Promise<RebuildSummary> {
  return rebuildMetricsInDatabase(config.databaseUrl, { windows: config.windows, timeZone: config.metricsTimeZone }, now);
}
