export * from './grounding-articles.js';
export * from './personal-data.js';
export * from './language-model-prompt.js';
