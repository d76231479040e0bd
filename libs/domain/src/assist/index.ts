export * from './resolution-article.js';
