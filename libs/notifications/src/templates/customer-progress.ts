import type { CustomerProgressKind, FileNotAttached } from '@firsthand/domain';
import type { ArticleExcerpt, MessageCopy } from './message-copy.js';

interface CustomerTicket {
  /** The public code, e.g. FH-7K3QX. */
  ticketCode: string;
  subject: string;
}

interface WithOwner extends CustomerTicket {
  agentName: string;
}

/** What each kind needs; leaving one out does not compile. */
export interface CustomerProgressVars {
  /** Nobody owns it yet: the promise is the first response. */
  received: CustomerTicket & { firstResponseBy: Date; filesNotAttached?: FileNotAttached[] };
  /** The bot answered at opening: the article, and the same first-response promise should they want a person. */
  automatic_answer: CustomerTicket & { firstResponseBy: Date; answer: ArticleExcerpt };
  claimed: WithOwner;
  /**
   * `claimedTicket`: this reply also made `agentName` the owner (no separate "now handling" email was sent).
   * `awaitingReply`: the same action set the ticket waiting for the customer (no separate "waiting for your reply" email was sent).
   */
  agent_replied: WithOwner & { replyBody: string; claimedTicket?: boolean; awaitingReply?: boolean };
  pending_customer: WithOwner;
  /** `resolution`: what the owner wrote the customer about how it was solved (the tracking page shows it too). `alreadyRated`: resolved again after the customer rated it; the rating stands (one a ticket), so none is asked for. */
  resolved: WithOwner & { alreadyRated: boolean; resolution?: string | null };
  /** `nextUpdateAt`: the next-update promise the reopen set (the button on the tracking page reopens with one too). */
  reopened: WithOwner & { nextUpdateAt?: Date | null };
  /** `reopened`: the customer's message this answers reopened their resolved issue (no separate "open again" email was sent). */
  next_update: WithOwner & { nextUpdateAt: Date; reopened?: boolean };
  closed: CustomerTicket;
  /** A mail's files that were refused (its type, its size, one too many), on a ticket already acknowledged. */
  files_not_attached: CustomerTicket & { files: FileNotAttached[] };
}

export interface CustomerCopyContext {
  /** For someone the customer copied (not the customer): nothing that only the customer can do (their tracking page, the rating). */
  copy: boolean;
  ratingUrl: string;
  /** The tracking page at the automatic answer's two buttons (a link only: the choice is the customer's press there). */
  automaticAnswerUrls: { solved: string; needPerson: string };
  /** Date and time in the customer's locale and the configured time zone. */
  time(at: Date): string;
  shortTime(at: Date): string;
}

/** A progress message's own words: its subject is the ticket's thread subject, the same for every message (see `threadSubject`). */
export interface CustomerCopy extends Omit<MessageCopy, 'subject'> {
  /** The SMS before the tracking link is added (and the text shortened to fit). */
  sms: string;
}

/** One locale's wording of every customer progress message. */
export type CustomerProgressCopybook = {
  trackAction: string;
  signature: string;
  /** The first line of a copied person's email: why they get it. */
  copyPreface: string;
  /**
   * Every email about one ticket has this subject, whatever it says: mail clients that group a
   * conversation by subject as well as by References (Gmail, Outlook) show one thread. What
   * happened is the first line of the text, which the inbox shows as the preview. "Re:" only when
   * `answering` (those clients thread without it): a ticket's first email answers nothing unless
   * the customer's mail opened the ticket.
   */
  threadSubject(ticketSubject: string, ticketCode: string, answering: boolean): string;
} & {
  [K in CustomerProgressKind]: (vars: CustomerProgressVars[K], context: CustomerCopyContext) => Omit<CustomerCopy, 'signature'>;
};
