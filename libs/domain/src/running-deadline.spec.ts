import { nearestRunningDeadline } from './running-deadline.js';
import { aTicket, at, DAY_MS } from './testing/ticket.builder.js';

const HOUR = 3_600_000;

describe('nearestRunningDeadline', () => {
  it('is the earlier of first response and resolution for a new ticket', () => {
    expect(nearestRunningDeadline(aTicket({ firstResponseDueAt: at(HOUR), resolutionDueAt: at(DAY_MS) }))).toEqual(at(HOUR));
    // A complaint's 24-hour resolution can fall before a long first-response target.
    expect(nearestRunningDeadline(aTicket({ firstResponseDueAt: at(2 * DAY_MS), resolutionDueAt: at(DAY_MS) }))).toEqual(at(DAY_MS));
  });

  it('is the earlier of the next promised update and resolution for an open ticket; its first response no longer counts', () => {
    const open = aTicket({ status: 'open', ownerId: 'agent-li', firstResponseDueAt: at(HOUR / 2), nextUpdateDueAt: at(4 * HOUR), resolutionDueAt: at(DAY_MS) });
    expect(nearestRunningDeadline(open)).toEqual(at(4 * HOUR));
    expect(nearestRunningDeadline({ ...open, resolutionDueAt: at(2 * HOUR) })).toEqual(at(2 * HOUR));
  });

  it('is the resolution for a ticket waiting for the customer, unless that clock stopped for them', () => {
    const pending = aTicket({ status: 'pending_customer', ownerId: 'agent-li', nextUpdateDueAt: at(HOUR), resolutionDueAt: at(DAY_MS) });
    expect(nearestRunningDeadline(pending)).toEqual(at(DAY_MS));
    expect(nearestRunningDeadline({ ...pending, slaPausedAt: at(HOUR) })).toBeNull();
  });

  it('keeps a deadline already past: that ticket is the most urgent', () => {
    expect(nearestRunningDeadline(aTicket({ firstResponseDueAt: at(-HOUR) }))).toEqual(at(-HOUR));
  });

  it('is null when no clock runs: resolved, closed, or no targets at all', () => {
    expect(nearestRunningDeadline(aTicket({ status: 'resolved', ownerId: 'agent-li' }))).toBeNull();
    expect(nearestRunningDeadline(aTicket({ status: 'closed', ownerId: 'agent-li' }))).toBeNull();
    expect(nearestRunningDeadline(aTicket({ firstResponseDueAt: null, resolutionDueAt: null }))).toBeNull();
    expect(nearestRunningDeadline(aTicket({ firstResponseDueAt: null, resolutionDueAt: at(DAY_MS) }))).toEqual(at(DAY_MS));
  });
});
