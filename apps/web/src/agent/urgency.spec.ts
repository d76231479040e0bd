import { byUrgency, clockLeft, nearestClock, runningClocks, urgencyLevel } from './urgency.js';

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

  it("badges warn at the API's business-time 80% point, not at 80% of the wall-clock window", () => {
    // Opened Friday 17:00 with a first response due Monday 10:00; 80% of its working time is spent Monday 09:48.
    const friday = Date.parse('2026-03-06T17:00:00Z');
    const warnAt = Date.parse('2026-03-09T09:48:00Z');
    const view = {
      ...ticket('f', 'new', {}),
      createdAt: new Date(friday).toISOString(),
      sla: { firstResponseDueAt: '2026-03-09T10:00:00Z', nextUpdateDueAt: null, resolutionDueAt: null, firstResponseWarnAt: new Date(warnAt).toISOString() },
    };
    const clock = nearestClock(view)!;
    expect(clock.warnAt).toBe(warnAt);
    // Monday 08:00, before opening, is past 80% of the wall-clock window but no working time is spent yet.
    const beforeOpening = Date.parse('2026-03-09T08:00:00Z');
    expect((beforeOpening - friday) / (clock.dueAt - friday)).toBeGreaterThan(0.8);
    expect(urgencyLevel(clock, beforeOpening)).toBe('ok');
    expect(urgencyLevel(clock, warnAt - 1)).toBe('ok');
    expect(urgencyLevel(clock, warnAt)).toBe('warn');
    expect(urgencyLevel(clock, clock.dueAt)).toBe('breached');
    // The next update's and the resolution's instants reach their clocks too.
    const open = { ...ticket('o', 'open', {}), sla: { firstResponseDueAt: null, nextUpdateDueAt: at(120), resolutionDueAt: at(480), nextUpdateWarnAt: at(110), resolutionWarnAt: at(400) } };
    expect(runningClocks(open).map((c) => [c.target, c.warnAt])).toEqual([
      ['next_update', T0 + 110 * 60_000],
      ['resolution', T0 + 400 * 60_000],
    ]);
  });

  it('a resolution clock paused while waiting for the customer holds its time left and its colour instead of counting down', () => {
    const waiting = { ...ticket('w', 'pending_customer', { resolution: 100 }), sla: { firstResponseDueAt: null, nextUpdateDueAt: null, resolutionDueAt: at(100), resolutionPausedAt: at(30) } };
    const clock = nearestClock(waiting)!;
    expect(clock).toMatchObject({ target: 'resolution', pausedAt: T0 + 30 * 60_000 });
    for (const minutes of [31, 90, 100, 500]) {
      expect(clockLeft(clock, T0 + minutes * 60_000)).toEqual({ leftMs: 70 * 60_000, paused: true });
      expect(urgencyLevel(clock, T0 + minutes * 60_000)).toBe('ok');
    }
    // A clock the policy keeps running (no pause recorded) still counts down while the ticket waits.
    const running = nearestClock(ticket('r', 'pending_customer', { resolution: 100 }))!;
    expect(clockLeft(running, T0 + 90 * 60_000)).toEqual({ leftMs: 10 * 60_000, paused: false });
    expect(urgencyLevel(running, T0 + 100 * 60_000)).toBe('breached');
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

  it('sorts a clock stopped for the customer by its time left from now, not by its frozen due time', () => {
    // Paused at minute 30 with 70 minutes left; now is minute 200, long past its frozen due time (100).
    const waiting = { ...ticket('waiting', 'pending_customer', { resolution: 100 }), sla: { firstResponseDueAt: null, nextUpdateDueAt: null, resolutionDueAt: at(100), resolutionPausedAt: at(30) } };
    const sorted = byUrgency([waiting, ticket('due-at-240', 'open', { next: 240 }), ticket('due-at-300', 'open', { next: 300 })], T0 + 200 * 60_000);
    expect(sorted.map((t) => t.id)).toEqual(['due-at-240', 'waiting', 'due-at-300']);
  });
});
