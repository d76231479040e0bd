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

/**
 * What the transports hand each raw mail to. 'taken': recorded (or already recorded: idempotent);
 * 'refused': permanently refused with a reason (the SMTP listener answers 5xx; the IMAP poller moves
 * it to the quarantine folder). Throwing = temporary failure: retry later (SMTP 4xx; IMAP leaves it in place).
 */
export interface InboundMailSink {
  accept(raw: Buffer, envelope: MailEnvelope): Promise<InboundMailOutcome>;
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
