export * from './job-outbox.js';
export * from './live-outbox.js';
export * from './outbox-wakeups.js';
