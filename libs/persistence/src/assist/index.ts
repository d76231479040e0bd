export * from './assist-store.js';
