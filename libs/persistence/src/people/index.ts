export * from './team-roster.js';
export * from './agent-change-feed.js';
export * from './agent-principals.js';
