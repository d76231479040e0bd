export * from './attachment-errors.js';
export * from './attachment-limits.js';
export * from './attachment-ref.js';
export * from './inline-display.js';
