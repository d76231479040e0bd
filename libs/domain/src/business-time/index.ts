export * from './business-calendar.js';
export * from './business-clock.js';
export * from './ical-days.js';
export * from './calendar-definition.js';
export * from './calendar-problem-reasons.js';
