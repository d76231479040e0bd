export * from './macro.js';
export * from './macro-errors.js';
export * from './macro-definition.js';
export * from './macro-access.js';
export * from './apply-macro.js';
