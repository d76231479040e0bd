/** How a raw mail reached Firsthand. */
export interface MailEnvelope {
  /** 'smtp' or 'imap:<mailbox name>' */
  source: string;
  /** SMTP: the RCPT TO addresses. IMAP: empty (the server does not keep the envelope; read the headers). */
  recipients: string[];
  /** SMTP: the MAIL FROM address, '' for the null sender of a bounce. IMAP: null (unknown). */
  mailFrom: string | null;
  remoteAddress: string | null;
  helo: string | null;
}

export type InboundMailOutcome = { outcome: 'taken' } | { outcome: 'refused'; reason: string };

/** A mailbox's mail too large to download, as its server describes it (RFC822.SIZE and the envelope). */
export interface OversizeMail {
  /** Unique to this mail in its mailbox (name, UIDVALIDITY and UID), so two pollers record it once. */
  mailboxKey: string;
  sizeBytes: number;
  maxBytes: number;
  /** Without angle brackets; null when it has none. */
  messageId: string | null;
  fromAddress: string | null;
  subject: string | null;
}

/**
 * What the transports hand each raw mail to. 'taken': recorded (or already recorded: idempotent);
 * 'refused': permanently refused with a reason (the SMTP listener answers 5xx; the IMAP poller moves
 * it to the quarantine folder). Throwing = temporary failure: retry later (SMTP 4xx; IMAP leaves it in place).
 */
export interface InboundMailSink {
  accept(raw: Buffer, envelope: MailEnvelope): Promise<InboundMailOutcome>;
  /**
   * A mail over the size limit that was never downloaded: record the refusal with its reason (the
   * IMAP poller then moves it to the quarantine folder, where the whole mail stays). Throwing = try later.
   */
  refuseTooLarge(mail: OversizeMail, envelope: MailEnvelope): Promise<void>;
}

/** Where the transports report what they do; warnings are for an operator. */
export interface TransportLog {
  log(message: string): void;
  warn(message: string): void;
}

export const consoleTransportLog: TransportLog = {
  log: () => {},
  warn: (message) => console.warn(message),
};
