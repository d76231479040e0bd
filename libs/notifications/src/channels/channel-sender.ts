import type { MailAddressees } from './mail-addressees.js';

/** What a channel sends. `to` is an email address, a phone number or a webhook URL. */
export interface OutboundMessage {
  /** The notification id: the same key on every attempt, so a re-send is recognisable downstream. */
  idempotencyKey: string;
  to: string;
  /** Email only: the recipient's name, written beside the address (`Ana Souza <ana@…>`), as a person's mail to them would be; left out when empty or the address itself. */
  toName?: string;
  subject?: string;
  text: string;
  html?: string;
  /** Email to a customer only: the headers that keep the conversation one thread in their mail client. */
  thread?: MailThreadHeaders;
  /** Email only: the sender, when not the channel's own (a ticket that came in through a brand's mailbox). */
  from?: string;
  /**
   * Email only: made by the system, not written by a person (RFC 3834's Auto-Submitted): an
   * acknowledgement of the customer's mail is `auto-replied`, any other notice `auto-generated`.
   * Vacation responders and other helpdesks do not answer such mail, which keeps loops from starting.
   */
  automatic?: 'auto-replied' | 'auto-generated';
  /** Email only: the people the headers show besides `to` (MailAddressees); the email still goes to `to` alone. */
  addressees?: MailAddressees;
  /** Email only: files to attach (an agent's public reply's). */
  attachments?: Array<{ filename: string; contentType: string; content: Buffer }>;
  /** Webhooks only: the event the body carries. */
  event?: WebhookEvent;
}

export interface MailThreadHeaders {
  /** The ticket's own address: a reply lands on the ticket whatever the client does to the subject. */
  replyTo: string;
  /** Bare Message-IDs (without angle brackets). */
  inReplyTo: string | null;
  references: string[];
}

export interface WebhookEvent {
  type: string;
  /** When it happened (not when it is sent): the body's `timestamp`. */
  occurredAt: Date;
  data: unknown;
}

export interface DeliveryReceipt {
  providerMessageId: string | null;
  responseCode: number | null;
}

export type NotificationChannel = 'email' | 'sms' | 'webhook';

export interface ChannelSender {
  readonly channel: NotificationChannel;
  /** Resolves when the provider accepted the message; rejects with `DeliveryFailed` otherwise. */
  send(message: OutboundMessage, signal?: AbortSignal): Promise<DeliveryReceipt>;
  close?(): Promise<void>;
}
