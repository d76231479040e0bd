export * from './inbound-mail.sink.js';
export { parseImapUrl, redactImapUrl, InvalidImapUrl, type ImapLocation } from './imap-url.js';
export { ImapMailboxPoller, type ImapMailboxSettings, type MailboxState } from './imap-mailbox.poller.js';
export { RecipientPolicy } from './recipient-policy.js';
export { SmtpIntakeListener, type SmtpIntakeSettings } from './smtp-intake.listener.js';
