export * from './sla-escalation-ledger.js';
export * from './job-outbox.js';
export * from './notification-store.js';
export * from './webhook-endpoint-store.js';
