import type { MailBounce } from './mail-bounce.js';
/** What Firsthand reads out of one raw inbound mail: the shape the intake works with. */

export interface MailAddress {
  /** Lower-cased. */
  address: string;
  name: string | null;
}

export interface MailFile {
  filename: string;
  contentType: string;
  bytes: Buffer;
  inline: boolean;
  contentId: string | null;
}

export type MailNoiseKind = 'auto_submitted' | 'precedence' | 'auto_response_suppress' | 'bounce' | 'list';

export interface ReadMail {
  /** Bare, without < >. */
  messageId: string | null;
  /** `mid:<messageId>` or, when missing, `sha256:<hex of the raw bytes>`. */
  dedupKey: string;
  inReplyTo: string[];
  references: string[];
  from: MailAddress | null;
  /**
   * The From names more than one mailbox, or the mail has more than one From: DMARC gives no verdict
   * on such a mail (RFC 7489 6.6.1), so its first address may be anyone's and it never counts as
   * the customer's own.
   */
  severalAuthors: boolean;
  replyTo: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  /** Decoded, trimmed. */
  subject: string;
  date: Date | null;
  /** What the customer wrote now: quoted history and signature removed. */
  newText: string;
  /** Nothing but quoted history or a signature: a reply that adds no text of its own. */
  quotedOnly: boolean;
  /** The whole text part (HTML reduced to safe plain text), for "show original". */
  fullText: string;
  /** From the content: Han characters make it zh-CN. */
  locale: 'zh-CN' | 'en';
  /** The first `MailLimits.maxFiles` of the mail's files. */
  files: MailFile[];
  /** The files past `maxFiles`, left unread: how many, and the names of the first few (for the customer and the owner). */
  filesLeftOut: { count: number; names: string[] };
  /** A mail that must not open a ticket nor get an auto-reply. */
  noise: { kind: MailNoiseKind; reason: string } | null;
  /** A delivery status notification and, when found, the Message-ID it bounces. */
  bounce: MailBounce | null;
  sizeBytes: number;
}

export interface MailLimits {
  maxBytes: number;
  maxRecipients: number;
  /** Files read from one mail; the rest are left out and named, the mail still taken. */
  maxFiles: number;
  maxPartDepth: number;
}

export type MailRefusalReason =
  | 'too_large'
  | 'too_many_recipients'
  | 'too_many_parts'
  | 'malformed'
  | 'unknown_charset'
  | 'too_deep';

/** The only error `readMail` throws: the mail is refused (to be quarantined with this reason). */
export class MailRefused extends Error {
  constructor(
    readonly reason: MailRefusalReason | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = 'MailRefused';
  }
}

/** The refusal of a mail over the size limit, whether it was read (the intake) or only its size was (the IMAP poller). */
export function tooLarge(sizeBytes: number, maxBytes: number): MailRefused {
  return new MailRefused('too_large', `The mail has ${sizeBytes} bytes, more than the ${maxBytes} allowed.`);
}
