import type { NotificationItem } from '@firsthand/http-contracts';
import type { MessageKey } from '../shared/i18n/messages-en.js';

/** Where a message to the customer is: on its way, through to their provider, or stopped (and why). */
export type DeliveryState = 'sending' | 'sent' | 'retrying' | 'failed' | 'suppressed' | 'refused';

/** One email or SMS the customer was sent about an event, as the timeline says it under that event. */
export interface CustomerDelivery {
  id: string;
  channel: 'email' | 'sms';
  address: string;
  state: DeliveryState;
  /** When it was sent (sent), or when the next attempt is due (retrying). */
  at: string | null;
  /** Why it is not through: the provider's last answer (retrying, failed) or why it was held back (suppressed, refused); null once erased. */
  reason: string | null;
}

const CHANNEL_ORDER = { email: 0, sms: 1 } as const;

/** The state a notification's record stands for: a pending one that was tried already is retrying. */
export function deliveryState(n: Pick<NotificationItem, 'status' | 'attempts'>): DeliveryState {
  if (n.status === 'pending') return n.attempts > 0 ? 'retrying' : 'sending';
  return n.status;
}

/**
 * The customer's emails and SMS of each event, by its seq, the email first. Agents' notices and
 * webhooks are not the customer's; a notification of no event (none today) has nowhere to show.
 */
export function customerDeliveriesBySeq(items: readonly NotificationItem[]): Map<number, CustomerDelivery[]> {
  const bySeq = new Map<number, CustomerDelivery[]>();
  for (const n of items) {
    if (n.recipientType !== 'customer' || n.eventSeq === null || n.channel === 'webhook') continue;
    const state = deliveryState(n);
    const delivery: CustomerDelivery = {
      id: n.id,
      channel: n.channel,
      address: n.address,
      state,
      at: state === 'sent' ? n.sentAt : state === 'retrying' ? n.nextAttemptAt : null,
      reason: state === 'sending' || state === 'sent' ? null : n.lastError,
    };
    bySeq.set(n.eventSeq, [...(bySeq.get(n.eventSeq) ?? []), delivery]);
  }
  // The email first, then the SMS: planned together, they are stored in either order.
  for (const list of bySeq.values()) list.sort((a, b) => CHANNEL_ORDER[a.channel] - CHANNEL_ORDER[b.channel]);
  return bySeq;
}

/** The words of a delivery's state: with its reason when there is one (an erased customer's have none). */
export function deliveryStateKey(d: CustomerDelivery): MessageKey {
  switch (d.state) {
    case 'sending':
    case 'sent':
      return `delivery.state.${d.state}`;
    case 'retrying':
      return d.reason ? 'delivery.state.retrying' : 'delivery.state.retrying.noReason';
    case 'failed':
      return d.reason ? 'delivery.state.failed' : 'delivery.state.failed.noReason';
    case 'suppressed':
    case 'refused':
      return d.reason ? 'delivery.state.notSent' : 'delivery.state.notSent.noReason';
  }
}

/** 1 s after the first read, doubling, at most 15 s: also the wait after a read that failed. */
export function readBackoffMs(round: number): number {
  return Math.min(1000 * 2 ** Math.max(0, round), 15_000);
}

/** Reads after an event's own: the worker plans its messages just after the event commits, so the first read may come too soon. */
const READS_AFTER_AN_EVENT = 4;
/** A send still waiting after this many reads (about four and a half minutes) has no worker taking it soon: read once a minute. */
const QUICK_READS_WHILE_SENDING = 20;
const RETRY_READ_MARGIN_MS = 1000;
const LONGEST_WAIT_MS = 5 * 60_000;

/**
 * The wait before reading again after the `round`-th read (from 0) since the newest event, or null
 * to stop. While one is being sent: 1 s, doubling, at most 15 s (a minute once it has waited long).
 * While one only waits for its next attempt: until a second after the soonest is due (at least 1 s,
 * at most 5 minutes). Otherwise the first four rounds only (1, 2, 4, 8 s), the time a new event's
 * messages take to be planned.
 */
export function nextReadDelayMs(round: number, deliveries: Iterable<readonly CustomerDelivery[]>, now = Date.now()): number | null {
  const all = [...deliveries].flat();
  const backoff = readBackoffMs(round);
  if (all.some((d) => d.state === 'sending')) return round < QUICK_READS_WHILE_SENDING ? backoff : 60_000;
  const dueTimes = all.filter((d) => d.state === 'retrying' && d.at !== null).map((d) => Date.parse(d.at!));
  if (dueTimes.length > 0) return Math.min(Math.max(Math.min(...dueTimes) - now + RETRY_READ_MARGIN_MS, 1000), LONGEST_WAIT_MS);
  if (all.some((d) => d.state === 'retrying')) return backoff;
  return round < READS_AFTER_AN_EVENT ? backoff : null;
}
