import type { NotificationItem } from '@firsthand/http-contracts';

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
  /** The provider's last answer, for one that is retrying or failed. */
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
      reason: state === 'retrying' || state === 'failed' ? n.lastError : null,
    };
    bySeq.set(n.eventSeq, [...(bySeq.get(n.eventSeq) ?? []), delivery]);
  }
  // The email first, then the SMS: planned together, they are stored in either order.
  for (const list of bySeq.values()) list.sort((a, b) => CHANNEL_ORDER[a.channel] - CHANNEL_ORDER[b.channel]);
  return bySeq;
}

/** Whether any of them may still change without a new event: the console reads them again while one is on its way. */
export function anyOnItsWay(deliveries: Iterable<readonly CustomerDelivery[]>): boolean {
  for (const list of deliveries) if (list.some((d) => d.state === 'sending' || d.state === 'retrying')) return true;
  return false;
}

/** Reads after an event's own: the worker plans its messages just after the event commits, so the first read may come too soon. */
const READS_AFTER_AN_EVENT = 4;

/**
 * The wait before reading again after the `round`-th read (from 0) since the newest event, or null
 * to stop: 1 s, doubling, at most 15 s; kept up while something is on its way, otherwise for the
 * first four rounds only (15 s in all), the time a new event's messages take to be planned and sent.
 */
export function nextReadDelayMs(round: number, onItsWay: boolean): number | null {
  if (!onItsWay && round >= READS_AFTER_AN_EVENT) return null;
  return Math.min(1000 * 2 ** Math.max(0, round), 15_000);
}
