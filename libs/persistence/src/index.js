export * from './entities/agent.entity.js';
export * from './entities/customer.entity.js';
export * from './entities/idempotency-key.entity.js';
export * from './entities/message.entity.js';
export * from './entities/sla-policy.entity.js';
export * from './entities/team.entity.js';
export * from './entities/ticket-event.entity.js';
export * from './entities/ticket-watcher.entity.js';
export * from './entities/ticket.entity.js';
export * from './data-source-options.js';
export * from './sql-runner.js';
export * from './ticket-row.mapper.js';
export * from './ticket-store.js';
export * from './ticket-read-model.js';
export * from './sla-policy.reader.js';
//# sourceMappingURL=index.js.map