export * from './article-store.js';
