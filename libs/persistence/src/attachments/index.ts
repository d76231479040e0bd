export * from './attachment-row.js';
export * from './attachment-store.js';
export * from './stored-bytes-lock.js';
