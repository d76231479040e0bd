import { byUrgency, nearestClock, runningClocks, urgencyLevel } from './urgency.js';

const T0 = Date.parse('2026-03-01T08:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

function ticket(id: string, status: 'new' | 'open' | 'pending_customer' | 'resolved', sla: { first?: number; next?: number; resolution?: number }, created = 0) {
  return {
    id,
    status,
    createdAt: at(created),
    firstResponseAt: status === 'new' ? null : at(created + 5),
    lastCustomerVisibleUpdateAt: null,
    sla: {
      firstResponseDueAt: sla.first === undefined ? null : at(sla.first),
      nextUpdateDueAt: sla.next === undefined ? null : at(sla.next),
      resolutionDueAt: sla.resolution === undefined ? null : at(sla.resolution),
    },
  };
}

describe('SLA urgency', () => {
  it('counts the clocks that run in each status', () => {
    expect(runningClocks(ticket('a', 'new', { first: 60, resolution: 480 })).map((c) => c.target)).toEqual(['first_response', 'resolution']);
    expect(runningClocks(ticket('b', 'open', { first: 60, next: 120, resolution: 480 })).map((c) => c.target)).toEqual(['next_update', 'resolution']);
    expect(runningClocks(ticket('c', 'pending_customer', { next: 120, resolution: 480 })).map((c) => c.target)).toEqual(['resolution']);
    expect(runningClocks(ticket('d', 'resolved', { resolution: 480 }))).toEqual([]);
  });

  it('badges warn at 80% of the window and turn red at the due time', () => {
    const clock = nearestClock(ticket('a', 'new', { first: 100, resolution: 480 }))!;
    expect(clock.target).toBe('first_response');
    expect(urgencyLevel(clock, T0 + 79 * 60_000)).toBe('ok');
    expect(urgencyLevel(clock, T0 + 80 * 60_000)).toBe('warn');
    expect(urgencyLevel(clock, T0 + 100 * 60_000)).toBe('breached');
  });

  it('sorts the queue by the nearest due time, clockless tickets last', () => {
    const sorted = byUrgency([
      ticket('late', 'new', { first: 240 }),
      ticket('none', 'new', {}),
      ticket('soon', 'new', { first: 30, resolution: 600 }),
      ticket('resolution-first', 'new', { first: 500, resolution: 90 }),
    ]);
    expect(sorted.map((t) => t.id)).toEqual(['soon', 'resolution-first', 'late', 'none']);
  });
});
