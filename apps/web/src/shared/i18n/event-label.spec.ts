import type { TicketEventView } from '@firsthand/http-contracts';
import { eventBody, eventLabel } from './event-label.js';
import { en } from './messages-en.js';
import { zhCN } from './messages-zh-cn.js';
import { translate } from './locale.js';

const t = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(en, key, params);
const base = { id: 'e', ticketId: 't', seq: 2, visibility: 'internal', actor: { type: 'agent', id: 'a', name: 'Li Wei' }, createdAt: '2026-03-02T09:30:00.000Z' } as const;

describe('event labels', () => {
  it('reads the fields of each event type from its typed payload', () => {
    const resolved: TicketEventView = { ...base, type: 'status_changed', payload: { from: 'open', to: 'resolved', resolution: 'Refunded' } };
    const reassigned: TicketEventView = { ...base, type: 'reassigned', payload: { fromAgentId: null, toAgentId: 'b', toAgentName: 'Zhang Min', reason: 'on leave' } };
    const warned: TicketEventView = { ...base, type: 'sla_warning', payload: { target: 'first_response', dueAt: base.createdAt, fromLevel: 0, toLevel: 1, notifiedIds: [] } };
    expect(eventLabel(resolved, t)).toBe(translate(en, 'event.status_changed', { from: en['status.open'], to: en['status.resolved'] }));
    expect(eventLabel(reassigned, t)).toBe(translate(en, 'event.reassigned', { name: 'Zhang Min' }));
    expect(eventLabel(warned, t)).toBe(translate(en, 'event.sla_warning', { target: en['sla.first_response'] }));
    expect([resolved, reassigned, warned].map(eventBody)).toEqual(['Refunded', 'on leave', null]);
  });

  it('says which tags came and went, and the priority change', () => {
    const tagged: TicketEventView = { ...base, type: 'tags_changed', payload: { added: ['vip', '退款'], removed: ['new-lead'] } };
    const raised: TicketEventView = { ...base, type: 'priority_changed', payload: { from: 'normal', to: 'high' } };
    expect(eventLabel(tagged, t)).toBe('Tags: +vip +退款 −new-lead');
    expect(eventLabel(raised, t)).toBe('Priority: Normal → High');
  });

  it('words the 150% stage of an SLA escalation apart from the breach', () => {
    const escalated = (stage: 'breach' | 'critical'): TicketEventView => ({
      ...base,
      type: 'sla_escalated',
      payload: { target: 'first_response', stage, dueAt: base.createdAt, fromLevel: 1, toLevel: 2, watcherIds: [], notifiedIds: [], priority: null },
    });
    expect(eventLabel(escalated('breach'), t)).toBe('SLA breached: First response');
    expect(eventLabel(escalated('critical'), t)).toBe('SLA far overdue (150%): First response');
    const zh = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) => translate(zhCN, key, params);
    expect(eventLabel(escalated('critical'), zh)).not.toBe(eventLabel(escalated('breach'), zh));
  });

  it('an event type this bundle does not know yet shows its name', () => {
    const future = { ...base, type: 'merged', payload: {} } as unknown as TicketEventView;
    expect(eventLabel(future, t)).toBe('merged');
    expect(eventBody(future)).toBeNull();
  });
});
