import { NotTicketOwner, TransitionNotAllowed } from './domain-errors.js';
import { requestEscalation } from './escalation-request.js';
import { aResolvedTicket, aTicket, anOwnedTicket, errorFrom, LI, SAM, SENIOR, SUPERVISOR } from './testing/ticket.builder.js';
import type { EscalationLevel } from './vocabulary.js';

const WATCHERS = [SENIOR.id, SUPERVISOR.id];

describe('requestEscalation', () => {
  it.each([
    [0, 2],
    [1, 2],
    [2, 3],
    [3, 3],
  ] as const)('raises level %i to %i', (from, to) => {
    const decision = requestEscalation(anOwnedTicket({ escalationLevel: from as EscalationLevel }), LI, 'Needs a refund override', WATCHERS, LI.name);

    expect(decision.patch).toEqual({ escalationLevel: to });
    expect(decision.events).toEqual([
      {
        type: 'escalation_requested',
        visibility: 'internal',
        actor: { type: 'agent', id: LI.id, name: LI.name },
        payload: { fromLevel: from, toLevel: to, reason: 'Needs a refund override', watcherIds: WATCHERS },
      },
    ]);
  });

  it('adds the seniors and supervisors as watchers', () => {
    const decision = requestEscalation(anOwnedTicket(), LI, 'r', WATCHERS, LI.name);

    expect(decision.addWatcherIds).toEqual(WATCHERS);
  });

  it('never lists the owner as a watcher, even when the owner is a senior', () => {
    const ticket = anOwnedTicket({}, SENIOR);
    const decision = requestEscalation(ticket, SENIOR, 'r', [SENIOR.id, SUPERVISOR.id], SENIOR.name);

    expect(decision.addWatcherIds).toEqual([SUPERVISOR.id]);
    expect(decision.events[0]).toMatchObject({ payload: { watcherIds: [SUPERVISOR.id] } });
  });

  it('accepts an escalation with nobody to add as a watcher', () => {
    const decision = requestEscalation(anOwnedTicket(), LI, 'r', [LI.id], LI.name);

    expect(decision.addWatcherIds).toEqual([]);
    expect(decision.patch).toEqual({ escalationLevel: 2 });
  });

  it('never moves ownership or the first responder', () => {
    const decision = requestEscalation(anOwnedTicket({ escalationLevel: 2 }), LI, 'r', WATCHERS, LI.name);

    expect(Object.keys(decision.patch)).toEqual(['escalationLevel']);
  });

  it('works while the ticket waits for the customer', () => {
    const decision = requestEscalation(anOwnedTicket({ status: 'pending_customer' }), LI, 'r', WATCHERS, LI.name);

    expect(decision.patch).toEqual({ escalationLevel: 2 });
  });

  it('refuses an agent who does not own the ticket with NotTicketOwner naming the owner', () => {
    const error = errorFrom(() => requestEscalation(anOwnedTicket(), SAM, 'r', WATCHERS, LI.name));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ action: 'escalate', ownerId: LI.id, ownerName: LI.name });
  });

  it('refuses an unowned ticket', () => {
    const error = errorFrom(() => requestEscalation(aTicket(), LI, 'r', WATCHERS, null));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: null, ownerName: null });
  });

  it.each(['resolved', 'closed'] as const)('refuses a %s ticket', (status) => {
    const error = errorFrom(() => requestEscalation(aResolvedTicket({ status }), LI, 'r', WATCHERS, LI.name));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status });
  });
});
