import { HandoffConflict, InvalidAssignee, NotTicketOwner, RoleRequired, TransitionNotAllowed } from './domain-errors.js';
import { acceptHandoff, declineHandoff, proposeHandoff, reassignTicket, type Assignee } from './handoff.js';
import { ADMIN, aResolvedTicket, aTicket, anOwnedTicket, at, errorFrom, LI, SAM, SENIOR, SUPERVISOR } from './testing/ticket.builder.js';
import type { ActingAgent } from './ticket.js';

const NOW = at(2 * 60 * 60_000);
const asAssignee = (agent: ActingAgent, active = true): Assignee => ({ id: agent.id, name: agent.name, active, role: agent.role });
const actor = (agent: ActingAgent) => ({ type: 'agent' as const, id: agent.id, name: agent.name });

describe('proposeHandoff', () => {
  it('records the proposal; the proposer still owns the ticket', () => {
    const decision = proposeHandoff(anOwnedTicket(), LI, asAssignee(SAM), 'Sam knows the billing system', LI.name);

    expect(decision.patch).toEqual({ pendingHandoffToId: SAM.id, handoffNote: 'Sam knows the billing system' });
    expect(decision.patch).not.toHaveProperty('ownerId');
    expect(decision.events).toEqual([
      {
        type: 'handoff_proposed',
        visibility: 'internal',
        actor: actor(LI),
        payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name, note: 'Sam knows the billing system' },
      },
    ]);
  });

  it('works from pending_customer too', () => {
    const decision = proposeHandoff(anOwnedTicket({ status: 'pending_customer' }), LI, asAssignee(SAM), 'n', LI.name);

    expect(decision.patch).toMatchObject({ pendingHandoffToId: SAM.id });
  });

  it('refuses a proposal by someone other than the owner with NotTicketOwner naming the owner', () => {
    const error = errorFrom(() => proposeHandoff(anOwnedTicket(), SAM, asAssignee(SENIOR), 'n', LI.name));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ action: 'hand the ticket off', ownerId: LI.id, ownerName: LI.name });
  });

  it('refuses a proposal on an unowned ticket', () => {
    const error = errorFrom(() => proposeHandoff(aTicket(), LI, asAssignee(SAM), 'n', null));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: null });
  });

  it('refuses a handoff to oneself', () => {
    const error = errorFrom(() => proposeHandoff(anOwnedTicket(), LI, asAssignee(LI), 'n', LI.name));

    expect(error).toBeInstanceOf(InvalidAssignee);
    expect(error).toMatchObject({ code: 'invalid-assignee' });
  });

  it('refuses a handoff to a disabled agent, naming them', () => {
    const error = errorFrom(() => proposeHandoff(anOwnedTicket(), LI, asAssignee(SAM, false), 'n', LI.name));

    expect(error).toBeInstanceOf(InvalidAssignee);
    expect(error.message).toContain(SAM.name);
  });

  it('refuses a handoff or a reassignment to a supervisor or an admin, who are not handed tickets; a senior may be', () => {
    for (const overseer of [SUPERVISOR, ADMIN]) {
      const error = errorFrom(() => proposeHandoff(anOwnedTicket(), LI, asAssignee(overseer), 'n', LI.name));
      expect(error).toBeInstanceOf(InvalidAssignee);
      expect(error.message).toContain(overseer.name);
      expect(errorFrom(() => reassignTicket(anOwnedTicket(), SUPERVISOR, asAssignee(overseer), 'r', NOW))).toBeInstanceOf(InvalidAssignee);
    }
    expect(proposeHandoff(anOwnedTicket(), LI, asAssignee(SENIOR), 'n', LI.name).patch.pendingHandoffToId).toBe(SENIOR.id);
  });

  it('refuses a handoff to an agent that does not exist', () => {
    const error = errorFrom(() => proposeHandoff(anOwnedTicket(), LI, null, 'n', LI.name));

    expect(error).toBeInstanceOf(InvalidAssignee);
  });

  it('refuses a second proposal while one is pending, naming the pending agent', () => {
    const error = errorFrom(() => proposeHandoff(anOwnedTicket({ pendingHandoffToId: SAM.id }), LI, asAssignee(SENIOR), 'n', LI.name));

    expect(error).toBeInstanceOf(HandoffConflict);
    expect(error).toMatchObject({ code: 'handoff-conflict', pendingToId: SAM.id });
    expect((error as HandoffConflict).extensions()).toEqual({ reason: 'handoff-waiting', pendingHandoffToId: SAM.id });
  });

  it.each(['resolved', 'closed'] as const)('refuses a handoff of a %s ticket', (status) => {
    const error = errorFrom(() => proposeHandoff(aResolvedTicket({ status }), LI, asAssignee(SAM), 'n', LI.name));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status });
  });
});

