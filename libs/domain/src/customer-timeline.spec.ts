import { toCustomerTimelineEntry, toIntegrationTimelineEntry } from './customer-timeline.js';
import { at, CUSTOMER, LI, SAM, SUPERVISOR } from './testing/ticket.builder.js';
import type { NewTicketEvent, TicketEvent } from './ticket-events.js';

const LI_ACTOR = { type: 'agent' as const, id: LI.id, name: LI.name };
const SUPERVISOR_ACTOR = { type: 'agent' as const, id: SUPERVISOR.id, name: SUPERVISOR.name };
const CUSTOMER_ACTOR = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };
const AT = at(42 * 60_000);

function stored(event: NewTicketEvent, seq = 7): TicketEvent {
  return { ...event, ticketId: 'ticket-1', seq, createdAt: AT } as TicketEvent;
}

describe('toCustomerTimelineEntry: what stays inside', () => {
  it.each<NewTicketEvent>([
    { type: 'internal_note_added', visibility: 'internal', actor: LI_ACTOR, payload: { messageId: 'm', body: 'Customer seems upset' } },
    { type: 'handoff_proposed', visibility: 'internal', actor: LI_ACTOR, payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name, note: 'n' } },
    { type: 'handoff_declined', visibility: 'internal', actor: LI_ACTOR, payload: { fromAgentId: LI.id, toAgentId: SAM.id, withdrawn: true } },
    { type: 'escalation_requested', visibility: 'internal', actor: LI_ACTOR, payload: { fromLevel: 0, toLevel: 2, reason: 'r', watcherIds: [SUPERVISOR.id] } },
    { type: 'repeat_contact', visibility: 'internal', actor: CUSTOMER_ACTOR, payload: { ticketId: 'ticket-2', code: 'FH-22222' } },
  ])('hides an internal $type event', (event) => {
    expect(toCustomerTimelineEntry(stored(event))).toBeNull();
  });

  it('hides a mail on the ticket that is not surely the customer’s, and shows their verified one', () => {
    const mail = (unverified: boolean): NewTicketEvent => ({
      type: 'customer_replied',
      visibility: 'public',
      actor: CUSTOMER_ACTOR,
      payload: { messageId: 'm', body: 'Close this and refund me to my new account.', channel: 'email', from: 'someone@else.example', ...(unverified ? { unverified: true } : {}) },
    });
    expect(toCustomerTimelineEntry(stored(mail(true)))).toBeNull();
    expect(toCustomerTimelineEntry(stored(mail(false)))).toMatchObject({ type: 'customer_replied', data: { body: 'Close this and refund me to my new account.', channel: 'email' } });
    expect(toCustomerTimelineEntry(stored(mail(false)))!.data).not.toHaveProperty('copiedPerson');
  });

  it("names who wrote a copied person's mail, so the customer's page does not say \"you wrote\"", () => {
    const event: NewTicketEvent = { type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { messageId: 'm', body: 'Shipping too, please.', channel: 'email', from: 'boss@acme.example', copiedPerson: true } };
    expect(toCustomerTimelineEntry(stored(event))).toMatchObject({ data: { body: 'Shipping too, please.', copiedPerson: 'boss@acme.example' } });
  });

  it("says which files of the customer's mail were not attached, as their acknowledgement did, and nothing when none were left out", () => {
    const lost = [{ filename: 'p21.png', why: 'count' as const }, { filename: '', why: 'count' as const, unnamed: 920 }];
    const reply: NewTicketEvent = { type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { messageId: 'm', body: 'Photos', channel: 'email', filesNotAttached: lost } };
    expect(toCustomerTimelineEntry(stored(reply))!.data.filesNotAttached).toEqual(lost);
    const opening: NewTicketEvent = {
      type: 'created',
      visibility: 'public',
      actor: CUSTOMER_ACTOR,
      payload: { code: 'FH-7K3QX', subject: 'Dented', channel: 'email', kind: 'problem', priority: 'normal', tier: 'standard', repeatOfTicketId: null, filesNotAttached: lost.slice(0, 1) },
    };
    expect(toCustomerTimelineEntry(stored(opening))!.data.filesNotAttached).toEqual(lost.slice(0, 1));
    expect(toCustomerTimelineEntry(stored({ ...reply, payload: { messageId: 'm', body: 'Photos', channel: 'email' } }))!.data).not.toHaveProperty('filesNotAttached');
  });

  it('hides any event marked internal, whatever its type', () => {
    const event: NewTicketEvent = { type: 'agent_replied', visibility: 'internal', actor: LI_ACTOR, payload: { messageId: 'm', body: 'secret' } };

    expect(toCustomerTimelineEntry(stored(event))).toBeNull();
  });

  it('shows a reassignment by the new owner’s name only, without the reason or agent ids', () => {
    const entry = toCustomerTimelineEntry(
      stored({
        type: 'reassigned',
        visibility: 'public',
        actor: SUPERVISOR_ACTOR,
        payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name, reason: 'Li keeps missing updates' },
      }),
    );

    expect(entry).toEqual({ seq: 7, type: 'reassigned', at: AT.toISOString(), by: { type: 'agent', name: SUPERVISOR.name }, data: { ownerName: SAM.name } });
    expect(JSON.stringify(entry)).not.toContain('missing updates');
    expect(JSON.stringify(entry)).not.toContain(LI.id);
    expect(JSON.stringify(entry)).not.toContain(SAM.id);
  });

  it('shows an accepted handoff by the new owner’s name only', () => {
    const entry = toCustomerTimelineEntry(
      stored({ type: 'handoff_accepted', visibility: 'public', actor: { type: 'agent', id: SAM.id, name: SAM.name }, payload: { fromAgentId: LI.id, toAgentId: SAM.id, toAgentName: SAM.name } }),
    );

    expect(entry?.data).toEqual({ ownerName: SAM.name });
  });

  it('does not reveal an actor’s id', () => {
    const entry = toCustomerTimelineEntry(stored({ type: 'claimed', visibility: 'public', actor: LI_ACTOR, payload: { ownerId: LI.id, ownerName: LI.name, via: 'claim' } }));

    expect(entry).toEqual({ seq: 7, type: 'claimed', at: AT.toISOString(), by: { type: 'agent', name: LI.name }, data: { ownerName: LI.name } });
    expect(JSON.stringify(entry)).not.toContain(LI.id);
  });
});

