export * from './tag-limits.js';
export * from './tag-errors.js';
export * from './tag-normalising.js';
export * from './ticket-tags.js';
export * from './close-as-spam.js';
