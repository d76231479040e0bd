import { decideSlaTargets, toStoredSeconds } from './sla-policy-consistency.js';

describe('SLA policy consistency', () => {
  it('accepts targets whose first response is due before the resolution, in whole seconds', () => {
    expect(decideSlaTargets({ firstResponseMinutes: 7, updateCadenceMinutes: 30, resolutionMinutes: 600 })).toEqual({
      accepted: true,
      seconds: { firstResponseSeconds: 420, updateCadenceSeconds: 1800, resolutionSeconds: 36_000 },
    });
  });

  it('accepts a first response due exactly at the resolution', () => {
    expect(decideSlaTargets({ firstResponseMinutes: 60, updateCadenceMinutes: 30, resolutionMinutes: 60 }).accepted).toBe(true);
  });

  it('refuses a first response due after the resolution, naming the field', () => {
    expect(decideSlaTargets({ firstResponseMinutes: 601, updateCadenceMinutes: 30, resolutionMinutes: 600 })).toEqual({
      accepted: false,
      problems: [{ field: 'firstResponseMinutes', message: 'firstResponseMinutes must not exceed resolutionMinutes' }],
    });
  });

  it('compares the minutes as given, before rounding to seconds', () => {
    // 0.5004 and 0.5 minutes both round to 30 s, yet the first response is later than the resolution.
    expect(decideSlaTargets({ firstResponseMinutes: 0.5004, updateCadenceMinutes: 1, resolutionMinutes: 0.5 }).accepted).toBe(false);
  });

  it('does not bound the update cadence by the resolution', () => {
    expect(decideSlaTargets({ firstResponseMinutes: 5, updateCadenceMinutes: 10_000, resolutionMinutes: 60 }).accepted).toBe(true);
  });

  it('keeps fractions of a minute to the nearest second, never below one second', () => {
    expect(toStoredSeconds(0.05)).toBe(3);
    expect(toStoredSeconds(1.5)).toBe(90);
    expect(toStoredSeconds(0.0084)).toBe(1);
    expect(toStoredSeconds(0.001)).toBe(1);
  });
});
