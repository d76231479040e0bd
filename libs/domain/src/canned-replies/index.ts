export * from './canned-reply-template.js';
export * from './canned-reply-limits.js';
export * from './canned-reply-access.js';
export * from './canned-reply-errors.js';
