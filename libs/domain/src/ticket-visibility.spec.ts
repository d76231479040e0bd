import { ADMIN, LI, SENIOR, SUPERVISOR } from './testing/ticket.builder.js';
import { seesAllTickets } from './ticket-visibility.js';

describe('seesAllTickets', () => {
  it.each([SUPERVISOR, ADMIN])('lets a $role see every ticket', (agent) => {
    expect(seesAllTickets(agent)).toBe(true);
  });

  it.each([LI, SENIOR])('keeps an $role to their own scope', (agent) => {
    expect(seesAllTickets(agent)).toBe(false);
  });
});
