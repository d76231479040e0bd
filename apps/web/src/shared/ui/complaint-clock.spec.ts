import { complaintClock, type ComplaintFields } from './complaint-clock.js';

const NOW = Date.parse('2026-12-03T06:00:00Z');
const complaint = (overrides: Partial<ComplaintFields> = {}): ComplaintFields => ({
  kind: 'complaint',
  status: 'new',
  sla: { firstResponseDueAt: null, nextUpdateDueAt: null, resolutionDueAt: '2026-12-04T06:00:00Z', firstResponseWarnAt: null, nextUpdateWarnAt: null, resolutionWarnAt: null },
  ...overrides,
});

describe("a complaint's 24-hour clock", () => {
  it('counts down to the resolution target while the complaint is open or waiting', () => {
    expect(complaintClock(complaint(), NOW)).toEqual({ leftMs: 24 * 3_600_000 });
    expect(complaintClock(complaint({ status: 'pending_customer' }), NOW + 25 * 3_600_000)).toEqual({ leftMs: -3_600_000 });
  });

  it('stops once resolved, and is no clock at all for other kinds', () => {
    expect(complaintClock(complaint({ status: 'resolved' }), NOW)).toEqual({ leftMs: null });
    expect(complaintClock(complaint({ kind: 'problem' }), NOW)).toBeNull();
  });
});
