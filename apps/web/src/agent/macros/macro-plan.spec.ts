import type { MacroView, TicketView } from '@firsthand/http-contracts';
import { planMacro } from './macro-plan.js';

const macro = {
  reply: { 'zh-CN': '您好', en: 'Hello' },
  status: 'pending_customer',
  priority: 'high',
  addTags: ['bank', 'vip'],
  removeTags: ['new-lead', 'absent'],
} as unknown as MacroView;
const ticket = { owner: { id: 'li', name: 'Li' }, status: 'open', priority: 'normal', tags: ['vip', 'new-lead'], customer: { locale: 'zh-CN' } } as unknown as TicketView;

describe('planMacro', () => {
  it("for the owner: a public reply in the customer's language and only what would change", () => {
    expect(planMacro(macro, ticket, 'li')).toEqual({
      limited: false,
      reply: { visibility: 'public', text: '您好' },
      status: 'pending_customer',
      priority: 'high',
      addTags: ['bank'],
      removeTags: ['new-lead'],
      skipped: [],
    });
  });

  it('for anyone else: the limited version, an internal note and tags, status and priority skipped', () => {
    expect(planMacro(macro, ticket, 'sam')).toMatchObject({ limited: true, reply: { visibility: 'internal' }, status: null, priority: null, skipped: ['status', 'priority'] });
  });
});
