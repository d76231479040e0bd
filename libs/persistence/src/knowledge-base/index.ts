export * from './article-store.js';
export * from './bot-answers.js';
