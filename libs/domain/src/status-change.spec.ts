import { ExpectedSeqAhead, NotTicketOwner, StaleTicketView, TransitionNotAllowed } from './domain-errors.js';
import { changeStatus, type StatusChangeInput } from './status-change.js';
import { aResolvedTicket, aStoredEvent, aTicket, anOwnedTicket, at, CUSTOMER, DAY_MS, errorFrom, LI, SAM, SLA, SUPERVISOR, WINDOWS } from './testing/ticket.builder.js';
import type { Ticket } from './ticket.js';
import type { TicketEvent } from './ticket-events.js';
import type { AgentSettableStatus } from './vocabulary.js';

const NOW = at(DAY_MS + 60 * 60_000);
const LI_ACTOR = { type: 'agent' as const, id: LI.id, name: LI.name };
const CUSTOMER_ACTOR = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };

const context = (overrides: { now?: Date; ownerName?: string | null; eventsAfterExpected?: TicketEvent[] } = {}) => ({
  now: overrides.now ?? NOW,
  sla: SLA,
  windows: WINDOWS,
  ownerName: overrides.ownerName === undefined ? LI.name : overrides.ownerName,
  eventsAfterExpected: overrides.eventsAfterExpected ?? [],
});

const change = (ticket: Ticket, input: StatusChangeInput, ctx = context()) => changeStatus(ticket, LI, input, ctx);

describe('changeStatus: who may change it', () => {
  it('refuses an agent who does not own the ticket with NotTicketOwner naming the owner', () => {
    const error = errorFrom(() => changeStatus(anOwnedTicket(), SAM, { status: 'resolved' }, context()));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ action: 'change the status', ownerId: LI.id, ownerName: LI.name });
  });

  it('refuses a supervisor who does not own the ticket', () => {
    const error = errorFrom(() => changeStatus(anOwnedTicket(), SUPERVISOR, { status: 'pending_customer' }, context()));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: LI.id, ownerName: LI.name });
  });

  it('refuses a change on an unowned new ticket', () => {
    const error = errorFrom(() => change(aTicket(), { status: 'open' }, context({ ownerName: null })));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: null, ownerName: null });
  });
});

describe('changeStatus: transitions', () => {
  it('moves open to pending_customer, with no update due while the customer is asked', () => {
    const decision = change(anOwnedTicket(), { status: 'pending_customer' });

    expect(decision.patch).toEqual({ status: 'pending_customer', lastCustomerVisibleUpdateAt: NOW, nextUpdateDueAt: null });
    expect(decision.events).toEqual([{ type: 'status_changed', visibility: 'public', actor: LI_ACTOR, payload: { from: 'open', to: 'pending_customer' } }]);
  });

  it('moves pending_customer back to open and restarts the update cadence', () => {
    const decision = change(anOwnedTicket({ status: 'pending_customer' }), { status: 'open' });

    expect(decision.patch).toEqual({ status: 'open', lastCustomerVisibleUpdateAt: NOW, nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, NOW) });
    expect(decision.events).toEqual([{ type: 'status_changed', visibility: 'public', actor: LI_ACTOR, payload: { from: 'pending_customer', to: 'open' } }]);
  });

  it.each(['open', 'pending_customer'] as const)('resolves a %s ticket with its resolution', (from) => {
    const decision = change(anOwnedTicket({ status: from }), { status: 'resolved', resolution: 'Duplicate charge refunded.' });

    expect(decision.patch).toEqual({
      status: 'resolved',
      resolvedAt: NOW,
      resolution: 'Duplicate charge refunded.',
      lastCustomerVisibleUpdateAt: NOW,
      nextUpdateDueAt: null,
      pendingHandoffToId: null,
      handoffNote: null,
    });
    expect(decision.events).toEqual([
      { type: 'status_changed', visibility: 'public', actor: LI_ACTOR, payload: { from, to: 'resolved', resolution: 'Duplicate charge refunded.' } },
    ]);
  });

  it('resolves without a resolution text, recording null', () => {
    const decision = change(anOwnedTicket(), { status: 'resolved' });

    expect(decision.patch).toMatchObject({ status: 'resolved', resolution: null });
    expect(decision.events[0]).toMatchObject({ payload: { from: 'open', to: 'resolved', resolution: null } });
  });

  it('drops a pending handoff when the owner resolves, and keeps the owner', () => {
    const decision = change(anOwnedTicket({ pendingHandoffToId: SAM.id }), { status: 'resolved' });

    expect(decision.patch).toMatchObject({ pendingHandoffToId: null, handoffNote: null });
    expect(decision.patch).not.toHaveProperty('ownerId');
  });

  it('does not change owner or first responder on any status change', () => {
    for (const [from, to] of [['open', 'pending_customer'], ['pending_customer', 'open'], ['open', 'resolved']] as const) {
      const decision = change(anOwnedTicket({ status: from }), { status: to });
      expect(decision.patch).not.toHaveProperty('ownerId');
      expect(decision.patch).not.toHaveProperty('firstResponderId');
    }
  });

  it.each(['open', 'pending_customer', 'resolved'] as const)('refuses moving a %s ticket to the status it already has', (status) => {
    const ticket = status === 'resolved' ? aResolvedTicket() : anOwnedTicket({ status });
    const error = errorFrom(() => change(ticket, { status }));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status, to: status });
  });

  it.each(['open', 'pending_customer', 'resolved'] as const)('refuses any change on a closed ticket (to %s)', (to) => {
    const error = errorFrom(() => change(aResolvedTicket({ status: 'closed', closedAt: NOW }), { status: to }));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: 'closed', to });
  });

  it('refuses moving a resolved ticket to pending_customer', () => {
    const error = errorFrom(() => change(aResolvedTicket(), { status: 'pending_customer' }));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: 'resolved', to: 'pending_customer' });
  });

  it.each(['new', 'closed'])('refuses %s as a requested status: only the system sets it', (to) => {
    const error = errorFrom(() => change(anOwnedTicket(), { status: to as AgentSettableStatus }));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: 'open', to });
  });

  it.each(['open', 'pending_customer'] as const)('refuses a resolution when moving to %s', (to) => {
    const from = to === 'open' ? 'pending_customer' : 'open';
    const error = errorFrom(() => change(anOwnedTicket({ status: from }), { status: to, resolution: 'Fixed' }));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from, to });
    expect(error.message).toMatch(/resolution/i);
  });

  it('refuses a resolution when reopening a resolved ticket', () => {
    const error = errorFrom(() => change(aResolvedTicket(), { status: 'open', resolution: 'Fixed' }));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
  });
});

