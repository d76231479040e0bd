export * from './live/live-publisher.js';
export * from './live/supervisor-metrics.broadcaster.js';
export * from './committed-events.publisher.js';
export * from './ticket-writer.js';
export * from './ticketing.module.js';
export * from './ticket-opening.js';
