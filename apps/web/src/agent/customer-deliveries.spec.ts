import type { NotificationItem } from '@firsthand/http-contracts';
import { customerDeliveriesBySeq, deliveryState, deliveryStateKey, nextReadDelayMs, type CustomerDelivery } from './customer-deliveries.js';

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

  it('says why one was not sent or not yet through, and does without the reason when it was erased', () => {
    const one = (over: Partial<NotificationItem>) => customerDeliveriesBySeq([item(over)]).get(2)![0];
    const capped = one({ channel: 'sms', status: 'suppressed', attempts: 0, lastError: 'more than 3 SMS to this customer in an hour', sentAt: null });
    expect(capped).toMatchObject({ state: 'suppressed', reason: 'more than 3 SMS to this customer in an hour' });
    expect(deliveryStateKey(capped)).toBe('delivery.state.notSent');
    expect(deliveryStateKey(one({ channel: 'sms', status: 'refused', attempts: 0, lastError: '+1555 is not in an allowed country prefix (+86)', sentAt: null }))).toBe('delivery.state.notSent');
    // An erasure empties last_error: the line says what it can.
    expect(deliveryStateKey(one({ status: 'suppressed', attempts: 0, lastError: null, sentAt: null }))).toBe('delivery.state.notSent.noReason');
    expect(deliveryStateKey(one({ status: 'failed', lastError: null, sentAt: null }))).toBe('delivery.state.failed.noReason');
    expect(deliveryStateKey(one({ status: 'failed', lastError: 'rejected: 550', sentAt: null }))).toBe('delivery.state.failed');
    expect(deliveryStateKey(one({ status: 'pending', attempts: 1, lastError: null, nextAttemptAt: '2026-12-06T10:01:00.000Z', sentAt: null }))).toBe('delivery.state.retrying.noReason');
    // A sent one carries no reason even if an earlier attempt left one.
    expect(one({ lastError: 'deferred: 451' })).toMatchObject({ state: 'sent', reason: null });
    expect(deliveryStateKey(one({}))).toBe('delivery.state.sent');
    expect(deliveryStateKey(one({ status: 'sending', sentAt: null }))).toBe('delivery.state.sending');
  });

  it('reads again 1, 2, 4 and 8 s after an event; while one is being sent, doubling up to 15 s, then once a minute', () => {
    const deliveries = (...list: Array<Partial<CustomerDelivery>>) => [list.map((d) => ({ id: 'n', channel: 'email', address: 'a@b.example', state: 'sent', at: null, reason: null, ...d }) as CustomerDelivery)];
    const settled = deliveries({}, { state: 'failed' }, { state: 'refused' });
    expect([0, 1, 2, 3, 4, 5].map((round) => nextReadDelayMs(round, settled))).toEqual([1000, 2000, 4000, 8000, null, null]);
    expect(nextReadDelayMs(0, [])).toBe(1000);
    expect(nextReadDelayMs(4, [])).toBeNull();
    const sending = deliveries({}, { state: 'sending' });
    expect([0, 1, 2, 3, 4, 5, 19, 20, 100].map((round) => nextReadDelayMs(round, sending))).toEqual([1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 60_000, 60_000]);
  });

  it('reads a retrying one again a second after its next attempt is due, at least after 1 s and at most after 5 minutes', () => {
    const now = Date.parse('2026-12-06T10:00:00.000Z');
    const retrying = (at: string | null) => [[{ id: 'n', channel: 'email', address: 'a@b.example', state: 'retrying', at, reason: 'deferred: 451' } as CustomerDelivery]];
    expect(nextReadDelayMs(9, retrying('2026-12-06T10:00:30.000Z'), now)).toBe(31_000);
    expect(nextReadDelayMs(9, retrying('2026-12-06T09:59:00.000Z'), now)).toBe(1000);
    expect(nextReadDelayMs(9, retrying('2026-12-06T11:00:00.000Z'), now)).toBe(300_000);
    // The soonest of several, and sending beats waiting.
    const two = [[...retrying('2026-12-06T10:10:00.000Z')[0], ...retrying('2026-12-06T10:00:05.000Z')[0]]];
    expect(nextReadDelayMs(9, two, now)).toBe(6000);
    expect(nextReadDelayMs(2, [[...two[0], { ...two[0][0], state: 'sending', at: null }]], now)).toBe(4000);
    // A retry with no due time (none today) falls back to the backoff.
    expect(nextReadDelayMs(2, retrying(null), now)).toBe(4000);
  });
});
