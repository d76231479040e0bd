import { CUSTOMER, LI } from './testing/ticket.builder.js';
import { isCustomerAuthored } from './ticket-events.js';

describe('isCustomerAuthored', () => {
  it('is true only for events a customer wrote', () => {
    expect(isCustomerAuthored({ actor: { type: 'customer', id: CUSTOMER.id, name: CUSTOMER.name } })).toBe(true);
    expect(isCustomerAuthored({ actor: { type: 'agent', id: LI.id, name: LI.name } })).toBe(false);
    expect(isCustomerAuthored({ actor: { type: 'system' } })).toBe(false);
  });
});
