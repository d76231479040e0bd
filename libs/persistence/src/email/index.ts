export * from './inbound-mail-log.js';
export * from './mail-threads.js';
