export * from './segmenter.js';
export * from './search-terms.js';
export * from './highlight.js';
export * from './article-query.js';
export * from './search-periods.js';
export * from './search-prefixes.js';
