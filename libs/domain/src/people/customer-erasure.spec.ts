import { aResolvedTicket, aTicket, anOwnedTicket, at } from '../testing/ticket.builder.js';
import { admitErasure, closeForErasure, ERASURE_STEPS, erasedCustomerName, exportExpiresAt, nextErasureStep } from './customer-erasure.js';

describe('customer erasure rules', () => {
  const open = [{ id: 't1', code: 'FH-1', subject: 'Printer', status: 'open' as const }];

  it('asks for confirmation only while the customer has open tickets, naming them', () => {
    expect(admitErasure([], false)).toEqual({ admitted: true });
    expect(admitErasure(open, true)).toEqual({ admitted: true });
    const refused = admitErasure(open, false);
    expect(refused.admitted).toBe(false);
    if (refused.admitted) return;
    expect(refused.openTickets).toEqual(open);
    expect(refused.consequences).toContain('FH-1');
    expect(refused.consequences).toContain('"confirm": true');
  });

  it('closes an open or new ticket with an internal event and no resolution; leaves resolved and closed ones', () => {
    const now = at(60_000);
    for (const ticket of [aTicket(), anOwnedTicket()]) {
      const decision = closeForErasure(ticket, now);
      expect(decision?.patch).toMatchObject({ status: 'closed', closedAt: now, resolution: 'erased' });
      expect(decision?.events).toEqual([
        { type: 'status_changed', visibility: 'internal', actor: { type: 'system' }, payload: { from: ticket.status, to: 'closed', resolution: 'erased' } },
      ]);
    }
    expect(closeForErasure(aResolvedTicket(), now)).toBeNull();
    expect(closeForErasure(anOwnedTicket({ status: 'closed' }), now)).toBeNull();
  });

  it('walks the steps in order and stops after the last', () => {
    expect(ERASURE_STEPS.map((_, i) => nextErasureStep(i))).toEqual([...ERASURE_STEPS]);
    expect(nextErasureStep(ERASURE_STEPS.length)).toBeNull();
    expect(ERASURE_STEPS.at(-1)).toBe('customer_record');
  });

  it('numbers erased names and dates an export expiry', () => {
    expect(erasedCustomerName(7)).toBe('Erased customer #7');
    expect(exportExpiresAt(at(0), 24).getTime() - at(0).getTime()).toBe(24 * 3_600_000);
  });
});
