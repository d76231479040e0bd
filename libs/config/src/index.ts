export * from './config-error.js';
export * from './firsthand-config.js';
export * from './config.module.js';
export * from './redis-deadline.js';
export * from './limit-settings.js';
export * from './sign-in-settings.js';
