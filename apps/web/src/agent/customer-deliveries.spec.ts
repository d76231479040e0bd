import type { NotificationItem } from '@firsthand/http-contracts';
import { anyOnItsWay, customerDeliveriesBySeq, deliveryState, nextReadDelayMs } from './customer-deliveries.js';

const item = (over: Partial<NotificationItem>): NotificationItem => ({
  id: 'n1', ticketId: 't', ticketCode: 'FH-AAAAA', eventSeq: 2, kind: 'agent_replied', recipientType: 'customer', recipientName: 'Mei Chen',
  channel: 'email', address: 'mei@example.com', status: 'sent', attempts: 1, maxAttempts: 5, retryRound: 0, lastError: null,
  nextAttemptAt: null, sentAt: '2026-12-06T10:00:01.000Z', createdAt: '2026-12-06T10:00:00.000000Z', ...over,
});

describe('customer deliveries in the timeline', () => {
  it('tells a first send from a retry: both are pending, only the retry was tried', () => {
    expect(deliveryState({ status: 'pending', attempts: 0 })).toBe('sending');
    expect(deliveryState({ status: 'sending', attempts: 1 })).toBe('sending');
    expect(deliveryState({ status: 'pending', attempts: 1 })).toBe('retrying');
    expect(deliveryState({ status: 'failed', attempts: 5 })).toBe('failed');
    expect(deliveryState({ status: 'refused', attempts: 0 })).toBe('refused');
  });

  it('puts the customer\'s emails and SMS under their event, the email first, with when and why, and leaves agents\' and webhooks\' out', () => {
    const bySeq = customerDeliveriesBySeq([
      item({ id: 'ack', eventSeq: 1, kind: 'received' }),
      item({ id: 'agent', eventSeq: 2, recipientType: 'agent', address: 'li@firsthand.local' }),
      item({ id: 'hook', eventSeq: 2, recipientType: 'endpoint', channel: 'webhook', address: 'https://hooks.example' }),
      item({ id: 'sms', eventSeq: 2, channel: 'sms', address: '+8613800000777', status: 'failed', attempts: 2, lastError: 'deferred: 503', sentAt: null }),
      item({ id: 'mail', eventSeq: 2, status: 'pending', attempts: 2, lastError: 'deferred: 451 try later', nextAttemptAt: '2026-12-06T10:01:00.000Z', sentAt: null }),
      item({ id: 'none', eventSeq: null }),
    ]);
    expect([...bySeq.keys()]).toEqual([1, 2]);
    expect(bySeq.get(1)).toEqual([{ id: 'ack', channel: 'email', address: 'mei@example.com', state: 'sent', at: '2026-12-06T10:00:01.000Z', reason: null }]);
    expect(bySeq.get(2)).toEqual([
      { id: 'mail', channel: 'email', address: 'mei@example.com', state: 'retrying', at: '2026-12-06T10:01:00.000Z', reason: 'deferred: 451 try later' },
      { id: 'sms', channel: 'sms', address: '+8613800000777', state: 'failed', at: null, reason: 'deferred: 503' },
    ]);
  });

  it('reads again for 15 s after an event, and on while something is on its way, 1 s then doubling up to 15 s', () => {
    const settled = customerDeliveriesBySeq([item({}), item({ id: 'f', status: 'failed' })]);
    expect(anyOnItsWay(settled.values())).toBe(false);
    expect(anyOnItsWay(customerDeliveriesBySeq([item({}), item({ id: 'p', status: 'pending', attempts: 0 })]).values())).toBe(true);
    expect(anyOnItsWay(customerDeliveriesBySeq([item({ status: 'pending', attempts: 3 })]).values())).toBe(true);
    expect([0, 1, 2, 3, 4, 5, 10].map((round) => nextReadDelayMs(round, true))).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000]);
    expect([0, 1, 2, 3, 4, 5].map((round) => nextReadDelayMs(round, false))).toEqual([1000, 2000, 4000, 8000, null, null]);
  });
});
