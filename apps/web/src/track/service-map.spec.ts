import type { CustomerTimelineEntry } from '@firsthand/domain';
import { finishedUntaken, serviceSteps } from './service-map.js';

const states = (stage: Parameters<typeof serviceSteps>[0]['stage'], ownerName: string | null, timeline: CustomerTimelineEntry[] = []) =>
  serviceSteps({ stage, promise: { ownerName, nextUpdateDueAt: null, resolutionDueAt: null } }, timeline).map((s) => `${s.id}:${s.state}`);

describe('serviceSteps', () => {
  it('a new issue waits to be taken', () => {
    expect(states('submitted', null)).toEqual(['submitted:done', 'taken:current', 'in_progress:upcoming', 'waiting_for_you:upcoming', 'resolved:upcoming']);
  });

  it('a claimed issue is in progress with its owner named', () => {
    expect(states('in_progress', 'Li Wei')).toEqual(['submitted:done', 'taken:done', 'in_progress:current', 'waiting_for_you:upcoming', 'resolved:upcoming']);
  });

  it('waiting for the customer is the current step', () => {
    expect(states('waiting_for_you', 'Li Wei')[3]).toBe('waiting_for_you:current');
  });

  it('a resolution that never waited for the customer skips that step', () => {
    expect(states('resolved', 'Li Wei')).toEqual(['submitted:done', 'taken:done', 'in_progress:done', 'waiting_for_you:skipped', 'resolved:done']);
    const waited: CustomerTimelineEntry = { seq: 3, type: 'status_changed', at: '2026-01-01T00:00:00Z', by: { type: 'agent', name: 'Li Wei' }, data: { from: 'open', to: 'pending_customer' } };
    expect(states('closed', 'Li Wei', [waited])[3]).toBe('waiting_for_you:done');
  });

  it('an issue closed before anyone took it (spam) ends at Closed, with the steps nobody took skipped', () => {
    expect(states('closed', null)).toEqual(['submitted:done', 'taken:skipped', 'in_progress:skipped', 'waiting_for_you:skipped', 'closed:done']);
  });

  it('an issue the bot solved skips the agent steps and stays resolved', () => {
    expect(states('resolved', null)).toEqual(['submitted:done', 'taken:skipped', 'in_progress:skipped', 'waiting_for_you:skipped', 'resolved:done']);
  });

  it('a closed issue someone took is closed as resolved, even when its owner is no longer named', () => {
    const claimed: CustomerTimelineEntry = { seq: 2, type: 'claimed', at: '2026-01-01T00:00:00Z', by: { type: 'agent', name: 'Li Wei' }, data: { ownerName: 'Li Wei' } };
    expect(states('closed', null, [claimed]).at(-1)).toBe('resolved:done');
    expect(finishedUntaken({ stage: 'closed', promise: { ownerName: null, nextUpdateDueAt: null, resolutionDueAt: null } }, [claimed])).toBe(false);
  });
});
