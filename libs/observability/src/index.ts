export * from './queue-depth.gauge.js';
export * from './helpdesk-backlog.gauge.js';
export * from './worker-coverage.gauge.js';
