import type { TicketEventView } from '@firsthand/http-contracts';
import { handoffOffer } from './handoff-offer.js';

const li = { id: 'li', name: 'Li Wei' };
const zhang = { id: 'zhang', name: 'Zhang Min' };
const sara = { id: 'sara', name: 'Sara Lopez' };

const proposed = (seq: number, to: typeof li, note: string): TicketEventView => ({
  id: `t:${seq}`,
  ticketId: 't',
  seq,
  type: 'handoff_proposed',
  visibility: 'internal',
  actor: { type: 'agent', id: li.id, name: li.name },
  payload: { fromAgentId: li.id, toAgentId: to.id, toAgentName: to.name, note },
  createdAt: `2026-12-03T10:0${seq}:00.000Z`,
});

describe('the handoff waiting for an answer', () => {
  const events = [proposed(1, sara, 'Sara, first try'), proposed(2, zhang, 'You know this customer'), proposed(3, sara, 'Sara again')];

  it('is offered to the agent it waits for, with the owner, the newest proposal\'s note and its time', () => {
    expect(handoffOffer({ owner: li, pendingHandoffTo: zhang }, events, 'zhang')).toEqual({ side: 'offered', from: li, to: zhang, note: 'You know this customer', at: '2026-12-03T10:02:00.000Z' });
    expect(handoffOffer({ owner: li, pendingHandoffTo: sara }, events, 'sara')).toMatchObject({ side: 'offered', note: 'Sara again' });
  });

  it('is the owner\'s own offer, waiting', () => {
    expect(handoffOffer({ owner: li, pendingHandoffTo: zhang }, events, 'li')).toMatchObject({ side: 'offering', to: zhang });
  });

  it('concerns nobody else, and nothing waits without a pending agent', () => {
    expect(handoffOffer({ owner: li, pendingHandoffTo: zhang }, events, 'sara')).toBeNull();
    expect(handoffOffer({ owner: li, pendingHandoffTo: null }, events, 'zhang')).toBeNull();
  });

  it('still says who offered it when the proposal is not on the timeline yet', () => {
    expect(handoffOffer({ owner: li, pendingHandoffTo: zhang }, [], 'zhang')).toEqual({ side: 'offered', from: li, to: zhang, note: null, at: null });
  });
});
