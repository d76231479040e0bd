import { CustomerMergeRefused, TooManyCustomerTickets } from '../domain-errors.js';
import { aTicket, errorFrom, SUPERVISOR } from '../testing/ticket.builder.js';
import { agentActor } from '../ticket.js';
import { assertWithinCustomerActLimit, CUSTOMER_ACT_TICKET_LIMIT, moveTicketToSurvivor, planCustomerMerge, type CustomerRecord } from './customer-merge.js';

const record = (overrides: Partial<CustomerRecord>): CustomerRecord => ({
  id: 'c-1', name: 'Zhang Wei', email: null, phone: null, tier: 'standard', locale: 'zh-CN', mergedIntoId: null, ...overrides,
});

describe('planCustomerMerge', () => {
  it('the survivor takes the contacts it lacks; the duplicate keeps nothing that moved', () => {
    const plan = planCustomerMerge(record({ id: 's', email: 'zw@example.com' }), record({ id: 'd', email: null, phone: '+8613800000000' }));

    expect(plan).toEqual({
      survivorId: 's',
      duplicateId: 'd',
      survivor: { email: 'zw@example.com', phone: '+8613800000000' },
      duplicate: { email: null, phone: null },
      moved: { email: null, phone: '+8613800000000' },
    });
  });

  it('a conflicting contact stays on the merged duplicate, and the survivor keeps its own', () => {
    const plan = planCustomerMerge(
      record({ id: 's', email: 'zw@example.com', phone: '+861' }),
      record({ id: 'd', email: 'wei.zhang@work.example', phone: '+862' }),
    );

    expect(plan.survivor).toEqual({ email: 'zw@example.com', phone: '+861' });
    expect(plan.duplicate).toEqual({ email: 'wei.zhang@work.example', phone: '+862' });
    expect(plan.moved).toEqual({ email: null, phone: null });
  });

  it('contacts both records share are not kept twice', () => {
    const plan = planCustomerMerge(record({ id: 's', email: 'A@x.example', phone: '+861' }), record({ id: 'd', email: null, phone: '+861' }));

    expect(plan.duplicate).toEqual({ email: null, phone: null });
  });

  it('the survivor takes an email it lacks', () => {
    const plan = planCustomerMerge(record({ id: 's', phone: '+861' }), record({ id: 'd', email: 'zw@example.com' }));

    expect(plan.survivor).toEqual({ email: 'zw@example.com', phone: '+861' });
    expect(plan.moved.email).toBe('zw@example.com');
    expect(plan.duplicate.email).toBeNull();
  });

  it('refuses a record merged with itself, and records already merged away', () => {
    expect(errorFrom(() => planCustomerMerge(record({ id: 's' }), record({ id: 's' })))).toBeInstanceOf(CustomerMergeRefused);
    const already = errorFrom(() => planCustomerMerge(record({ id: 's' }), record({ id: 'd', mergedIntoId: 'x' }))) as CustomerMergeRefused;
    expect(already).toBeInstanceOf(CustomerMergeRefused);
    expect(already.extensions()).toEqual({ reason: 'duplicate-merged', mergedIntoId: 'x' });
    expect(errorFrom(() => planCustomerMerge(record({ id: 's', mergedIntoId: 'y' }), record({ id: 'd' })))).toBeInstanceOf(CustomerMergeRefused);
  });
});

describe('moveTicketToSurvivor', () => {
  const actor = agentActor(SUPERVISOR);

  it('moves the ticket with one internal event and keeps its tier copy', () => {
    const decision = moveTicketToSurvivor(aTicket({ customerId: 'd', tier: 'vip' }), { id: 'd', name: 'Wei Z.' }, { id: 's', name: 'Zhang Wei' }, actor);

    expect(decision?.patch).toEqual({ customerId: 's' });
    expect(decision?.events).toEqual([
      { type: 'customer_merged', visibility: 'internal', actor, payload: { fromCustomerId: 'd', fromCustomerName: 'Wei Z.', toCustomerId: 's', toCustomerName: 'Zhang Wei' } },
    ]);
  });

  it('a ticket that is no longer the duplicate\'s is left alone', () => {
    expect(moveTicketToSurvivor(aTicket({ customerId: 's' }), { id: 'd', name: 'x' }, { id: 's', name: 'y' }, actor)).toBeNull();
  });
});

describe('assertWithinCustomerActLimit', () => {
  it('allows up to the limit and refuses one more, naming the limit', () => {
    expect(() => assertWithinCustomerActLimit(CUSTOMER_ACT_TICKET_LIMIT)).not.toThrow();
    const refused = errorFrom(() => assertWithinCustomerActLimit(CUSTOMER_ACT_TICKET_LIMIT + 1)) as TooManyCustomerTickets;
    expect(refused).toBeInstanceOf(TooManyCustomerTickets);
    expect(refused.extensions()).toEqual({ limit: CUSTOMER_ACT_TICKET_LIMIT });
  });
});
