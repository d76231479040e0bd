import { postAgentMessage, type AgentMessageInput } from './agent-message.js';
import { ExpectedSeqAhead, NotTicketOwner, StaleTicketView, TransitionNotAllowed } from './domain-errors.js';
import { aResolvedTicket, aStoredEvent, aTicket, anOwnedTicket, at, CUSTOMER, errorFrom, LI, SAM, SLA, SUPERVISOR } from './testing/ticket.builder.js';
import type { TicketEvent } from './ticket-events.js';

const NOW = at(3 * 60 * 60_000);
const CUSTOMER_ACTOR = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };
const SAM_ACTOR = { type: 'agent' as const, id: SAM.id, name: SAM.name };

const reply = (overrides: Partial<AgentMessageInput> = {}): AgentMessageInput => ({ messageId: 'msg-1', body: 'Refund issued.', visibility: 'public', ...overrides });
const note = (overrides: Partial<AgentMessageInput> = {}): AgentMessageInput => ({ messageId: 'msg-2', body: 'Ledger shows two captures.', visibility: 'internal', ...overrides });
const context = (ownerName: string | null = LI.name, eventsAfterExpected: TicketEvent[] = []) => ({ now: NOW, sla: SLA, ownerName, eventsAfterExpected });

describe('postAgentMessage: public replies', () => {
  it('lets the owner reply, recording a public agent_replied event and the message', () => {
    const decision = postAgentMessage(anOwnedTicket(), LI, reply(), context());

    expect(decision.events).toEqual([
      { type: 'agent_replied', visibility: 'public', actor: { type: 'agent', id: LI.id, name: LI.name }, payload: { messageId: 'msg-1', body: 'Refund issued.' } },
    ]);
    expect(decision.message).toEqual({ id: 'msg-1', visibility: 'public', body: 'Refund issued.', authorType: 'agent', authorId: LI.id });
  });

  it('marks a customer-visible update and restarts the update cadence on an open ticket', () => {
    const decision = postAgentMessage(anOwnedTicket(), LI, reply(), context());

    expect(decision.patch).toEqual({ lastCustomerVisibleUpdateAt: NOW, nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, NOW) });
  });

  it('does not change the first responder once there is one', () => {
    const decision = postAgentMessage(anOwnedTicket(), LI, reply(), context());

    expect(decision.patch).not.toHaveProperty('firstResponderId');
    expect(decision.patch).not.toHaveProperty('firstResponseAt');
  });

  it('keeps the first responder when the current owner took over by handoff', () => {
    const ticket = anOwnedTicket({ ownerId: SAM.id, firstResponderId: LI.id, transferCount: 1 });
    const decision = postAgentMessage(ticket, SAM, reply(), context(SAM.name));

    expect(decision.patch).not.toHaveProperty('firstResponderId');
    expect(decision.patch).not.toHaveProperty('ownerId');
  });

  it('makes the owner of an assigned ticket its first responder at their first public reply', () => {
    const assigned = aTicket({ status: 'open', ownerId: SAM.id, firstResponderId: null, firstResponseAt: null });
    const decision = postAgentMessage(assigned, SAM, reply(), context(SAM.name));

    expect(decision.patch).toEqual({
      firstResponderId: SAM.id,
      firstResponseAt: NOW,
      lastCustomerVisibleUpdateAt: NOW,
      nextUpdateDueAt: at(SLA.updateCadenceMinutes * 60_000, NOW),
    });
  });

  it('leaves no update due while the ticket waits for the customer, and keeps its status', () => {
    const decision = postAgentMessage(anOwnedTicket({ status: 'pending_customer' }), LI, reply(), context());

    expect(decision.patch).toEqual({ lastCustomerVisibleUpdateAt: NOW, nextUpdateDueAt: null });
    expect(decision.patch).not.toHaveProperty('status');
  });

  it('refuses a public reply by another agent with NotTicketOwner naming the owner, changing nothing', () => {
    const ticket = anOwnedTicket();
    const before = structuredClone(ticket);
    const error = errorFrom(() => postAgentMessage(ticket, SAM, reply(), context(LI.name)));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ action: 'reply to the customer', ownerId: LI.id, ownerName: LI.name });
    expect(ticket).toEqual(before);
  });

  it('refuses a public reply by a supervisor who does not own the ticket', () => {
    const error = errorFrom(() => postAgentMessage(anOwnedTicket(), SUPERVISOR, reply(), context(LI.name)));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: LI.id, ownerName: LI.name });
  });

  it('refuses a public reply on an unowned ticket: the replier must claim it first', () => {
    const error = errorFrom(() => postAgentMessage(aTicket(), LI, reply(), context(null)));

    expect(error).toBeInstanceOf(NotTicketOwner);
    expect(error).toMatchObject({ ownerId: null, ownerName: null });
  });

  it.each(['resolved', 'closed'] as const)('refuses a public reply on a %s ticket', (status) => {
    const error = errorFrom(() => postAgentMessage(aResolvedTicket({ status }), LI, reply(), context()));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: status });
  });

  it('refuses a reply when the customer wrote after the seq the agent saw, returning the newer events', () => {
    const newer = [aStoredEvent(5, CUSTOMER_ACTOR)];
    const error = errorFrom(() => postAgentMessage(anOwnedTicket({ lastSeq: 5 }), LI, reply({ expectedSeq: 4 }), context(LI.name, newer)));

    expect(error).toBeInstanceOf(StaleTicketView);
    expect(error).toMatchObject({ expectedSeq: 4, newerEvents: newer });
  });

  it('accepts a reply when only another agent’s internal note came after the seq the agent saw', () => {
    const newer = [aStoredEvent(5, SAM_ACTOR)];
    const decision = postAgentMessage(anOwnedTicket({ lastSeq: 5 }), LI, reply({ expectedSeq: 4 }), context(LI.name, newer));

    expect(decision.events.map((e) => e.type)).toEqual(['agent_replied']);
  });

  it('accepts a reply carrying the latest seq', () => {
    const decision = postAgentMessage(anOwnedTicket({ lastSeq: 5 }), LI, reply({ expectedSeq: 5 }), context());

    expect(decision.events.map((e) => e.type)).toEqual(['agent_replied']);
  });

  it('refuses an expectedSeq ahead of the ticket with ExpectedSeqAhead', () => {
    const error = errorFrom(() => postAgentMessage(anOwnedTicket({ lastSeq: 5 }), LI, reply({ expectedSeq: 6 }), context()));

    expect(error).toBeInstanceOf(ExpectedSeqAhead);
    expect(error).toMatchObject({ expectedSeq: 6, lastSeq: 5 });
  });
});

