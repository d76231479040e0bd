export * from './sla-policy.reader.js';
export * from './sla-escalation-ledger.js';
export * from './sla-policy-store.js';
