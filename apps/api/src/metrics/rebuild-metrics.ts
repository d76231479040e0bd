import 'reflect-metadata';
import { loadConfigOrExit } from '@firsthand/config';
import { rebuildMetricsFromEvents } from './rebuild-metrics.command.js';

const config = loadConfigOrExit();
const started = Date.now();
try {
  const summary = await rebuildMetricsFromEvents(config);
  console.log(
    `Rebuilt metrics from events in ${Date.now() - started} ms: ${summary.outcomes} resolved ticket(s), ` +
      `${summary.rollupRows} rollup row(s); zone ${config.metricsTimeZone}, windows ${config.windows.reopenDays}/${config.windows.repeatContactDays} days.`,
  );
} catch (error) {
  console.error(`Metrics rebuild failed, nothing changed: ${(error as Error).message}`);
  process.exitCode = 1;
}
