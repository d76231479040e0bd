import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './derived-keys.js';

/**
 * The customer's secret link to one ticket, derived from the ticket id with a server key: a retried
 * creation hands back the same token, and the worker can put the link in the customer's messages,
 * without the database ever holding it (only its SHA-256 is stored).
 */
export class TrackingTokenCodec {
  private readonly key: Buffer;

  constructor(rootSecret: string) {
    this.key = deriveKey(rootSecret, 'tracking-tokens');
  }

  forTicket(ticketId: string): string {
    return createHmac('sha256', this.key).update(`ticket\n${ticketId}`).digest('base64url');
  }

  /**
   * What an event's stored messages to its customer carry in place of the token, filled in as they
   * are sent. Keyed like the token, so no text a customer writes (a subject, a name quoted in the
   * message) can carry it: with one fixed slot, a subject naming it got the real token in its place,
   * inside a link of the writer's choosing.
   */
  slotFor(ticketId: string, eventId: string): string {
    return createHmac('sha256', this.key).update(`slot\n${ticketId}\n${eventId}`).digest('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  matches(token: string, storedHash: string): boolean {
    const candidate = Buffer.from(this.hash(token), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return candidate.length === stored.length && timingSafeEqual(candidate, stored);
  }
}

/** The link a customer opens: the token travels in the fragment, which browsers never send to servers or write to logs. */
export function trackingLink(publicBaseUrl: string, code: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/track/${encodeURIComponent(code)}#token=${token}`;
}
