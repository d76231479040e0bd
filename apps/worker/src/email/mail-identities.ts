import { addressesCustomersWriteTo, type MailSettings } from '@firsthand/config';
import { isOwnAddress, ticketCodeFromAddress } from '@firsthand/domain';

/**
 * What a ticket's emails go out as: the From to use (null: the relay's default, NOTIFY_EMAIL_FROM)
 * and the address its reply addresses are made from, which is the address of ours the customer
 * wrote to (a brand's or team's own, else the support address), with its display name if it has one.
 */
export interface MailIdentity {
  from: string | null;
  replyBase: string;
  name: string | null;
}

/**
 * The addresses customers write to: the support address, each mailbox's own (a brand's or a
 * team's, `IMAP_MAILBOXES[].address`) and those that reach the SMTP listener (`MAIL_ADDRESSES`). A
 * ticket whose mail came in through a mailbox with its own address, or was sent to one of
 * MAIL_ADDRESSES, is answered from that address; every one of them takes replies by plus-address.
 */
export class MailIdentities {
  private readonly byMailbox = new Map<string, MailIdentity>();
  private readonly addresses: string[];

  constructor(private readonly mail: Pick<MailSettings, 'supportAddress' | 'ownAddresses' | 'mailboxes' | 'addresses'>) {
    const identity = (address: string, fromName: string | null): MailIdentity => ({ from: fromName ? `"${fromName}" <${address}>` : address, replyBase: address, name: fromName });
    for (const mailbox of mail.mailboxes) if (mailbox.address) this.byMailbox.set(`imap:${mailbox.name}`, identity(mailbox.address, mailbox.fromName));
    for (const { address, fromName } of mail.addresses) this.byMailbox.set(smtpSource(address), identity(address, fromName));
    this.addresses = addressesCustomersWriteTo(mail);
  }

  /**
   * Where a mail that reached the SMTP listener came in, by the first of its recipients that is one
   * of MAIL_ADDRESSES or a plus-address of one (`smtp:<address>`); plain `smtp` otherwise.
   */
  smtpSourceFor(recipients: readonly string[]): string {
    for (const recipient of recipients) {
      const found = this.mail.addresses.find(({ address }) => isOwnAddress(recipient, address));
      if (found) return smtpSource(found.address);
    }
    return 'smtp';
  }

  /** `mailbox`: where the ticket's mail came in (`imap:<name>`, `smtp`), null for a ticket without mail. */
  forMailbox(mailbox: string | null): MailIdentity {
    return (mailbox && this.byMailbox.get(mailbox)) || { from: null, replyBase: this.mail.supportAddress, name: null };
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

/** How a mail sent to one of MAIL_ADDRESSES is recorded as having come in (`inbound_mails.mailbox`). */
export const smtpSource = (address: string): string => `smtp:${address}`;