describe('postAgentMessage: internal notes', () => {
  it('lets an agent who does not own the ticket add an internal note without touching the ticket', () => {
    const decision = postAgentMessage(anOwnedTicket(), SAM, note(), context(LI.name));

    expect(decision.patch).toEqual({});
    expect(decision.events).toEqual([
      { type: 'internal_note_added', visibility: 'internal', actor: { type: 'agent', id: SAM.id, name: SAM.name }, payload: { messageId: 'msg-2', body: 'Ledger shows two captures.' } },
    ]);
    expect(decision.message).toEqual({ id: 'msg-2', visibility: 'internal', body: 'Ledger shows two captures.', authorType: 'agent', authorId: SAM.id });
  });

  it('lets the owner add an internal note', () => {
    const decision = postAgentMessage(anOwnedTicket(), LI, note(), context());

    expect(decision.events.map((e) => e.type)).toEqual(['internal_note_added']);
  });

  it('lets an agent note an unowned ticket without claiming it or becoming first responder', () => {
    const decision = postAgentMessage(aTicket(), SAM, note(), context(null));

    expect(decision.patch).toEqual({});
    expect(decision.events.map((e) => e.type)).toEqual(['internal_note_added']);
  });

  it('accepts a note on a resolved ticket', () => {
    const decision = postAgentMessage(aResolvedTicket(), SAM, note(), context());

    expect(decision.events.map((e) => e.type)).toEqual(['internal_note_added']);
  });

  it('is not blocked by newer customer events: the stale-view guard is for public actions', () => {
    const newer = [aStoredEvent(5, CUSTOMER_ACTOR)];
    const decision = postAgentMessage(anOwnedTicket({ lastSeq: 5 }), SAM, note({ expectedSeq: 4 }), context(LI.name, newer));

    expect(decision.events.map((e) => e.type)).toEqual(['internal_note_added']);
  });

  it('refuses a note on a closed ticket', () => {
    const error = errorFrom(() => postAgentMessage(aResolvedTicket({ status: 'closed' }), SAM, note(), context()));

    expect(error).toBeInstanceOf(TransitionNotAllowed);
    expect(error).toMatchObject({ from: 'closed' });
  });
});
