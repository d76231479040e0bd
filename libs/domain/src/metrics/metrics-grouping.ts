/** How a supervisor may group the figures; `agent` is the first responder. */
export const METRICS_GROUPINGS = ['agent', 'team', 'channel', 'tier', 'day', 'week'] as const;
export type MetricsGrouping = (typeof METRICS_GROUPINGS)[number];
