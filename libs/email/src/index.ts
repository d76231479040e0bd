/** The email channel: reading mail (parsing, noise, authentication) and taking it in (IMAP, SMTP). */
export * from './parsing/index.js';
export * from './transports/index.js';
