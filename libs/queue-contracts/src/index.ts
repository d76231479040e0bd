export * from './queue-names.js';
export * from './job-contracts.js';
