export * from './macro-store.js';
