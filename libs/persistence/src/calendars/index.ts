export * from './calendar-store.js';
export * from './sla-calendar.reader.js';
export * from './sla-replans.js';
export { ALWAYS_OPEN_CALENDAR_ID } from '../migrations/1763801400000-business-calendars.js';
export * from './sla-calendars.js';
