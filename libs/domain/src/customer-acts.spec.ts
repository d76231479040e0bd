import { receiveCustomerReply, reopenByCustomer, rateResolution } from './customer-acts.js';
import { ReopenWindowClosed, TicketAlreadyRated, TransitionNotAllowed } from './domain-errors.js';
import { aResolvedTicket, aTicket, anOwnedTicket, at, CUSTOMER, DAY_MS, errorFrom, SAM, SLA, WINDOWS } from './testing/ticket.builder.js';

const NOW = at(5 * 60 * 60_000);
const CUSTOMER_ACTOR = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };

describe('receiveCustomerReply', () => {
  it('returns a waiting ticket to open, restarts the update cadence and records both events', () => {
    const decision = receiveCustomerReply(anOwnedTicket({ status: 'pending_customer', nextUpdateDueAt: null }), CUSTOMER, 'msg-9', 'Here is the receipt', NOW, SLA, WINDOWS);

    expect(decision.patch).toEqual({ status: 'open', nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, NOW) });
    expect(decision.events).toEqual([
      { type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { messageId: 'msg-9', body: 'Here is the receipt' } },
      { type: 'status_changed', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { from: 'pending_customer', to: 'open' } },
    ]);
    expect(decision.message).toEqual({ id: 'msg-9', visibility: 'public', body: 'Here is the receipt', authorType: 'customer', authorId: CUSTOMER.id });
  });

  it('keeps the owner when it returns the ticket to open', () => {
    const decision = receiveCustomerReply(anOwnedTicket({ status: 'pending_customer' }), CUSTOMER, 'm', 'b', NOW, SLA, WINDOWS);

    expect(decision.patch).not.toHaveProperty('ownerId');
  });

  it.each(['new', 'open'] as const)('records a reply on a %s ticket without changing it', (status) => {
    const ticket = status === 'new' ? aTicket() : anOwnedTicket();
    const decision = receiveCustomerReply(ticket, CUSTOMER, 'm', 'Any news?', NOW, SLA, WINDOWS);

    expect(decision.patch).toEqual({});
    expect(decision.events).toEqual([{ type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { messageId: 'm', body: 'Any news?' } }]);
  });

  it('reopens a resolved ticket within the window, then records the reply, for the same owner', () => {
    const resolvedAt = at(DAY_MS);
    const now = at(DAY_MS, resolvedAt);
    const decision = receiveCustomerReply(aResolvedTicket({ resolvedAt, reopenCount: 0, ownerId: SAM.id }), CUSTOMER, 'm', 'Still broken', now, SLA, WINDOWS);

    expect(decision.patch).toEqual({ status: 'open', resolvedAt: null, resolution: null, reopenCount: 1, nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, now) });
    expect(decision.events).toEqual([
      { type: 'reopened', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { from: 'resolved', reopenCount: 1 } },
      { type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { messageId: 'm', body: 'Still broken' } },
    ]);
    expect(decision.message).toMatchObject({ id: 'm', body: 'Still broken', authorType: 'customer' });
  });

  it('refuses a reply on a resolved ticket past its reopen window, saying when the window ended', () => {
    const resolvedAt = at(DAY_MS);
    const error = errorFrom(() => receiveCustomerReply(aResolvedTicket({ resolvedAt }), CUSTOMER, 'm', 'b', at((WINDOWS.reopenDays + 1) * DAY_MS, resolvedAt), SLA, WINDOWS));

    expect(error).toBeInstanceOf(ReopenWindowClosed);
    expect(error).toMatchObject({ windowEndedAt: at(WINDOWS.reopenDays * DAY_MS, resolvedAt) });
  });

  it('refuses a reply on a closed ticket', () => {
    const error = errorFrom(() => receiveCustomerReply(aResolvedTicket({ status: 'closed' }), CUSTOMER, 'm', 'b', NOW, SLA, WINDOWS));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: 'closed', to: 'open' });
  });
});

