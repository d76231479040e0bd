export * from './article-rules.js';
export * from './article-html.js';
export * from './standard-question-bot.js';
