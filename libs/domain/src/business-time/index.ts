export * from './business-calendar.js';
export * from './business-clock.js';
