export * from './customer-store.js';
export * from './customer-profiles.js';
export * from './customer-exports.js';
export * from './customer-erasures.js';
export * from './customer-data-reader.js';
