import { isBrokenTicketPath, ticketIdFromPath } from './ticket-route.js';

describe('ticket routes', () => {
  it('reads a ticket id, and tells a broken ticket link from the lists alone', () => {
    expect(ticketIdFromPath('/agent/tickets/8ED2D57B-1111-4222-8333-444455556666')).toBe('8ed2d57b-1111-4222-8333-444455556666');
    expect(isBrokenTicketPath('/agent/tickets/not-a-uuid')).toBe(true);
    expect(isBrokenTicketPath('/agent/tickets/8ed2d57b-1111-4222-8333-44445555')).toBe(true);
    expect(isBrokenTicketPath('/agent/tickets/8ed2d57b-1111-4222-8333-444455556666')).toBe(false);
    expect(isBrokenTicketPath('/agent')).toBe(false);
    expect(isBrokenTicketPath('/agent/tickets')).toBe(false);
  });
});
