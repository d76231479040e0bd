export * from './ticket-search-index.js';
export * from './ticket-search.reader.js';
export * from './saved-view-store.js';
export * from './rebuild-search-index.js';
export * from './search-connections.js';
