#!/usr/bin/env node
// `npm run metrics:rebuild`: recomputes ticket_outcomes and resolution_rollups from ticket_events
// with the built command (dist/apps/api/apps/api/src/metrics/rebuild-metrics.js), with the metrics
// settings the API gets (FIRSTHAND_METRICS_TIME_ZONE, FIRSTHAND_REOPEN_WINDOW_DAYS,
// FIRSTHAND_REPEAT_CONTACT_WINDOW_DAYS). Which database and secret: scripts/lib/api-command.mjs.
import { runApiCommand } from './lib/api-command.mjs';

await runApiCommand('metrics:rebuild', 'metrics/rebuild-metrics.js');
