export * from './notification-store.js';
export * from './webhook-endpoint-store.js';
