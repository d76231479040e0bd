import { closeSettledResolution } from './auto-close.js';
import { aResolvedTicket, aTicket, anOwnedTicket, at, DAY_MS, WINDOWS } from './testing/ticket.builder.js';

const resolvedAt = at(DAY_MS);
const windowEnd = at(WINDOWS.reopenDays * DAY_MS, resolvedAt);

describe('closeSettledResolution', () => {
  it('closes a resolved ticket once its reopen window has ended, as the system', () => {
    const now = at(1, windowEnd);
    const decision = closeSettledResolution(aResolvedTicket({ resolvedAt, pendingHandoffToId: 'agent-sam' }), now, WINDOWS);

    expect(decision).toEqual({
      patch: { status: 'closed', closedAt: now, pendingHandoffToId: null, handoffNote: null },
      events: [{ type: 'status_changed', visibility: 'public', actor: { type: 'system' }, payload: { from: 'resolved', to: 'closed' } }],
    });
  });

  it('keeps owner and resolution time when it closes', () => {
    const decision = closeSettledResolution(aResolvedTicket({ resolvedAt }), at(30 * DAY_MS, resolvedAt), WINDOWS);

    expect(decision?.patch).not.toHaveProperty('ownerId');
    expect(decision?.patch).not.toHaveProperty('resolvedAt');
  });

  it('does nothing while the reopen window is open', () => {
    expect(closeSettledResolution(aResolvedTicket({ resolvedAt }), at(DAY_MS, resolvedAt), WINDOWS)).toBeNull();
  });

  it('does nothing at the last moment of the window, when the customer may still reopen', () => {
    expect(closeSettledResolution(aResolvedTicket({ resolvedAt }), windowEnd, WINDOWS)).toBeNull();
  });

  it('follows a configured reopen window', () => {
    const windows = { reopenDays: 1, repeatContactDays: 7 };

    expect(closeSettledResolution(aResolvedTicket({ resolvedAt }), at(DAY_MS - 1, resolvedAt), windows)).toBeNull();
    expect(closeSettledResolution(aResolvedTicket({ resolvedAt }), at(DAY_MS + 1, resolvedAt), windows)).not.toBeNull();
  });

  it.each(['open', 'pending_customer'] as const)('never closes a %s ticket, however old', (status) => {
    expect(closeSettledResolution(anOwnedTicket({ status }), at(365 * DAY_MS), WINDOWS)).toBeNull();
  });

  it('never closes a new ticket', () => {
    expect(closeSettledResolution(aTicket(), at(365 * DAY_MS), WINDOWS)).toBeNull();
  });

  it('does not close a ticket twice', () => {
    const closed = aResolvedTicket({ status: 'closed', resolvedAt, closedAt: at(1, windowEnd) });

    expect(closeSettledResolution(closed, at(DAY_MS, windowEnd), WINDOWS)).toBeNull();
  });
});
