export * from './canned-reply-store.js';
