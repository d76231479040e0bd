export * from './queue-depth.gauge.js';
export * from './helpdesk-backlog.gauge.js';
