export { readMail } from './read-mail.js';
export { fromAddressInHeader } from './mail-addresses.js';
export { MailRefused, tooLarge } from './read-mail.types.js';
export type { MailAddress, MailFile, MailLimits, MailNoiseKind, MailRefusalReason, ReadMail } from './read-mail.types.js';
export { authenticateMail } from './authenticate-mail.js';
export type { DnsResolver, MailAuthentication, SenderEnvelope } from './authenticate-mail.js';
export { cachingResolver, type DnsCacheOptions } from './caching-resolver.js';
