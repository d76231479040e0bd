import { agentOnlyFieldsIn, watchersAtOpening } from './opening-rules.js';

describe('agentOnlyFieldsIn', () => {
  it('finds nothing in a customer form', () => {
    expect(agentOnlyFieldsIn({ customer: {} })).toEqual([]);
  });

  it('names every agent-only field that is present, nested tier included', () => {
    expect(agentOnlyFieldsIn({ priority: 'urgent', tags: [], customer: { tier: 'vip' } })).toEqual(['priority', 'tags', 'customer.tier']);
    expect(agentOnlyFieldsIn({ teamId: null, customer: {} })).toEqual(['teamId']);
  });
});

describe('watchersAtOpening', () => {
  it('has supervisors watch a complaint from the start, once each', () => {
    expect(watchersAtOpening('complaint', ['s1', 's2', 's1'])).toEqual(['s1', 's2']);
  });

  it('leaves other kinds unwatched', () => {
    for (const kind of ['question', 'problem', 'request'] as const) expect(watchersAtOpening(kind, ['s1'])).toEqual([]);
  });
});
