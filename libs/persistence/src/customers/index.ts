export * from './customer-store.js';
export * from './customer-profiles.js';
