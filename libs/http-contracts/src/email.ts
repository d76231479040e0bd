import type { TakeInRefusal, TakeInState, UnticketedReasonKind } from '@firsthand/domain';

/** A file of a mail that the intake would not attach (a lying extension, an executable, over a limit). */
export interface RefusedMailFile {
  filename: string;
  reason: string;
}

/** A mail Firsthand took in, as agents (their ticket's) and admins (the review list) see it. */
export interface InboundMailItem {
  id: string;
  /** `smtp`, `smtp:<address>` (one of MAIL_ADDRESSES) or `imap:<mailbox>`. */
  mailbox: string;
  /**
   * The address of ours it came in at, recorded as it was taken: a brand's or team's own
   * (MAIL_ADDRESSES, IMAP_MAILBOXES[].address) with its display name, else the support address;
   * the ticket's answers are sent from it. Null for mail recorded before it was kept.
   */
  ourAddress: { address: string; name: string | null } | null;
  messageId: string | null;
  from: string | null;
  subject: string | null;
  sizeBytes: number;
  /** opened a ticket, continued one, or was ignored (noise, loops) or quarantined (unreadable, over a limit, a flood). */
  outcome: 'opened' | 'continued' | 'ignored' | 'quarantined';
  /** In words, for admins: why it was ignored or quarantined, or which of its files were refused. */
  reason: string | null;
  /** Why it made no ticket, as a kind a page words in its reader's language (`other` for a reason without one); null when it made one. */
  reasonKind: UnticketedReasonKind | null;
  /** The files of an accepted mail that were not attached, each with why (in English); empty for the rest. */
  refusedFiles: RefusedMailFile[];
  ticketId: string | null;
  /** The timeline message it became (a continuing mail); null for an opening mail and for the rest. */
  messageRef: string | null;
  /** true: the sender's domain vouched for it (DMARC); false: it failed, or the sender is not the ticket's customer; null: no verdict. */
  verified: boolean | null;
  /** The sender checks as recorded (dkim, spf, dmarc: pass, fail, none, temperror …). */
  auth: { dkim?: string; spf?: string; dmarc?: string };
  /** Whether the original bytes are kept ("show original"). */
  hasOriginal: boolean;
  receivedAt: string;
  /** Held back though a person may have written it: for its sender's hourly rate, or as automatic mail (Precedence, Auto-Submitted …); null otherwise. */
  heldFor: 'sender_rate' | 'noise' | null;
  /** Whether a supervisor may take it in now (`POST /api/inbound-mails/:id/take-in`): held, its original kept, not being taken in. */
  canTakeIn: boolean;
  /**
   * A take-in asked for: under way, done (then `ticketId` is set), refused by the worker with why (a
   * kind, worded by the page; the details are in the worker's log), or given up after failures that
   * may pass (then it may be asked again); null when none was.
   */
  takeIn: { state: TakeInState; refusedReason: TakeInRefusal | null } | null;
}

/** `POST /api/inbound-mails/:id/take-in`: the request is recorded; a worker takes the mail in shortly. */
export interface MailTakeInAnswer {
  mailId: string;
  state: 'requested';
}

/** `GET /api/tickets/:id/mails`: the ticket's mails, oldest first. */
export interface TicketMailList {
  items: InboundMailItem[];
}

/** Someone the customer copied on their mail: our answers to the customer are copied to them. */
export interface CopiedPersonItem {
  address: string;
  name: string | null;
  addedAt: string;
}

/** `GET /api/tickets/:id/copied-people`: oldest first, at most 10. */
export interface CopiedPeopleList {
  items: CopiedPersonItem[];
}

/** `GET /api/tickets/:id/mails/:mailId`: one mail read again from its original, whole. */
export interface InboundMailOriginal extends InboundMailItem {
  to: string[];
  cc: string[];
  date: string | null;
  /** The whole text, quoted history and signature included (HTML reduced to plain text). */
  fullText: string;
  files: Array<{ filename: string; contentType: string; sizeBytes: number }>;
}

/** `GET /api/inbound-mails`: newest first; `nextCursor` asks for the next page. */
export interface InboundMailPage {
  items: InboundMailItem[];
  nextCursor: string | null;
}
