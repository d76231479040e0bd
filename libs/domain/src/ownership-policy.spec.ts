import { NotTicketOwner, RoleRequired, TicketOwnedByAnother, TransitionNotAllowed } from './domain-errors.js';
import { FirstResponderPolicy } from './ownership-policy.js';
import { ADMIN, aTicket, errorFrom, anOwnedTicket, LI, SAM, SENIOR, SUPERVISOR } from './testing/ticket.builder.js';

describe('FirstResponderPolicy.isClaimedBy', () => {
  it('is true only for the owner: a claim by anyone else stays a lost race', () => {
    expect(FirstResponderPolicy.isClaimedBy(anOwnedTicket({}, SAM), SAM)).toBe(true);
    expect(FirstResponderPolicy.isClaimedBy(anOwnedTicket({}, SAM), LI)).toBe(false);
    expect(FirstResponderPolicy.isClaimedBy(aTicket(), LI)).toBe(false);
  });
});

describe('FirstResponderPolicy.assertClaimable', () => {
  it('accepts an unowned new ticket', () => {
    expect(() => FirstResponderPolicy.assertClaimable(aTicket(), null)).not.toThrow();
  });

  it('refuses an owned ticket with TicketOwnedByAnother naming the owner', () => {
    const error = errorFrom(() => FirstResponderPolicy.assertClaimable(anOwnedTicket({}, SAM), SAM.name));
    expect(error).toBeInstanceOf(TicketOwnedByAnother);
    expect(error).toMatchObject({ code: 'ticket-owned-by-another', ownerId: SAM.id, ownerName: SAM.name });
    expect((error as TicketOwnedByAnother).extensions()).toEqual({ ownerId: SAM.id, ownerName: SAM.name });
    expect(error.message).toContain(SAM.name);
  });

  it('still gives the owner id when the caller does not know the owner name', () => {
    const error = errorFrom(() => FirstResponderPolicy.assertClaimable(anOwnedTicket({}, SAM), null));
    expect(error).toBeInstanceOf(TicketOwnedByAnother);
    expect(error).toMatchObject({ ownerId: SAM.id, ownerName: 'another agent' });
  });

  it('reports the owner even when the owned ticket is in a later status', () => {
    const error = errorFrom(() => FirstResponderPolicy.assertClaimable(anOwnedTicket({ status: 'resolved' }, SAM), SAM.name));
    expect(error).toBeInstanceOf(TicketOwnedByAnother);
  });

  it.each(['open', 'pending_customer', 'resolved', 'closed'] as const)('refuses an unowned %s ticket', (status) => {
    const error = errorFrom(() => FirstResponderPolicy.assertClaimable(aTicket({ status }), null));
    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status, to: 'open' });
  });
});

describe('FirstResponderPolicy.assertOwner', () => {
  it('accepts the owner', () => {
    expect(() => FirstResponderPolicy.assertOwner(anOwnedTicket({}, LI), LI, 'reply', LI.name)).not.toThrow();
  });

  it('refuses another agent with NotTicketOwner naming the owner', () => {
    const error = errorFrom(() => FirstResponderPolicy.assertOwner(anOwnedTicket({}, LI), SAM, 'reply to the customer', LI.name));
    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ code: 'not-ticket-owner', action: 'reply to the customer', ownerId: LI.id, ownerName: LI.name });
    expect((error as NotTicketOwner).extensions()).toEqual({ ownerId: LI.id, ownerName: LI.name });
    expect(error.message).toContain(LI.name);
  });

  it('refuses a supervisor who is not the owner too', () => {
    const error = errorFrom(() => FirstResponderPolicy.assertOwner(anOwnedTicket({}, LI), SUPERVISOR, 'reply', LI.name));
    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: LI.id, ownerName: LI.name });
  });

  it('refuses everyone on an unowned ticket, with a null owner', () => {
    const error = errorFrom(() => FirstResponderPolicy.assertOwner(aTicket(), LI, 'change the status', null));
    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: null, ownerName: null });
    expect(error.message).toMatch(/claim it/);
  });
});

describe('FirstResponderPolicy.assertSupervisor', () => {
  it.each([SUPERVISOR, ADMIN])('accepts a $role', (agent) => {
    expect(() => FirstResponderPolicy.assertSupervisor(agent, 'reassign a ticket')).not.toThrow();
  });

  it.each([LI, SENIOR])('refuses an $role with RoleRequired', (agent) => {
    const error = errorFrom(() => FirstResponderPolicy.assertSupervisor(agent, 'reassign a ticket'));
    expect(error).toBeInstanceOf(RoleRequired);
    expect(error).toMatchObject({ code: 'role-required', roles: ['supervisor', 'admin'] });
    expect((error as RoleRequired).extensions()).toEqual({ requiredRoles: ['supervisor', 'admin'] });
  });
});
