export * from './notification-record.js';
export * from './notification-store.js';
export * from './notification-log.js';
export * from './notification-audience.js';
export * from './webhook-endpoint-store.js';