describe('changeStatus: the owner reopening a resolution', () => {
  const resolvedAt = at(DAY_MS);

  it('reopens a resolved ticket within the reopen window, counting the reopen', () => {
    const decision = change(aResolvedTicket({ resolvedAt, reopenCount: 1 }), { status: 'open' }, context({ now: at(3 * DAY_MS, resolvedAt) }));
    const now = at(3 * DAY_MS, resolvedAt);

    expect(decision.patch).toEqual({
      status: 'open',
      resolvedAt: null,
      resolution: null,
      reopenCount: 2,
      lastCustomerVisibleUpdateAt: now,
      nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, now),
    });
    expect(decision.events).toEqual([{ type: 'reopened', visibility: 'public', actor: LI_ACTOR, payload: { from: 'resolved', reopenCount: 2 } }]);
  });

  it('keeps the same owner when it reopens', () => {
    const decision = change(aResolvedTicket({ resolvedAt }), { status: 'open' }, context({ now: at(DAY_MS, resolvedAt) }));

    expect(decision.patch).not.toHaveProperty('ownerId');
  });

  it('still reopens at the last moment of the window', () => {
    const decision = change(aResolvedTicket({ resolvedAt }), { status: 'open' }, context({ now: at(WINDOWS.reopenDays * DAY_MS, resolvedAt) }));

    expect(decision.patch).toMatchObject({ status: 'open', reopenCount: 1 });
  });

  it('refuses to reopen once the window has passed', () => {
    const error = errorFrom(() =>
      change(aResolvedTicket({ resolvedAt }), { status: 'open' }, context({ now: at(WINDOWS.reopenDays * DAY_MS + 1, resolvedAt) })),
    );

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: 'resolved', to: 'open' });
  });

  it('refuses a non-owner reopening a resolved ticket', () => {
    const error = errorFrom(() => changeStatus(aResolvedTicket({ resolvedAt }), SAM, { status: 'open' }, context({ now: at(DAY_MS, resolvedAt) })));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: LI.id, ownerName: LI.name });
  });
});

describe('changeStatus: stale view', () => {
  it('refuses when the customer wrote after the seq the owner saw, returning the newer events', () => {
    const newer = [aStoredEvent(5, CUSTOMER_ACTOR)];
    const error = errorFrom(() => change(anOwnedTicket({ lastSeq: 5 }), { status: 'resolved', expectedSeq: 4 }, context({ eventsAfterExpected: newer })));

    expect(error).toBeInstanceOf(StaleTicketView);
    expect(error).toMatchObject({ expectedSeq: 4, newerEvents: newer });
  });

  it('accepts when only agent events came after the seq the owner saw', () => {
    const newer = [aStoredEvent(5, { type: 'agent', id: SAM.id, name: SAM.name })];
    const decision = change(anOwnedTicket({ lastSeq: 5 }), { status: 'resolved', expectedSeq: 4 }, context({ eventsAfterExpected: newer }));

    expect(decision.patch).toMatchObject({ status: 'resolved' });
  });

  it('refuses an expectedSeq ahead of the ticket', () => {
    const error = errorFrom(() => change(anOwnedTicket({ lastSeq: 5 }), { status: 'pending_customer', expectedSeq: 9 }));

    expect(error).toBeInstanceOf(ExpectedSeqAhead);
    expect(error).toMatchObject({ expectedSeq: 9, lastSeq: 5 });
  });
});
