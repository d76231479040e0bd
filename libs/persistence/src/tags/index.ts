export * from './tag-suggestions.js';
