import { claimTicket } from './claim-ticket.js';
import { TicketOwnedByAnother, TransitionNotAllowed } from './domain-errors.js';
import { aTicket, anOwnedTicket, at, errorFrom, LI, SAM, SLA } from './testing/ticket.builder.js';

const NOW = at(15 * 60_000);

describe('claimTicket', () => {
  it('makes the agent owner and first responder of an unowned new ticket and opens it', () => {
    const decision = claimTicket(aTicket(), LI, NOW, SLA);

    expect(decision.patch).toEqual({
      ownerId: LI.id,
      firstResponderId: LI.id,
      firstResponseAt: NOW,
      status: 'open',
      offeredToId: null,
      lastCustomerVisibleUpdateAt: NOW,
      nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, NOW),
    });
  });

  it('records a public claimed event by the agent, via claim by default', () => {
    const decision = claimTicket(aTicket(), LI, NOW, SLA);

    expect(decision.events).toEqual([
      {
        type: 'claimed',
        visibility: 'public',
        actor: { type: 'agent', id: LI.id, name: LI.name },
        payload: { ownerId: LI.id, ownerName: LI.name, via: 'claim' },
      },
    ]);
    expect(decision.message).toBeUndefined();
  });

  it('records via reply when the claim comes from a first public reply', () => {
    const decision = claimTicket(aTicket(), SAM, NOW, SLA, 'reply');

    expect(decision.events[0]).toMatchObject({ type: 'claimed', payload: { ownerId: SAM.id, ownerName: SAM.name, via: 'reply' } });
  });

  it('clears a repeat-contact offer: whoever claims it owns it', () => {
    const decision = claimTicket(aTicket({ offeredToId: SAM.id }), LI, NOW, SLA);

    expect(decision.patch).toMatchObject({ ownerId: LI.id, offeredToId: null });
  });

  it('refuses a ticket someone else owns with TicketOwnedByAnother carrying the owner id', () => {
    const error = errorFrom(() => claimTicket(anOwnedTicket({}, SAM), LI, NOW, SLA));

    expect(error).toBeInstanceOf(TicketOwnedByAnother);
    expect(error).toMatchObject({ ownerId: SAM.id });
  });

  it('refuses a second claim by the owner as well', () => {
    const error = errorFrom(() => claimTicket(anOwnedTicket({}, LI), LI, NOW, SLA));

    expect(error).toBeInstanceOf(TicketOwnedByAnother);
    expect(error).toMatchObject({ ownerId: LI.id });
  });

  it.each(['open', 'pending_customer', 'resolved', 'closed'] as const)('refuses an unowned ticket that is %s, not new', (status) => {
    const error = errorFrom(() => claimTicket(aTicket({ status }), LI, NOW, SLA));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status, to: 'open' });
  });
});
