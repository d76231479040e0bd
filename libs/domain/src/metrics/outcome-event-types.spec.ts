import type { NewTicketEvent } from '../ticket-events.js';
import { outcomeMovesWith } from './outcome-event-types.js';

const system = { type: 'system' } as const;
const event = (e: Pick<NewTicketEvent, 'type' | 'payload'>) => ({ ...e, visibility: 'public', actor: system }) as NewTicketEvent;

describe('outcomeMovesWith', () => {
  it('a claim or a note moves no outcome', () => {
    expect(outcomeMovesWith([event({ type: 'claimed', payload: { ownerId: 'a', ownerName: 'A', via: 'claim' } })])).toEqual({ moves: false, resolves: false });
    expect(outcomeMovesWith([event({ type: 'internal_note_added', payload: { messageId: 'm', body: 'x' } })])).toEqual({ moves: false, resolves: false });
  });

  it('a reply moves the outcome without resolving', () => {
    expect(outcomeMovesWith([event({ type: 'agent_replied', payload: { messageId: 'm', body: 'x' } })])).toEqual({ moves: true, resolves: false });
  });

  it('a status change to resolved resolves; to pending_customer does not', () => {
    expect(outcomeMovesWith([event({ type: 'status_changed', payload: { from: 'open', to: 'resolved' } })])).toEqual({ moves: true, resolves: true });
    expect(outcomeMovesWith([event({ type: 'status_changed', payload: { from: 'open', to: 'pending_customer' } })])).toEqual({ moves: true, resolves: false });
  });

  it('an SLA warning moves the outcome (its highest escalation level)', () => {
    const warning = event({ type: 'sla_warning', payload: { target: 'resolution', dueAt: '2026-01-01T00:00:00Z', fromLevel: 0, toLevel: 1, notifiedIds: [] } });
    expect(outcomeMovesWith([warning]).moves).toBe(true);
  });
});
