export * from './live/live-publisher.js';
export * from './live/supervisor-metrics.broadcaster.js';
