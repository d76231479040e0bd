import { openTicket, type OpenTicketInput } from './open-ticket.js';
import type { EarlierTicket } from './repeat-contact.js';
import type { SlaTargets } from './sla-clock.js';
import { at, CUSTOMER, DAY_MS, LI, T0 } from './testing/ticket.builder.js';

const MIN = 60_000;
const SLA: SlaTargets = { firstResponseMinutes: 60, updateCadenceMinutes: 240, resolutionMinutes: 3 * 24 * 60 };
const CUSTOMER_ACTOR = { type: 'customer' as const, id: CUSTOMER.id, name: CUSTOMER.name };

const input = (overrides: Partial<OpenTicketInput> = {}): OpenTicketInput => ({
  code: 'FH-7K3QX',
  subject: 'Charged twice',
  channel: 'web',
  kind: 'problem',
  priority: 'high',
  tier: 'member',
  openedBy: CUSTOMER_ACTOR,
  repeatOf: null,
  now: T0,
  ...overrides,
});

const earlier: EarlierTicket = { id: 'ticket-0', code: 'FH-00AB1', status: 'resolved', ownerId: LI.id, teamId: 'team-billing', createdAt: at(-5 * DAY_MS), resolvedAt: at(-2 * DAY_MS) };

describe('openTicket', () => {
  it('opens a new, unowned ticket with its due times and a public created event', () => {
    const opened = openTicket(input(), SLA, 'ticket-1');

    expect(opened).toEqual({
      status: 'new',
      firstResponseDueAt: at(60 * MIN),
      resolutionDueAt: at(3 * 24 * 60 * MIN),
      plannedTargets: { firstResponseMinutes: SLA.firstResponseMinutes, resolutionMinutes: SLA.resolutionMinutes },
      repeatOfTicketId: null,
      offeredToId: null,
      events: [
        {
          type: 'created',
          visibility: 'public',
          actor: CUSTOMER_ACTOR,
          payload: { code: 'FH-7K3QX', subject: 'Charged twice', channel: 'web', kind: 'problem', priority: 'high', tier: 'member', repeatOfTicketId: null },
        },
      ],
      repeatOriginEvent: null,
    });
  });

  it('has no owner or first responder to report', () => {
    const opened = openTicket(input(), SLA, 'ticket-1');

    expect(opened).not.toHaveProperty('ownerId');
    expect(opened).not.toHaveProperty('firstResponderId');
  });

  it('records an agent who opens it on the customer’s behalf as the actor, without making them owner', () => {
    const agent = { type: 'agent' as const, id: LI.id, name: LI.name };
    const opened = openTicket(input({ openedBy: agent, channel: 'phone' }), SLA, 'ticket-1');

    expect(opened.events[0]).toMatchObject({ actor: agent, payload: { channel: 'phone' } });
    expect(opened.status).toBe('new');
    expect(opened.offeredToId).toBeNull();
  });

  it('gives a complaint at most 24 hours to resolution', () => {
    const opened = openTicket(input({ kind: 'complaint', priority: 'low' }), SLA, 'ticket-1');

    expect(opened.resolutionDueAt).toEqual(at(24 * 60 * MIN));
    expect(opened.firstResponseDueAt).toEqual(at(60 * MIN));
  });

  it('links a repeat contact to the earlier ticket and offers it to that ticket’s owner', () => {
    const opened = openTicket(input({ repeatOf: earlier }), SLA, 'ticket-1');

    expect(opened.status).toBe('new');
    expect(opened.repeatOfTicketId).toBe('ticket-0');
    expect(opened.offeredToId).toBe(LI.id);
    expect(opened.events[0]).toMatchObject({ type: 'created', payload: { repeatOfTicketId: 'ticket-0' } });
  });

  it('adds an internal repeat_contact event for the earlier ticket naming the new one', () => {
    const opened = openTicket(input({ repeatOf: earlier }), SLA, 'ticket-1');

    expect(opened.repeatOriginEvent).toEqual({ type: 'repeat_contact', visibility: 'internal', actor: CUSTOMER_ACTOR, payload: { ticketId: 'ticket-1', code: 'FH-7K3QX' } });
  });

  it('links a repeat of an unowned ticket without offering it to anyone', () => {
    const opened = openTicket(input({ repeatOf: { ...earlier, status: 'new', ownerId: null, resolvedAt: null } }), SLA, 'ticket-1');

    expect(opened.repeatOfTicketId).toBe('ticket-0');
    expect(opened.offeredToId).toBeNull();
  });
});
