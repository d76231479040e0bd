import type { TrackView } from '@firsthand/http-contracts';
import { promiseLines } from './promise-lines.js';

const NOW = Date.parse('2026-12-06T19:52:00Z');
const before = '2026-12-06T19:49:00Z';
const after = '2026-12-06T20:30:00Z';
const view = (over: Partial<Omit<TrackView, 'promise'>> & { promise?: Partial<TrackView['promise']> } = {}): TrackView =>
  ({
    status: 'open',
    resolvedAt: null,
    automaticAnswer: null,
    ...over,
    promise: { ownerName: 'Li Wei', nextUpdateDueAt: after, resolutionDueAt: after, ...over.promise },
  }) as TrackView;
const keys = (v: TrackView) => promiseLines(v, NOW).map((l) => l.key);

describe('promiseLines', () => {
  it('states the times still ahead as promises', () => {
    expect(promiseLines(view(), NOW)).toEqual([
      { key: 'track.promise.owner', name: 'Li Wei' },
      { key: 'track.promise.nextUpdate', time: after },
      { key: 'track.promise.resolution', time: after },
    ]);
  });

  it('says a passed update or solution time is late, naming it, instead of promising it', () => {
    expect(promiseLines(view({ promise: { nextUpdateDueAt: before, resolutionDueAt: before } }), NOW)).toEqual([
      { key: 'track.promise.owner', name: 'Li Wei' },
      { key: 'track.promise.nextUpdateLate', time: before },
      { key: 'track.promise.resolutionLate', time: before },
    ]);
    expect(keys(view({ promise: { resolutionDueAt: before } }))).toEqual(['track.promise.owner', 'track.promise.nextUpdate', 'track.promise.resolutionLate']);
  });

  it("a new ticket's first reply: promised, then late", () => {
    expect(keys(view({ status: 'new', promise: { ownerName: null } }))).toEqual(['track.promise.noOwner', 'track.promise.firstReply', 'track.promise.resolution']);
    expect(keys(view({ status: 'new', promise: { ownerName: null, nextUpdateDueAt: before } }))[1]).toBe('track.promise.firstReplyLate');
  });

  it('waiting for the customer, a passed solution time is no apology: the clock stands still', () => {
    expect(keys(view({ status: 'pending_customer', promise: { resolutionDueAt: before } }))).toEqual(['track.promise.owner', 'track.promise.waiting', 'track.promise.resolution']);
  });

  it('waiting for the customer promises no update; a resolved ticket says when', () => {
    expect(keys(view({ status: 'pending_customer', promise: { nextUpdateDueAt: before } }))).toEqual(['track.promise.owner', 'track.promise.waiting', 'track.promise.resolution']);
    expect(promiseLines(view({ status: 'resolved', resolvedAt: before, promise: { resolutionDueAt: before } }), NOW)).toEqual([{ key: 'track.promise.resolved', time: before }]);
  });
});
