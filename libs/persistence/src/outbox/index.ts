export * from './live-outbox.js';
export * from './job-outbox.js';
