export * from './inbound-mail-log.js';
export * from './mail-threads.js';
export * from './oauth2-refresh-token-store.js';
export * from './ticket-copied-people.js';
export * from './held-mail-take-ins.js';
