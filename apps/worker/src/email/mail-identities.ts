import type { MailSettings } from '@firsthand/config';
import { isOwnAddress, ticketCodeFromAddress } from '@firsthand/domain';

/** What a ticket's emails go out as: the From to use (null: the relay's default, NOTIFY_EMAIL_FROM) and the address its reply addresses are made from. */
export interface MailIdentity {
  from: string | null;
  replyBase: string;
}

/**
 * The addresses customers write to: the support address, and each mailbox's own (a brand's or a
 * team's, `IMAP_MAILBOXES[].address`). A ticket whose mail came in through a mailbox with its own
 * address is answered from that address, and every one of them takes replies by plus-address.
 */
export class MailIdentities {
  private readonly byMailbox = new Map<string, MailIdentity>();
  private readonly addresses: string[];

  constructor(private readonly mail: Pick<MailSettings, 'supportAddress' | 'ownAddresses' | 'mailboxes'>) {
    for (const mailbox of mail.mailboxes) {
      if (!mailbox.address) continue;
      const from = mailbox.fromName ? `"${mailbox.fromName}" <${mailbox.address}>` : mailbox.address;
      this.byMailbox.set(`imap:${mailbox.name}`, { from, replyBase: mailbox.address });
    }
    this.addresses = [mail.supportAddress, ...mail.mailboxes.flatMap((m) => (m.address ? [m.address] : []))];
  }

  /** `mailbox`: where the ticket's mail came in (`imap:<name>`, `smtp`), null for a ticket without mail. */
  forMailbox(mailbox: string | null): MailIdentity {
    return (mailbox && this.byMailbox.get(mailbox)) || { from: null, replyBase: this.mail.supportAddress };
  }

  /** The ticket code a recipient carries as the plus-address of one of our addresses. */
  codeIn(address: string): string | null {
    for (const ours of this.addresses) {
      const code = ticketCodeFromAddress(address, ours);
      if (code) return code;
    }
    return null;
  }

  /** One of ours (any of the addresses, their plus-addresses, MAIL_OWN_ADDRESSES): mail from it is a loop. */
  isOwn(address: string): boolean {
    return this.addresses.some((ours) => isOwnAddress(address, ours, this.mail.ownAddresses));
  }
}
