export * from './language-model-call-log.js';
export * from './ticket-thread.js';
