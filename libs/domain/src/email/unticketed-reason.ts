import type { NeverATicket } from './held-mail.js';

/**
 * Why a mail made no ticket, as a kind a page can word in its reader's language. The intake records
 * a reason in English for admins (with details such as the header that made it look automatic); the
 * reasons it writes are built here or start with the kind's word, so the kind is read back from it.
 */
export const UNTICKETED_REASON_KINDS = [
  'sender_rate', 'automatic', 'list', 'bounce', 'no_sender', 'own_address', 'agent_address', 'quoted_only',
  'too_large', 'too_many_recipients', 'too_many_parts', 'too_deep', 'malformed', 'unknown_charset', 'other',
] as const;
export type UnticketedReasonKind = (typeof UNTICKETED_REASON_KINDS)[number];

/** The recorded reasons of what must never be a ticket. */
export const NEVER_A_TICKET_REASONS: Record<NeverATicket, string> = {
  bounce: 'bounce',
  no_sender: 'no sender address',
  own_address: 'from one of our own addresses (a loop)',
  agent_address: "from an agent's address: agents answer in the console, not by mail",
};

export function senderRateReason(perSenderPerHour: number): string {
  return `more than ${perSenderPerHour} mails from this sender in an hour`;
}

export function quotedOnlyReason(ticketCode: string): string {
  return `a reply on ${ticketCode} with no text of its own (only the quoted history)`;
}

/** Noise reasons start with the mail's noise kind (`precedence: bulk`); unreadable ones with the refusal's (`too_large: …`). */
const BY_PREFIX: Array<[string, UnticketedReasonKind]> = [
  ['auto_submitted:', 'automatic'],
  ['precedence:', 'automatic'],
  ['auto_response_suppress:', 'automatic'],
  ['list:', 'list'],
  ['too_large:', 'too_large'],
  ['too_many_recipients:', 'too_many_recipients'],
  ['too_many_parts:', 'too_many_parts'],
  ['too_deep:', 'too_deep'],
  ['malformed:', 'malformed'],
  ['unknown_charset:', 'unknown_charset'],
  [NEVER_A_TICKET_REASONS.bounce, 'bounce'],
  [NEVER_A_TICKET_REASONS.no_sender, 'no_sender'],
  [NEVER_A_TICKET_REASONS.own_address, 'own_address'],
  [NEVER_A_TICKET_REASONS.agent_address, 'agent_address'],
];

export function unticketedReasonKind(reason: string | null): UnticketedReasonKind | null {
  if (reason === null) return null;
  for (const [prefix, kind] of BY_PREFIX) if (reason.startsWith(prefix)) return kind;
  if (/^more than \d+ mails from this sender in an hour/.test(reason)) return 'sender_rate';
  if (/^a reply on \S+ with no text of its own/.test(reason)) return 'quoted_only';
  return 'other';
}
