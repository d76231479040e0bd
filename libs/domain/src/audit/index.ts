export * from './audit-entry.js';
export * from './audit-masking.js';
export * from './audit-csv.js';
