import { CHANNELS, type Channel, type FileNotAttached } from '@firsthand/domain';
import type { AttachmentView, InboundMailItem, TicketEventView } from '@firsthand/http-contracts';

/** How a customer's message came in: its ticket's channel for the opening one, email or the tracking page (mostly) for the rest. */
export type CameBy = Exclude<Channel, 'web'> | 'web_form' | 'tracking_page';

/** What the timeline says about a message beyond its text: how it came, its files, and for email its sender and mail. */
export interface MessageFacts {
  attachments: AttachmentView[];
  /** null for agents' replies and notes, other events, and a ticket an agent entered with no channel of its own. */
  cameBy: CameBy | null;
  /** The sender's address, only when it is not the customer's own. */
  otherSender: string | null;
  /** That sender is someone the customer copied on the ticket: their mail speaks for the customer's side. */
  copiedPerson: boolean;
  unverified: boolean;
  /** The mail it came from, for "Show original" (when its bytes were kept). */
  mail: InboundMailItem | null;
  /** The mail's files the intake did not attach, with why (the event's list: what the customer was told). */
  filesNotAttached: FileNotAttached[];
  /** The supervisor who took the mail in after it was held back; null for any other message. */
  takenInBy: string | null;
}

const NONE: MessageFacts = { attachments: [], cameBy: null, otherSender: null, copiedPerson: false, unverified: false, mail: null, filesNotAttached: [], takenInBy: null };

/** The opening mail has no message of its own (messageRef null); a continuing mail names the message it became. */
export function messageFacts(event: TicketEventView, customerEmail: string | null, mails: readonly InboundMailItem[]): MessageFacts {
  switch (event.type) {
    case 'created': {
      const byEmail = event.payload.channel === 'email';
      const mail = byEmail ? mails.find((m) => m.outcome === 'opened') ?? null : null;
      return {
        ...NONE,
        attachments: event.payload.attachments ?? [],
        cameBy: openedBy(event.payload.channel, event.actor.type),
        mail: mail?.hasOriginal ? mail : null,
        filesNotAttached: event.payload.filesNotAttached ?? [],
        takenInBy: event.payload.takenInBy?.name ?? null,
      };
    }
    case 'agent_replied':
    case 'internal_note_added':
      return { ...NONE, attachments: event.payload.attachments ?? [] };
    case 'customer_replied': {
      const { payload } = event;
      const byEmail = payload.channel === 'email';
      const from = payload.from?.trim() ?? '';
      const otherSender = byEmail && from && from.toLowerCase() !== (customerEmail ?? '').trim().toLowerCase() ? from : null;
      const mail = byEmail ? mails.find((m) => m.messageRef === payload.messageId) ?? null : null;
      return {
        attachments: payload.attachments ?? [],
        cameBy: answeredBy(payload.channel),
        otherSender,
        copiedPerson: otherSender !== null && payload.copiedPerson === true,
        unverified: payload.unverified === true,
        mail: mail?.hasOriginal ? mail : null,
        filesNotAttached: payload.filesNotAttached ?? [],
        takenInBy: payload.takenInBy?.name ?? null,
      };
    }
    default:
      return NONE;
  }
}

/**
 * The channel a ticket was opened through, as the timeline names it. "web" is the customer's form
 * only when the customer opened it: an agent entering a ticket (or a program through the API) gets
 * that channel by default, and it says nothing then. A channel the console does not know is not named.
 */
function openedBy(channel: string | undefined, openedByType: string): CameBy | null {
  if (channel === 'web') return openedByType === 'customer' ? 'web_form' : null;
  return knownChannel(channel);
}

/** A customer's later message: without a channel (or "web"), written on the tracking page. */
function answeredBy(channel: string | undefined): CameBy | null {
  return channel === undefined || channel === 'web' ? 'tracking_page' : knownChannel(channel);
}

/** Any of the domain's channels but "web", whose meaning depends on the message (above). */
function knownChannel(channel: string | undefined): CameBy | null {
  return channel !== 'web' && (CHANNELS as readonly string[]).includes(channel ?? '') ? (channel as Exclude<Channel, 'web'>) : null;
}

/** How many of the events came by email: the ticket's mail list is read again when it grows. */
export function emailMessageCount(events: readonly TicketEventView[]): number {
  return events.filter((e) => (e.type === 'created' || e.type === 'customer_replied') && e.payload.channel === 'email').length;
}
