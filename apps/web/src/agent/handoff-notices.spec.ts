import type { AgentNotification } from '@firsthand/realtime-contracts';
import { withoutSettledHandoffs } from './handoff-notices.js';

const notice = (id: string, kind: string, ticketId: string) => ({ id, kind, ticketId }) as unknown as AgentNotification;

describe('handoff notices', () => {
  const proposed = notice('n1', 'handoff_proposed', 't1');
  const warning = notice('n2', 'sla_warning', 't1');

  it('keeps a proposal while its ticket is offered, or before the list has shown it', () => {
    expect(withoutSettledHandoffs([proposed], new Set(['t1']), [{ id: 't1' }])).toEqual([proposed]);
    expect(withoutSettledHandoffs([proposed], new Set(), [])).toEqual([proposed]);
  });

  it('drops a proposal whose ticket has left "Handoffs for me", and nothing else', () => {
    expect(withoutSettledHandoffs([proposed, warning], new Set(['t1']), [])).toEqual([warning]);
  });
});
