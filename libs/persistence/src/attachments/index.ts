export * from './attachment-row.js';
export * from './attachment-store.js';
