export * from './live-channels.js';
export * from './live-events.js';
export * from './customer-stream.js';
export * from './live-publisher.js';
export * from './ticket-event-sequencer.js';
export * from './supervisor-metrics.broadcaster.js';