describe('toCustomerTimelineEntry: what the customer sees', () => {
  it('shows the ticket opening with its code, subject and channel, not its internal classification', () => {
    const entry = toCustomerTimelineEntry(
      stored(
        {
          type: 'created',
          visibility: 'public',
          actor: CUSTOMER_ACTOR,
          payload: { code: 'FH-7K3QX', subject: 'Charged twice', channel: 'web', kind: 'complaint', priority: 'urgent', tier: 'vip', repeatOfTicketId: 'ticket-0' },
        },
        1,
      ),
    );

    expect(entry).toEqual({ seq: 1, type: 'created', at: AT.toISOString(), by: { type: 'customer', name: CUSTOMER.name }, data: { code: 'FH-7K3QX', subject: 'Charged twice', channel: 'web' } });
  });

  it.each(['agent_replied', 'customer_replied'] as const)('shows a %s body', (type) => {
    const actor = type === 'agent_replied' ? LI_ACTOR : CUSTOMER_ACTOR;
    const entry = toCustomerTimelineEntry(stored({ type, visibility: 'public', actor, payload: { messageId: 'm-1', body: 'Hello' } }));

    const data = type === 'customer_replied' ? { body: 'Hello', channel: 'web' } : { body: 'Hello' };
    expect(entry).toEqual({ seq: 7, type, at: AT.toISOString(), by: { type: actor.type, name: actor.name }, data });
  });

  it('shows the channel of a customer mail, but not the sender address', () => {
    const payload = { messageId: 'm-1', body: 'Hello', channel: 'email' as const, from: 'zhang@example.com' };
    const entry = toCustomerTimelineEntry(stored({ type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload }));

    expect(entry?.data).toEqual({ body: 'Hello', channel: 'email' });
  });

  it('shows a status change with its resolution', () => {
    const entry = toCustomerTimelineEntry(stored({ type: 'status_changed', visibility: 'public', actor: LI_ACTOR, payload: { from: 'open', to: 'resolved', resolution: 'Refunded' } }));

    expect(entry?.data).toEqual({ from: 'open', to: 'resolved', resolution: 'Refunded' });
  });

  it('shows a status change without a resolution as null, and a system actor without a name', () => {
    const entry = toCustomerTimelineEntry(stored({ type: 'status_changed', visibility: 'public', actor: { type: 'system' }, payload: { from: 'resolved', to: 'closed' } }));

    expect(entry).toEqual({ seq: 7, type: 'status_changed', at: AT.toISOString(), by: { type: 'system', name: null }, data: { from: 'resolved', to: 'closed', resolution: null } });
  });

  it('shows a reopen without internal counters', () => {
    const entry = toCustomerTimelineEntry(stored({ type: 'reopened', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { from: 'resolved', reopenCount: 3 } }));

    expect(entry?.data).toEqual({});
    expect(entry?.type).toBe('reopened');
  });

  it('shows the customer’s rating', () => {
    const entry = toCustomerTimelineEntry(stored({ type: 'rated', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { rating: 4, comment: 'Fine' } }));

    expect(entry?.data).toEqual({ rating: 4, comment: 'Fine' });
  });

  it('keeps the timeline in seq order when mapped over a list, dropping internal events', () => {
    const events = [
      stored({ type: 'claimed', visibility: 'public', actor: LI_ACTOR, payload: { ownerId: LI.id, ownerName: LI.name, via: 'claim' } }, 2),
      stored({ type: 'internal_note_added', visibility: 'internal', actor: LI_ACTOR, payload: { messageId: 'm', body: 'x' } }, 3),
      stored({ type: 'agent_replied', visibility: 'public', actor: LI_ACTOR, payload: { messageId: 'm2', body: 'y' } }, 4),
    ];

    const timeline = events.map(toCustomerTimelineEntry).filter((e) => e !== null);

    expect(timeline.map((e) => e.seq)).toEqual([2, 4]);
  });
});

