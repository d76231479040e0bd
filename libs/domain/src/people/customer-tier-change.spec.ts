import { aResolvedTicket, aTicket, anOwnedTicket, at, CUSTOMER, SUPERVISOR, T0 } from '../testing/ticket.builder.js';
import { agentActor } from '../ticket.js';
import { changeTicketTier, followsCustomerTier } from './customer-tier-change.js';

const VIP = { firstResponseMinutes: 15, updateCadenceMinutes: 60, resolutionMinutes: 480 };
const actor = agentActor(SUPERVISOR);

describe('changeTicketTier', () => {
  it('an unanswered ticket takes the new tier and both due times re-planned from its creation', () => {
    const decision = changeTicketTier(aTicket({ firstResponseDueAt: at(3_600_000), resolutionDueAt: at(48 * 3_600_000) }), 'vip', VIP, actor);

    expect(decision?.patch).toEqual({
      tier: 'vip',
      firstResponseDueAt: at(15 * 60_000),
      resolutionDueAt: at(8 * 3_600_000),
      // Later calendar re-plans keep the new tier's targets.
      plannedTargets: { firstResponseMinutes: 15, resolutionMinutes: 480 },
    });
    expect(decision?.events).toEqual([
      {
        type: 'customer_tier_changed',
        visibility: 'internal',
        actor,
        payload: {
          customerId: CUSTOMER.id,
          from: 'standard',
          to: 'vip',
          firstResponseDueAt: { from: at(3_600_000).toISOString(), to: at(15 * 60_000).toISOString() },
          resolutionDueAt: { from: at(48 * 3_600_000).toISOString(), to: at(8 * 3_600_000).toISOString() },
        },
      },
    ]);
  });

  it('a first response already given keeps its due time; only the resolution moves', () => {
    const ticket = anOwnedTicket({ firstResponseDueAt: at(3_600_000), resolutionDueAt: at(48 * 3_600_000) });
    const decision = changeTicketTier(ticket, 'vip', VIP, actor);

    // The met first response keeps the target it was planned with, too.
    expect(decision?.patch).toEqual({ tier: 'vip', firstResponseDueAt: at(3_600_000), resolutionDueAt: at(8 * 3_600_000), plannedTargets: { firstResponseMinutes: 60, resolutionMinutes: 480 } });
  });

  it('the time the ticket already spent waiting for the customer still counts for nothing', () => {
    // Three days waiting for the customer before the change: the slower tier's 72 hours run from creation plus those days.
    const slow = { firstResponseMinutes: 120, updateCadenceMinutes: 600, resolutionMinutes: 72 * 60 };
    const ticket = anOwnedTicket({ tier: 'vip', slaPausedMinutes: 3 * 24 * 60, resolutionDueAt: at((48 + 72) * 3_600_000) });
    const decision = changeTicketTier(ticket, 'standard', slow, actor);

    expect(decision?.patch.resolutionDueAt).toEqual(at((72 + 72) * 3_600_000));
  });

  it('a complaint stays within its 24 hours under a slower tier', () => {
    const slow = { firstResponseMinutes: 120, updateCadenceMinutes: 600, resolutionMinutes: 5 * 24 * 60 };
    const decision = changeTicketTier(aTicket({ kind: 'complaint', tier: 'vip' }), 'standard', slow, actor);

    expect(decision?.patch.resolutionDueAt).toEqual(at(24 * 3_600_000));
    expect(decision?.patch.firstResponseDueAt).toEqual(at(2 * 3_600_000));
  });

  it('resolved and closed tickets keep the tier they were served under', () => {
    expect(changeTicketTier(aResolvedTicket(), 'vip', VIP, actor)).toBeNull();
    expect(changeTicketTier(aResolvedTicket({ status: 'closed', closedAt: T0 }), 'vip', VIP, actor)).toBeNull();
    expect(followsCustomerTier({ status: 'pending_customer' })).toBe(true);
    expect(followsCustomerTier({ status: 'resolved' })).toBe(false);
  });

  it('a ticket already on the tier is left alone', () => {
    expect(changeTicketTier(aTicket({ tier: 'vip' }), 'vip', VIP, actor)).toBeNull();
  });
});
