export * from './ticket-row.mapper.js';
export * from './ticket-store.js';
export * from './ticket-read-model.js';
export * from './ticket-queries.js';
export * from './ticket-intake.js';
export * from './live-ticket-reader.js';
export * from './held-ticket-views.js';
