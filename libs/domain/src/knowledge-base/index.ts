export * from './article-rules.js';
export * from './article-html.js';
