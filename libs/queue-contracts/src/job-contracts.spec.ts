import { committedEventIds, JobId } from './job-contracts.js';

describe('JobId.ticketEvents', () => {
  it("keeps one event's id as it was", () => {
    expect(JobId.ticketEvents(['42'])).toBe('event-42');
  });

  it('gives the same set of events the same id, so a second hand-over of it is a no-op in Redis', () => {
    expect(JobId.ticketEvents(['1', '5', '9'])).toBe(JobId.ticketEvents(['1', '5', '9']));
  });

  it('never gives two different sets one id, even with the same first, last and count', () => {
    const ids = new Set([JobId.ticketEvents(['1', '5', '9']), JobId.ticketEvents(['1', '7', '9']), JobId.ticketEvents(['1', '9']), JobId.ticketEvents(['1', '5'])]);
    expect(ids.size).toBe(4);
  });

  it('holds no colon (BullMQ refuses one in a job id)', () => {
    expect(JobId.ticketEvents(Array.from({ length: 20 }, (_, i) => String(1000 + i)))).not.toContain(':');
  });
});

describe('JobId.slaThreshold', () => {
  const due = { ticketId: 't1', target: 'resolution' as const, stage: 'warning' as const, dueAt: '2026-03-05T09:30:00.000Z' };

  it('gives a warning moved by a calendar change (same due time, another moment to fire) a new timer', () => {
    const before = JobId.slaThreshold({ ...due, fireAt: '2026-03-04T15:00:00.000Z' });
    const after = JobId.slaThreshold({ ...due, fireAt: '2026-03-05T01:00:00.000Z' });
    expect(after).not.toBe(before);
    expect(JobId.slaThreshold({ ...due, fireAt: '2026-03-04T15:00:00.000Z' })).toBe(before);
    expect(before).not.toContain(':');
  });

  it('keeps the id of a timer set before the moment was recorded', () => {
    expect(JobId.slaThreshold(due)).toBe(`sla-t1-resolution-warning-${Date.parse(due.dueAt)}`);
  });
});

describe('committedEventIds', () => {
  it('reads jobs of several events and jobs handed over before, of one', () => {
    expect(committedEventIds({ eventIds: ['3', '4'] })).toEqual(['3', '4']);
    expect(committedEventIds({ eventId: '3' })).toEqual(['3']);
  });
});
