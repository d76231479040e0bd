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

  it('does not cap the first-response target of a complaint', () => {
    const slow: SlaTargets = { firstResponseMinutes: 48 * 60, updateCadenceMinutes: 60, resolutionMinutes: 72 * 60 };

    expect(initialDueTimes('complaint', slow, T0).firstResponseDueAt).toEqual(at(48 * 60 * MIN));
  });
});

describe('nextUpdateDue', () => {
  it('is one update cadence after the given moment', () => {
    const from = at(17 * MIN);

    expect(nextUpdateDue(targets(999), from)).toEqual(at(120 * MIN, from));
  });
});
