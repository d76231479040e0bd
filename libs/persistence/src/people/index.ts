export * from './team-roster.js';
