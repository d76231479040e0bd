import type { TicketEvent } from '@firsthand/domain';
import { liveAgentNotice } from './live-agent-notice.js';

const ticket = { id: 't-1', code: 'FH-7K3QX' };
const at = new Date('2026-12-06T10:00:00Z');
const reply = (payload: Extract<TicketEvent, { type: 'customer_replied' }>['payload']): TicketEvent & { id: string } => ({
  id: 'e-9',
  ticketId: ticket.id,
  seq: 9,
  createdAt: at,
  type: 'customer_replied',
  visibility: 'public',
  actor: { type: 'customer', id: 'c-1', name: 'Ana Costa' },
  payload,
});

describe('liveAgentNotice', () => {
  it("names a customer's reply by the customer", () => {
    const notice = liveAgentNotice(reply({ messageId: 'm', body: 'Any news?' }), ticket, 'a-1', 'customer_replied', 'title');

    expect(notice).toEqual({ id: 'e-9-a-1', kind: 'customer_replied', ticketId: 't-1', ticketCode: 'FH-7K3QX', seq: 9, title: 'title', actorName: 'Ana Costa', at: at.toISOString() });
  });

  it('names an unverified mail by its sender and says it is unverified', () => {
    const notice = liveAgentNotice(reply({ messageId: 'm', body: 'Close this.', channel: 'email', from: 'stranger@example.com', unverified: true }), ticket, 'a-1', 'customer_replied', 'title');

    expect(notice).toMatchObject({ actorName: 'stranger@example.com', unverified: true });
  });

  it('says which SLA target an escalation is about, and at which stage', () => {
    const event: TicketEvent & { id: string } = {
      id: 'e-5',
      ticketId: ticket.id,
      seq: 5,
      createdAt: at,
      type: 'sla_escalated',
      visibility: 'internal',
      actor: { type: 'system' },
      payload: { target: 'first_response', stage: 'critical', dueAt: at.toISOString(), fromLevel: 2, toLevel: 3, watcherIds: [], notifiedIds: [], priority: null },
    };

    expect(liveAgentNotice(event, ticket, 'a-1', 'sla_escalated', 'title').sla).toEqual({ target: 'first_response', stage: 'critical' });
  });

  it('points a repeat contact at the new ticket', () => {
    const event: TicketEvent & { id: string } = {
      id: 'e-3',
      ticketId: ticket.id,
      seq: 3,
      createdAt: at,
      type: 'repeat_contact',
      visibility: 'internal',
      actor: { type: 'system' },
      payload: { ticketId: 't-2', code: 'FH-AAAAA' } as Extract<TicketEvent, { type: 'repeat_contact' }>['payload'],
    };

    expect(liveAgentNotice(event, ticket, 'a-1', 'repeat_contact', 'title')).toMatchObject({ ticketId: 't-2', ticketCode: 'FH-AAAAA', actorName: '' });
  });
});