describe('reopenByCustomer', () => {
  const resolvedAt = at(DAY_MS);

  it('reopens within the window, back to the same owner, and counts it', () => {
    const now = at(2 * DAY_MS, resolvedAt);
    const decision = reopenByCustomer(aResolvedTicket({ resolvedAt, reopenCount: 0, ownerId: SAM.id }), CUSTOMER, now, SLA, WINDOWS);

    expect(decision.patch).toEqual({
      status: 'open',
      resolvedAt: null,
      resolution: null,
      reopenCount: 1,
      nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, now),
    });
    expect(decision.patch).not.toHaveProperty('ownerId');
    expect(decision.events).toEqual([{ type: 'reopened', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { from: 'resolved', reopenCount: 1 } }]);
  });

  it('a "this solved it" taken back goes to the team as a new contact: handed over at the asking, its clocks starting now', () => {
    const botResolved = aResolvedTicket({ resolvedAt, ownerId: null, firstResponderId: null, firstResponseAt: null, resolution: 'bot', botOutcome: 'resolved' });
    const now = at(2 * DAY_MS, resolvedAt);
    const decision = reopenByCustomer(botResolved, CUSTOMER, now, SLA, WINDOWS);

    expect(decision.patch).toMatchObject({
      status: 'new',
      botOutcome: 'asked',
      firstResponseDueAt: at(SLA.firstResponseMinutes * 60_000, now),
      resolutionDueAt: at(SLA.resolutionMinutes * 60_000, now),
      // Planned again on the policy as it is now, and kept for later re-plans.
      plannedTargets: { firstResponseMinutes: SLA.firstResponseMinutes, resolutionMinutes: SLA.resolutionMinutes },
    });
    // A person's resolution reopened keeps the clocks it had and the bot's outcome untouched.
    const byPerson = reopenByCustomer(aResolvedTicket({ resolvedAt, ownerId: SAM.id }), CUSTOMER, now, SLA, WINDOWS);
    expect(byPerson.patch).not.toHaveProperty('firstResponseDueAt');
    expect(byPerson.patch).not.toHaveProperty('plannedTargets');
    expect(byPerson.patch).not.toHaveProperty('botOutcome');
  });

  it('adds to an earlier reopen count', () => {
    const decision = reopenByCustomer(aResolvedTicket({ resolvedAt, reopenCount: 2 }), CUSTOMER, at(DAY_MS, resolvedAt), SLA, WINDOWS);

    expect(decision.patch).toMatchObject({ reopenCount: 3 });
    expect(decision.events[0]).toMatchObject({ payload: { reopenCount: 3 } });
  });

  it('still reopens at the last moment of the window', () => {
    const decision = reopenByCustomer(aResolvedTicket({ resolvedAt }), CUSTOMER, at(WINDOWS.reopenDays * DAY_MS, resolvedAt), SLA, WINDOWS);

    expect(decision.patch).toMatchObject({ status: 'open', reopenCount: 1 });
  });

  it('honours a configured window', () => {
    const windows = { reopenDays: 2, repeatContactDays: 7 };
    const error = errorFrom(() => reopenByCustomer(aResolvedTicket({ resolvedAt }), CUSTOMER, at(3 * DAY_MS, resolvedAt), SLA, windows));

    expect(error).toBeInstanceOf(ReopenWindowClosed);
    expect(error).toMatchObject({ windowEndedAt: at(2 * DAY_MS, resolvedAt) });
  });

  it('refuses after the window with ReopenWindowClosed saying when it ended', () => {
    const error = errorFrom(() => reopenByCustomer(aResolvedTicket({ resolvedAt }), CUSTOMER, at(WINDOWS.reopenDays * DAY_MS + 1, resolvedAt), SLA, WINDOWS));

    expect(error).toBeInstanceOf(ReopenWindowClosed);
    expect(error).toMatchObject({ code: 'reopen-window-closed', windowEndedAt: at(WINDOWS.reopenDays * DAY_MS, resolvedAt) });
    expect((error as ReopenWindowClosed).extensions()).toEqual({ windowEndedAt: at(WINDOWS.reopenDays * DAY_MS, resolvedAt).toISOString() });
  });

  it('refuses a closed ticket with ReopenWindowClosed', () => {
    const closed = aResolvedTicket({ status: 'closed', resolvedAt, closedAt: at(WINDOWS.reopenDays * DAY_MS + 1, resolvedAt) });
    const error = errorFrom(() => reopenByCustomer(closed, CUSTOMER, at(WINDOWS.reopenDays * DAY_MS + 2, resolvedAt), SLA, WINDOWS));

    expect(error).toBeInstanceOf(ReopenWindowClosed);
    expect(error).toMatchObject({ windowEndedAt: at(WINDOWS.reopenDays * DAY_MS, resolvedAt) });
  });

  it.each(['new', 'open', 'pending_customer'] as const)('refuses a %s ticket: only a resolution can be reopened', (status) => {
    const ticket = status === 'new' ? aTicket() : anOwnedTicket({ status });
    const error = errorFrom(() => reopenByCustomer(ticket, CUSTOMER, NOW, SLA, WINDOWS));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status, to: 'open' });
  });
});

describe('rateResolution', () => {
  it('records the rating on a resolved ticket', () => {
    const decision = rateResolution(aResolvedTicket(), CUSTOMER, 5, 'Quick and kind');

    expect(decision.patch).toEqual({ csatRating: 5, csatComment: 'Quick and kind' });
    expect(decision.events).toEqual([{ type: 'rated', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { rating: 5, comment: 'Quick and kind' } }]);
  });

  it('records a rating without a comment', () => {
    const decision = rateResolution(aResolvedTicket(), CUSTOMER, 2, null);

    expect(decision.patch).toEqual({ csatRating: 2, csatComment: null });
    expect(decision.events[0]).toMatchObject({ payload: { rating: 2, comment: null } });
  });

  it('refuses to rate an issue closed as spam', () => {
    const error = errorFrom(() => rateResolution(aTicket({ status: 'closed', resolution: 'spam' }), CUSTOMER, 1, null));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error.message).toBe('This issue cannot be rated.');
  });

  it('accepts a rating after the ticket has closed', () => {
    const decision = rateResolution(aResolvedTicket({ status: 'closed' }), CUSTOMER, 4, null);

    expect(decision.patch).toMatchObject({ csatRating: 4 });
  });

  it.each(['resolved', 'closed'] as const)('refuses a second rating on a %s ticket', (status) => {
    const error = errorFrom(() => rateResolution(aResolvedTicket({ status, csatRating: 3 }), CUSTOMER, 5, null));

    expect(error).toBeInstanceOf(TicketAlreadyRated);
    expect(error).toMatchObject({ code: 'ticket-already-rated' });
  });

  it.each(['new', 'open', 'pending_customer'] as const)('refuses a rating before resolution (%s)', (status) => {
    const ticket = status === 'new' ? aTicket() : anOwnedTicket({ status });
    const error = errorFrom(() => rateResolution(ticket, CUSTOMER, 5, null));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status });
  });
});
