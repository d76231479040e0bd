import { addMinutes, COMPLAINT_RESOLUTION_MINUTES, initialDueTimes, nextUpdateDue, type SlaTargets } from './sla-clock.js';
import { at, T0 } from './testing/ticket.builder.js';
import { TICKET_KINDS } from './vocabulary.js';

const MIN = 60_000;
const targets = (resolutionMinutes: number): SlaTargets => ({ firstResponseMinutes: 30, updateCadenceMinutes: 120, resolutionMinutes });

describe('addMinutes', () => {
  it('adds whole and fractional minutes without touching its input', () => {
    const from = new Date(T0);

    expect(addMinutes(from, 90)).toEqual(at(90 * MIN));
    expect(addMinutes(from, 0.5)).toEqual(at(30_000));
    expect(addMinutes(from, 0)).toEqual(T0);
    expect(from).toEqual(T0);
  });
});

describe('initialDueTimes', () => {
  it.each(TICKET_KINDS.filter((k) => k !== 'complaint'))('uses the policy targets for a %s', (kind) => {
    expect(initialDueTimes(kind, targets(3 * 24 * 60), T0)).toEqual({
      firstResponseDueAt: at(30 * MIN),
      resolutionDueAt: at(3 * 24 * 60 * MIN),
    });
  });

  it('caps a complaint’s resolution at 24 hours whatever the policy says', () => {
    expect(COMPLAINT_RESOLUTION_MINUTES).toBe(24 * 60);
    expect(initialDueTimes('complaint', targets(5 * 24 * 60), T0)).toEqual({
      firstResponseDueAt: at(30 * MIN),
      resolutionDueAt: at(24 * 60 * MIN),
    });
  });

  it('keeps a complaint’s tighter policy target when it is under 24 hours', () => {
    expect(initialDueTimes('complaint', targets(4 * 60), T0).resolutionDueAt).toEqual(at(4 * 60 * MIN));
  });

  it('gives a complaint exactly 24 hours when the policy says 24 hours', () => {
    expect(initialDueTimes('complaint', targets(24 * 60), T0).resolutionDueAt).toEqual(at(24 * 60 * MIN));
  });

  it('answers a complaint no later than it must be resolved: the first response is due by the 24-hour cap at the latest', () => {
    const slow: SlaTargets = { firstResponseMinutes: 48 * 60, updateCadenceMinutes: 60, resolutionMinutes: 72 * 60 };
    expect(initialDueTimes('complaint', slow, T0)).toEqual({ firstResponseDueAt: at(24 * 60 * MIN), resolutionDueAt: at(24 * 60 * MIN) });
    // A quicker first-response target stays as it is; other kinds are not capped at all.
    expect(initialDueTimes('complaint', { ...slow, firstResponseMinutes: 60 }, T0).firstResponseDueAt).toEqual(at(60 * MIN));
    expect(initialDueTimes('problem', slow, T0).firstResponseDueAt).toEqual(at(48 * 60 * MIN));
  });
});

describe('nextUpdateDue', () => {
  it('is one update cadence after the given moment', () => {
    const from = at(17 * MIN);

    expect(nextUpdateDue(targets(999), from)).toEqual(at(120 * MIN, from));
  });
});

describe('due times in working time', () => {
  const week = [{ start: '09:00', end: '18:00' }];
  const shanghai = { zone: 'Asia/Shanghai', alwaysOpen: false, week: { 1: week, 2: week, 3: week, 4: week, 5: week }, holidays: [], extraWorkingDays: [] };
  // Friday 6 March 2026, 17:00 in Shanghai.
  const friday = new Date('2026-03-06T09:00:00.000Z');
  const withCalendar: SlaTargets = { firstResponseMinutes: 120, updateCadenceMinutes: 240, resolutionMinutes: 5 * 9 * 60, calendar: shanghai };

  it('a Friday-evening ticket is due on Monday, not overnight', () => {
    expect(initialDueTimes('problem', withCalendar, friday)).toEqual({
      firstResponseDueAt: new Date('2026-03-09T02:00:00.000Z'), // Monday 10:00 Shanghai
      resolutionDueAt: new Date('2026-03-13T09:00:00.000Z'), // the next Friday 17:00
    });
    expect(nextUpdateDue(withCalendar, friday)).toEqual(new Date('2026-03-09T04:00:00.000Z')); // Monday 12:00
  });

  it('a complaint’s 24-hour cap runs on the wall clock unless a calendar is chosen for it', () => {
    expect(initialDueTimes('complaint', withCalendar, friday).resolutionDueAt).toEqual(new Date('2026-03-07T09:00:00.000Z'));
    const capInWorkingTime = { ...withCalendar, complaintCapCalendar: shanghai };
    // 24 working hours from Friday 17:00: 1 h Friday, 9 h Monday, 9 h Tuesday, 5 h Wednesday -> Wednesday 14:00.
    expect(initialDueTimes('complaint', capInWorkingTime, friday).resolutionDueAt).toEqual(new Date('2026-03-11T06:00:00.000Z'));
  });
});
