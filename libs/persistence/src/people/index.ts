export * from './team-roster.js';
export * from './assignees.js';
