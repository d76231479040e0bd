export * from './team-roster.js';
export * from './assignees.js';
export * from './agent-store.js';
export * from './team-store.js';
export * from './demo-roster.js';
export * from './agent-change-feed.js';
export * from './agent-principals.js';
export * from './admin-board-sessions.js';
