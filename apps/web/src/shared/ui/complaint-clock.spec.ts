import { complaintClock, type ComplaintFields } from './complaint-clock.js';

const NOW = Date.parse('2026-12-03T06:00:00Z');
const complaint = (overrides: Partial<ComplaintFields> = {}): ComplaintFields => ({
  kind: 'complaint',
  status: 'new',
  sla: { firstResponseDueAt: null, nextUpdateDueAt: null, resolutionDueAt: '2026-12-04T06:00:00Z', firstResponseWarnAt: null, nextUpdateWarnAt: null, resolutionWarnAt: null, resolutionPausedAt: null },
  ...overrides,
});

describe("a complaint's 24-hour clock", () => {
  it('counts down to the resolution target while the complaint is open or waiting', () => {
    expect(complaintClock(complaint(), NOW)).toEqual({ leftMs: 24 * 3_600_000 });
    expect(complaintClock(complaint({ status: 'pending_customer' }), NOW + 25 * 3_600_000)).toEqual({ leftMs: -3_600_000 });
  });

  it('holds its time left, marked paused, while the complaint waits for the customer', () => {
    const waiting = complaint({ status: 'pending_customer', sla: { ...complaint().sla, resolutionPausedAt: '2026-12-03T10:00:00Z' } });
    expect(complaintClock(waiting, NOW + 30 * 3_600_000)).toEqual({ leftMs: 20 * 3_600_000, paused: true });
  });

  it('stops once resolved, and is no clock at all for other kinds', () => {
    expect(complaintClock(complaint({ status: 'resolved' }), NOW)).toEqual({ leftMs: null });
    expect(complaintClock(complaint({ kind: 'problem' }), NOW)).toBeNull();
  });
});
