export * from './ticket-search-index.js';
export * from './ticket-search.reader.js';
