import type { MailThreadPlace, NotificationToSend } from '@firsthand/persistence';
import { mailThreadPlaces } from './mail-thread-places.js';

const email = (id: string, eventId: string, ticketId: string, over: Partial<NotificationToSend> = {}): NotificationToSend => ({
  id, ticketId, eventId, recipientType: 'customer', recipientId: 'c1', recipientName: 'C', channel: 'email', address: 'c@example.test', locale: 'en', subject: 's', textBody: 't',
  htmlBody: null, payload: null, kind: 'agent_replied', attempt: 1, maxAttempts: 8, retryRound: 0, createdAt: new Date(0), ...over,
});
const place = (conversation: string[], lastInbound: string | null = null): MailThreadPlace => ({ code: 'FH-AAAAA', lastInbound, conversation, files: [], mailbox: null });

describe('mailThreadPlaces', () => {
  it("puts a ticket's emails of one job after each other, in event order, each referencing the ones before it", () => {
    const places = mailThreadPlaces(
      [email('n2', '12', 'T'), email('n1', '11', 'T'), email('n3', '13', 'U')],
      (eventId) => (eventId === '13' ? place(['u-old']) : place(['t-old'], 'their-mail')),
    );
    expect(places.get('n1')?.conversation).toEqual(['t-old']);
    expect(places.get('n2')?.conversation).toEqual(['t-old', 'n1@firsthand']);
    expect(places.get('n2')?.lastInbound).toBe('their-mail');
    expect(places.get('n3')?.conversation).toEqual(['u-old']);
  });

  it("refers to no copied person's copy: each reader gets their own, the others never got it", () => {
    const addressees = { addressees: { to: { address: 'c@example.test', name: 'C' }, cc: [{ address: 'boss@example.test', name: null }, { address: 'it@example.test', name: null }] } };
    const places = mailThreadPlaces(
      [email('own', '11', 'T'), email('copy1', '11', 'T', { address: 'boss@example.test', payload: addressees }), email('copy2', '11', 'T', { address: 'it@example.test', payload: addressees }), email('next', '12', 'T')],
      () => place(['t-old']),
    );
    expect(places.get('copy1')?.conversation).toEqual(['t-old', 'own@firsthand']);
    expect(places.get('copy2')?.conversation).toEqual(['t-old', 'own@firsthand']);
    expect(places.get('next')?.conversation).toEqual(['t-old', 'own@firsthand']);
  });

  it('leaves out what is not a customer email, and emails whose event has no place', () => {
    const places = mailThreadPlaces(
      [email('a', '1', 'T', { recipientType: 'agent' }), email('s', '1', 'T', { channel: 'sms' }), email('x', '2', 'T')],
      (eventId) => (eventId === '1' ? place([]) : null),
    );
    expect([...places.keys()]).toEqual([]);
  });

  it("keeps 20 references: the thread's first, then the newest", () => {
    const old = Array.from({ length: 20 }, (_, i) => `m${i}`);
    const places = mailThreadPlaces([email('n1', '1', 'T'), email('n2', '2', 'T')], () => place(old));
    expect(places.get('n1')?.conversation).toEqual(old);
    expect(places.get('n2')?.conversation).toHaveLength(20);
    expect(places.get('n2')?.conversation.at(-1)).toBe('n1@firsthand');
    expect(places.get('n2')?.conversation.slice(0, 2)).toEqual(['m0', 'm2']);
  });
});
