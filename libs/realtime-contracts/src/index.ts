export * from './live-channels.js';
export * from './live-events.js';
export * from './customer-stream.js';
export * from './ticket-event-sequencer.js';