describe('acceptHandoff', () => {
  const pending = () => anOwnedTicket({ pendingHandoffToId: SAM.id, transferCount: 0 });

  it('moves ownership to the accepting agent and counts the transfer', () => {
    const decision = acceptHandoff(pending(), SAM, NOW);

    expect(decision.patch).toEqual({ ownerId: SAM.id, pendingHandoffToId: null, handoffNote: null, transferCount: 1, lastCustomerVisibleUpdateAt: NOW });
    expect(decision.events).toEqual([
      { type: 'handoff_accepted', visibility: 'public', actor: actor(SAM), payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name } },
    ]);
  });

  it('keeps the first responder: the patch never touches it', () => {
    const decision = acceptHandoff(anOwnedTicket({ pendingHandoffToId: SAM.id, firstResponderId: LI.id }), SAM, NOW);

    expect(decision.patch).not.toHaveProperty('firstResponderId');
    expect(decision.patch).not.toHaveProperty('firstResponseAt');
  });

  it('adds to an existing transfer count', () => {
    const decision = acceptHandoff(anOwnedTicket({ pendingHandoffToId: SAM.id, transferCount: 2 }), SAM, NOW);

    expect(decision.patch).toMatchObject({ transferCount: 3 });
  });

  it('refuses an agent the handoff was not proposed to, naming the pending agent', () => {
    const error = errorFrom(() => acceptHandoff(pending(), SENIOR, NOW));

    expect(error).toBeInstanceOf(HandoffConflict);
    expect(error).toMatchObject({ pendingToId: SAM.id });
  });

  it('refuses the owner accepting their own proposal', () => {
    const error = errorFrom(() => acceptHandoff(pending(), LI, NOW));

    expect(error).toBeInstanceOf(HandoffConflict);
  });

  it('refuses when no handoff is pending', () => {
    const error = errorFrom(() => acceptHandoff(anOwnedTicket(), SAM, NOW));

    expect(error).toBeInstanceOf(HandoffConflict);
    expect(error).toMatchObject({ pendingToId: null });
  });

  it.each(['resolved', 'closed'] as const)('refuses on a %s ticket even if a proposal was left pending', (status) => {
    const error = errorFrom(() => acceptHandoff(aResolvedTicket({ status, pendingHandoffToId: SAM.id }), SAM, NOW));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status });
  });
});

describe('declineHandoff', () => {
  const pending = () => anOwnedTicket({ pendingHandoffToId: SAM.id });

  it('lets the proposed agent decline; ownership stays', () => {
    const decision = declineHandoff(pending(), SAM);

    expect(decision.patch).toEqual({ pendingHandoffToId: null, handoffNote: null });
    expect(decision.events).toEqual([
      { type: 'handoff_declined', visibility: 'internal', actor: actor(SAM), payload: { fromAgentId: LI.id, toAgentId: SAM.id, withdrawn: false } },
    ]);
  });

  it('lets the owner withdraw the proposal', () => {
    const decision = declineHandoff(pending(), LI);

    expect(decision.patch).toEqual({ pendingHandoffToId: null, handoffNote: null });
    expect(decision.events).toEqual([
      { type: 'handoff_declined', visibility: 'internal', actor: actor(LI), payload: { fromAgentId: LI.id, toAgentId: SAM.id, withdrawn: true } },
    ]);
  });

  it('refuses a third agent', () => {
    const error = errorFrom(() => declineHandoff(pending(), SENIOR));

    expect(error).toBeInstanceOf(HandoffConflict);
    expect(error).toMatchObject({ pendingToId: SAM.id });
  });

  it.each([
    ['the owner', LI],
    ['another agent', SAM],
  ])('refuses %s when nothing is pending', (_who, agent) => {
    const error = errorFrom(() => declineHandoff(anOwnedTicket(), agent));

    expect(error).toBeInstanceOf(HandoffConflict);
    expect(error).toMatchObject({ pendingToId: null });
  });
});

