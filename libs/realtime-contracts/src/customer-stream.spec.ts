import type { TicketEvent } from '@firsthand/domain';
import { toLiveCustomerEvent, toLiveTicketEvent } from './customer-stream.js';

const at = new Date('2026-03-02T09:30:00.000Z');
const reassigned: TicketEvent = {
  ticketId: 't-1',
  seq: 7,
  type: 'reassigned',
  visibility: 'internal',
  actor: { type: 'agent', id: 'a-9', name: 'Ana Silva' },
  payload: { fromAgentId: 'a-1', toAgentId: 'a-2', toAgentName: 'Li Wei', reason: 'on leave' },
  createdAt: at,
};

describe('toLiveTicketEvent', () => {
  it('sends the whole stored event with its typed payload and an ISO time', () => {
    const live = toLiveTicketEvent({ ...reassigned, id: 'e-7' });
    expect(live).toEqual({
      id: 'e-7',
      ticketId: 't-1',
      seq: 7,
      type: 'reassigned',
      visibility: 'internal',
      actor: { type: 'agent', id: 'a-9', name: 'Ana Silva' },
      payload: { fromAgentId: 'a-1', toAgentId: 'a-2', toAgentName: 'Li Wei', reason: 'on leave' },
      createdAt: '2026-03-02T09:30:00.000Z',
    });
    // The type narrows the payload: no cast needed to read a reassignment's reason.
    if (live.type === 'reassigned') expect(live.payload.reason).toBe('on leave');
  });

  it('names an event not stored yet by its ticket and seq', () => {
    expect(toLiveTicketEvent(reassigned).id).toBe('t-1:7');
  });

  it('a customer sees an internal event as its seq alone', () => {
    expect(toLiveCustomerEvent('FH-1', reassigned)).toEqual({ ticketCode: 'FH-1', seq: 7, hidden: true });
  });
});
