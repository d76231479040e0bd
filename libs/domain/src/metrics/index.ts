export * from './resolution-outcome.js';
export * from './duration-histogram.js';
export * from './rate-summary.js';
export * from './business-day.js';
export * from './sla-attainment.js';
export * from './metrics-grouping.js';
export * from './outcome-event-types.js';
