import { describe, expect, it } from '@jest/globals';
import { aResolvedTicket, aTicket, anOwnedTicket, at, CUSTOMER, DAY_MS, SAM, SLA, WINDOWS } from '../testing/ticket.builder.js';
import { mailContinuesTicket, receiveCustomerMail } from './customer-mail.js';

const NOW = at(2 * DAY_MS);
const mail = (verified: boolean) => ({ messageId: 'msg-1', body: 'Still broken', from: 'zhang@example.com', verified });

describe('a customer mail on a ticket', () => {
  it('continues an open ticket, a pending one, and a resolved one within the reopen window; not a closed one or a resolution past it', () => {
    expect(mailContinuesTicket(anOwnedTicket(), NOW, WINDOWS)).toBe(true);
    expect(mailContinuesTicket(anOwnedTicket({ status: 'pending_customer' }), NOW, WINDOWS)).toBe(true);
    expect(mailContinuesTicket(aResolvedTicket({ resolvedAt: at(DAY_MS) }), NOW, WINDOWS)).toBe(true);
    expect(mailContinuesTicket(aResolvedTicket({ resolvedAt: at(DAY_MS) }), at((WINDOWS.reopenDays + 2) * DAY_MS), WINDOWS)).toBe(false);
    expect(mailContinuesTicket(aResolvedTicket({ status: 'closed' }), NOW, WINDOWS)).toBe(false);
  });

  it('records the message with its channel and sender, and nothing else on an open ticket', () => {
    const decision = receiveCustomerMail(anOwnedTicket(), CUSTOMER, mail(true), NOW, SLA, WINDOWS);
    expect(decision.patch).toEqual({});
    expect(decision.events).toEqual([
      { type: 'customer_replied', visibility: 'public', actor: { type: 'customer', id: CUSTOMER.id, name: CUSTOMER.name }, payload: { messageId: 'msg-1', body: 'Still broken', channel: 'email', from: 'zhang@example.com' } },
    ]);
    expect(decision.message).toMatchObject({ id: 'msg-1', channel: 'email', authorType: 'customer', visibility: 'public' });
  });

  it('hands a ticket the bot holds to a person: replying to the automatic answer brings one in', () => {
    const held = aTicket({ status: 'new', ownerId: null, botOutcome: 'held', botHoldUntil: at(10 * 60_000, NOW) });
    const decision = receiveCustomerMail(held, CUSTOMER, mail(true), NOW, SLA, WINDOWS);
    expect(decision.patch).toMatchObject({ botOutcome: 'replied', botHoldUntil: NOW });
    expect(decision.patch).not.toHaveProperty('ownerId');
    expect(decision.events.map((e) => [e.type, e.type === 'bot_handed_over' ? e.payload.reason : null])).toEqual([['customer_replied', null], ['bot_handed_over', 'replied']]);
  });

  it("takes a copied person's mail as the customer's side: marked theirs, back from waiting, but it reopens nothing (a colleague's \"thanks\")", () => {
    const boss = { ...mail(true), from: 'boss@example.com', copiedPerson: true };
    const waiting = receiveCustomerMail(anOwnedTicket({ status: 'pending_customer' }), CUSTOMER, boss, NOW, SLA, WINDOWS);
    expect(waiting.patch).toMatchObject({ status: 'open' });
    expect(waiting.events.at(-1)).toMatchObject({ type: 'customer_replied', payload: { from: 'boss@example.com', copiedPerson: true } });
    const resolved = receiveCustomerMail(aResolvedTicket({ ownerId: SAM.id }), CUSTOMER, boss, NOW, SLA, WINDOWS);
    expect(resolved.patch).toEqual({});
    expect(resolved.events.map((e) => e.type)).toEqual(['customer_replied']);
    // Not verified, it is only kept, like any other sender's: never marked as a copied person's.
    const unverified = receiveCustomerMail(anOwnedTicket(), CUSTOMER, { ...boss, verified: false }, NOW, SLA, WINDOWS);
    expect(unverified.events[0]!.payload).toMatchObject({ unverified: true });
    expect(unverified.events[0]!.payload).not.toHaveProperty('copiedPerson');
  });

  it('reopens a resolved ticket for the same owner when verified, counting the reopen', () => {
    const decision = receiveCustomerMail(aResolvedTicket({ ownerId: SAM.id, reopenCount: 1 }), CUSTOMER, mail(true), NOW, SLA, WINDOWS);
    expect(decision.patch).toMatchObject({ status: 'open', resolvedAt: null, reopenCount: 2 });
    expect(decision.patch).not.toHaveProperty('ownerId');
    expect(decision.events.map((e) => e.type)).toEqual(['reopened', 'customer_replied']);
  });

  it('returns a ticket waiting for the customer to its owner when verified', () => {
    const decision = receiveCustomerMail(anOwnedTicket({ status: 'pending_customer' }), CUSTOMER, mail(true), NOW, SLA, WINDOWS);
    expect(decision.patch).toEqual({ status: 'open', nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, NOW) });
    expect(decision.events.map((e) => e.type)).toEqual(['status_changed', 'customer_replied']);
  });

  it("only records an unverified mail, marked so: no reopen, no status change, no end to the bot's hold", () => {
    const held = aTicket({ status: 'new', ownerId: null, botOutcome: 'held', botHoldUntil: at(10 * 60_000, NOW) });
    for (const ticket of [aResolvedTicket(), anOwnedTicket({ status: 'pending_customer' }), held]) {
      const decision = receiveCustomerMail(ticket, CUSTOMER, mail(false), NOW, SLA, WINDOWS);
      expect(decision.patch).toEqual({});
      expect(decision.events).toHaveLength(1);
      expect(decision.events[0].payload).toMatchObject({ unverified: true, channel: 'email' });
    }
  });
});