describe('reassignTicket', () => {
  it('moves ownership at once, with the reason, and counts a transfer from the previous owner', () => {
    const decision = reassignTicket(anOwnedTicket({ transferCount: 1 }), SUPERVISOR, asAssignee(SAM), 'Li is on leave', NOW);

    expect(decision.patch).toEqual({
      ownerId: SAM.id,
      pendingHandoffToId: null,
      handoffNote: null,
      offeredToId: null,
      transferCount: 2,
      lastCustomerVisibleUpdateAt: NOW,
    });
    expect(decision.events).toEqual([
      { type: 'reassigned', visibility: 'public', actor: actor(SUPERVISOR), payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name, reason: 'Li is on leave' } },
    ]);
  });

  it('keeps the first responder and the status of an owned ticket', () => {
    const decision = reassignTicket(anOwnedTicket({ status: 'pending_customer' }), SUPERVISOR, asAssignee(SAM), 'r', NOW);

    expect(decision.patch).not.toHaveProperty('firstResponderId');
    expect(decision.patch).not.toHaveProperty('status');
  });

  it('cancels a pending handoff', () => {
    const decision = reassignTicket(anOwnedTicket({ pendingHandoffToId: SENIOR.id }), SUPERVISOR, asAssignee(SAM), 'r', NOW);

    expect(decision.patch).toMatchObject({ ownerId: SAM.id, pendingHandoffToId: null, handoffNote: null });
  });

  it('lets an admin reassign', () => {
    const decision = reassignTicket(anOwnedTicket(), ADMIN, asAssignee(SAM), 'r', NOW);

    expect(decision.patch).toMatchObject({ ownerId: SAM.id });
  });

  it('assigns an unowned new ticket: it becomes open, without a transfer or a first responder', () => {
    const decision = reassignTicket(aTicket({ transferCount: 0, offeredToId: LI.id }), SUPERVISOR, asAssignee(SAM), 'Queue is backed up', NOW);

    expect(decision.patch).toEqual({
      ownerId: SAM.id,
      status: 'open',
      pendingHandoffToId: null,
      handoffNote: null,
      offeredToId: null,
      transferCount: 0,
      lastCustomerVisibleUpdateAt: NOW,
    });
    expect(decision.events[0]).toMatchObject({ type: 'reassigned', payload: { fromAgentId: null, toAgentId: SAM.id } });
  });

  it.each([LI, SENIOR])('refuses an $role with RoleRequired', (agent) => {
    const error = errorFrom(() => reassignTicket(anOwnedTicket(), agent, asAssignee(SAM), 'r', NOW));

    expect(error).toBeInstanceOf(RoleRequired);
    expect(error).toMatchObject({ roles: ['supervisor', 'admin'] });
  });

  it('refuses the owner reassigning to someone without the supervisor role', () => {
    const error = errorFrom(() => reassignTicket(anOwnedTicket(), LI, asAssignee(SAM), 'r', NOW));

    expect(error).toBeInstanceOf(RoleRequired);
  });

  it('refuses reassigning to the current owner', () => {
    const error = errorFrom(() => reassignTicket(anOwnedTicket(), SUPERVISOR, asAssignee(LI), 'r', NOW));

    expect(error).toBeInstanceOf(InvalidAssignee);
    expect(error.message).toContain(LI.name);
  });

  it('refuses a disabled agent', () => {
    const error = errorFrom(() => reassignTicket(anOwnedTicket(), SUPERVISOR, asAssignee(SAM, false), 'r', NOW));

    expect(error).toBeInstanceOf(InvalidAssignee);
    expect(error.message).toContain(SAM.name);
  });

  it('refuses a missing agent', () => {
    const error = errorFrom(() => reassignTicket(anOwnedTicket(), SUPERVISOR, null, 'r', NOW));

    expect(error).toBeInstanceOf(InvalidAssignee);
  });

  it.each(['resolved', 'closed'] as const)('refuses a %s ticket', (status) => {
    const error = errorFrom(() => reassignTicket(aResolvedTicket({ status }), SUPERVISOR, asAssignee(SAM), 'r', NOW));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status });
  });
});
