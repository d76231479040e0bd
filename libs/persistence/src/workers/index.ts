export * from './worker-roster.js';