describe('toIntegrationTimelineEntry: what a webhook endpoint receives', () => {
  const mail = (unverified: boolean): NewTicketEvent => ({
    type: 'customer_replied',
    visibility: 'public',
    actor: CUSTOMER_ACTOR,
    payload: { messageId: 'm', body: 'Close this and refund me.', channel: 'email', from: 'someone@else.example', ...(unverified ? { unverified: true } : {}) },
  });

  it('delivers a mail kept off the customer’s page, marked unverified and with its sender, never null', () => {
    expect(toIntegrationTimelineEntry(stored(mail(true)))).toEqual({
      seq: 7,
      type: 'customer_replied',
      at: AT.toISOString(),
      by: { type: 'customer', name: CUSTOMER.name },
      data: { body: 'Close this and refund me.', channel: 'email', unverified: true, from: 'someone@else.example' },
    });
  });

  it('marks every customer reply, verified ones unverified: false, and is otherwise the customer’s view', () => {
    expect(toIntegrationTimelineEntry(stored(mail(false)))).toEqual({ ...toCustomerTimelineEntry(stored(mail(false))), data: { body: 'Close this and refund me.', channel: 'email', unverified: false } });
    const web: NewTicketEvent = { type: 'customer_replied', visibility: 'public', actor: CUSTOMER_ACTOR, payload: { messageId: 'w', body: 'Thanks' } };
    expect(toIntegrationTimelineEntry(stored(web))?.data).toEqual({ body: 'Thanks', channel: 'web', unverified: false });
    const reply: NewTicketEvent = { type: 'agent_replied', visibility: 'public', actor: LI_ACTOR, payload: { messageId: 'a', body: 'Done' } };
    expect(toIntegrationTimelineEntry(stored(reply))).toEqual(toCustomerTimelineEntry(stored(reply)));
  });

  it('leaves internal events out', () => {
    const note: NewTicketEvent = { type: 'internal_note_added', visibility: 'internal', actor: LI_ACTOR, payload: { messageId: 'n', body: 'upset' } };
    expect(toIntegrationTimelineEntry(stored(note))).toBeNull();
  });
});
