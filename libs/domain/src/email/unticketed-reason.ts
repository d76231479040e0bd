import type { MailSenderFacts, NeverATicket } from './held-mail.js';

/** Why a mail made no ticket, as a kind a page can word in its reader's language. */
export const UNTICKETED_REASON_KINDS = [
  'sender_rate', 'automatic', 'list', 'bounce', 'no_sender', 'own_address', 'agent_address', 'quoted_only',
  'too_large', 'too_many_recipients', 'too_many_parts', 'too_deep', 'malformed', 'unknown_charset', 'other',
] as const;
export type UnticketedReasonKind = (typeof UNTICKETED_REASON_KINDS)[number];

/**
 * Why a mail made no ticket, as the intake records it: its kind (a column of its own, which pages
 * word) and the words for admins, with details such as the header that made it look automatic.
 */
export interface UnticketedReason {
  kind: UnticketedReasonKind;
  text: string;
}

/** The recorded reasons of what must never be a ticket. */
export const NEVER_A_TICKET_REASONS: Record<NeverATicket, string> = {
  bounce: 'bounce',
  no_sender: 'no sender address',
  own_address: 'from one of our own addresses (a loop)',
  agent_address: "from an agent's address: agents answer in the console, not by mail",
};

export function neverATicketReason(never: NeverATicket): UnticketedReason {
  return { kind: never, text: NEVER_A_TICKET_REASONS[never] };
}

export function senderRateReason(perSenderPerHour: number): UnticketedReason {
  return { kind: 'sender_rate', text: `more than ${perSenderPerHour} mails from this sender in an hour` };
}

export function quotedOnlyReason(ticketCode: string): UnticketedReason {
  return { kind: 'quoted_only', text: `a reply on ${ticketCode} with no text of its own (only the quoted history)` };
}

/** Machine-looking mail, by the kind of noise the mail showed (`precedence: Precedence: bulk`). */
export function noiseReason(noise: NonNullable<MailSenderFacts['noiseKind']>, detail: string): UnticketedReason {
  const kind = noise === 'list' || noise === 'bounce' ? noise : 'automatic';
  return { kind, text: `${noise}: ${detail}` };
}

/** A bounce, of one of our notifications when it names one. */
export function bounceReason(notificationId: string | null): UnticketedReason {
  return { kind: 'bounce', text: notificationId ? `bounce of notification ${notificationId}` : NEVER_A_TICKET_REASONS.bounce };
}

const UNREADABLE: readonly UnticketedReasonKind[] = ['too_large', 'too_many_recipients', 'too_many_parts', 'too_deep', 'malformed', 'unknown_charset'];

/** Mail that could not be read, by the reader's refusal (`too_large: …`); a refusal no page words is 'other'. */
export function unreadableReason(refusal: string, message: string): UnticketedReason {
  const kind = UNREADABLE.find((k) => k === refusal) ?? 'other';
  return { kind, text: `${refusal}: ${message}` };
}
