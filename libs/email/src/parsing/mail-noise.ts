import type { MailNoiseKind } from './read-mail.types.js';

/** The header facts that decide whether a mail is noise (no ticket, no auto-reply). */
export interface NoiseSignals {
  header(name: string): string | null;
  fromAddress: string | null;
  isDeliveryReport: boolean;
  reportType: string | null;
}

const NOISE_PRECEDENCE = /^(?:bulk|auto_reply|junk)$/;
const DAEMON_SENDER = /^(?:mailer-daemon|postmaster|mail-daemon|maildaemon)@/;

/**
 * Why a mail must open no ticket and get no auto-reply, or null when a person wrote it.
 * Bounces come first so that a bounce of our own notification is recognised as one (it also
 * carries Auto-Submitted). A mailing list (List-Id) or a newsletter (List-Unsubscribe) is noise
 * too: nobody there is a customer asking for help, and answering a list mails every member, the
 * classic loop. A support address that is itself a list must forward without these headers.
 */
export function noiseOf(mail: NoiseSignals): { kind: MailNoiseKind; reason: string } | null {
  if (mail.isDeliveryReport) return { kind: 'bounce', reason: 'multipart/report; report-type=delivery-status' };
  if (mail.fromAddress && DAEMON_SENDER.test(mail.fromAddress)) return { kind: 'bounce', reason: `sent by ${mail.fromAddress}` };

  // A list before the rest: its mail often says Precedence: list or bulk too, and a list's mail is
  // never held for a supervisor to take in (taken in, the list would be the customer, or be copied).
  if (mail.header('list-id') !== null) return { kind: 'list', reason: 'List-Id' };
  if (mail.header('list-unsubscribe') !== null) return { kind: 'list', reason: 'List-Unsubscribe' };
  const precedence = mail.header('precedence')?.trim().toLowerCase();
  if (precedence === 'list') return { kind: 'list', reason: 'Precedence: list' };

  const autoSubmitted = mail.header('auto-submitted')?.trim().toLowerCase();
  if (autoSubmitted && autoSubmitted.split(/[;(\s]/)[0] !== 'no') return { kind: 'auto_submitted', reason: `Auto-Submitted: ${autoSubmitted}` };
  if (mail.reportType) return { kind: 'auto_submitted', reason: `multipart/report; report-type=${mail.reportType}` };
  if (mail.header('return-path')?.replace(/\s/g, '') === '<>') return { kind: 'auto_submitted', reason: 'Return-Path: <> (a null sender: machine-made mail)' };

  if (precedence && NOISE_PRECEDENCE.test(precedence)) return { kind: 'precedence', reason: `Precedence: ${precedence}` };

  // Outlook and Exchange set it on out-of-office and other automatic mail: whatever its value,
  // the sender asks not to be answered automatically.
  const suppress = mail.header('x-auto-response-suppress')?.trim();
  if (suppress) return { kind: 'auto_response_suppress', reason: `X-Auto-Response-Suppress: ${suppress}` };

  return null;
}
