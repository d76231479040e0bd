import { autoCloseCutoff, DEFAULT_RESOLUTION_WINDOWS, isWithinReopenWindow, repeatContactCutoff, reopenWindowEndsAt } from './resolution-windows.js';
import { at, DAY_MS, T0 } from './testing/ticket.builder.js';

const resolvedAt = T0;

describe('DEFAULT_RESOLUTION_WINDOWS', () => {
  it('is seven days for reopening and for repeat contacts', () => {
    expect(DEFAULT_RESOLUTION_WINDOWS).toEqual({ reopenDays: 7, repeatContactDays: 7 });
  });
});

describe('reopenWindowEndsAt', () => {
  it('is reopenDays after the resolution', () => {
    expect(reopenWindowEndsAt({ resolvedAt }, { reopenDays: 7, repeatContactDays: 1 })).toEqual(at(7 * DAY_MS));
    expect(reopenWindowEndsAt({ resolvedAt }, { reopenDays: 3, repeatContactDays: 30 })).toEqual(at(3 * DAY_MS));
  });

  it('is null for a ticket that was never resolved', () => {
    expect(reopenWindowEndsAt({ resolvedAt: null }, DEFAULT_RESOLUTION_WINDOWS)).toBeNull();
  });
});

describe('isWithinReopenWindow', () => {
  const windows = DEFAULT_RESOLUTION_WINDOWS;

  it('is true for a resolved ticket up to and including the window end', () => {
    expect(isWithinReopenWindow({ status: 'resolved', resolvedAt }, resolvedAt, windows)).toBe(true);
    expect(isWithinReopenWindow({ status: 'resolved', resolvedAt }, at(7 * DAY_MS), windows)).toBe(true);
  });

  it('is false once the window has ended', () => {
    expect(isWithinReopenWindow({ status: 'resolved', resolvedAt }, at(7 * DAY_MS + 1), windows)).toBe(false);
  });

  it.each(['new', 'open', 'pending_customer', 'closed'] as const)('is false for a %s ticket', (status) => {
    expect(isWithinReopenWindow({ status, resolvedAt }, at(DAY_MS), windows)).toBe(false);
  });

  it('is false for a resolved ticket without a resolution time', () => {
    expect(isWithinReopenWindow({ status: 'resolved', resolvedAt: null }, at(DAY_MS), windows)).toBe(false);
  });
});

describe('autoCloseCutoff', () => {
  it('is reopenDays before now', () => {
    expect(autoCloseCutoff(at(10 * DAY_MS), { reopenDays: 7, repeatContactDays: 2 })).toEqual(at(3 * DAY_MS));
  });

  it('agrees with the reopen window: a ticket resolved at the cutoff is still reopenable, one before it is not', () => {
    const now = at(10 * DAY_MS);
    const cutoff = autoCloseCutoff(now, DEFAULT_RESOLUTION_WINDOWS);

    expect(isWithinReopenWindow({ status: 'resolved', resolvedAt: cutoff }, now, DEFAULT_RESOLUTION_WINDOWS)).toBe(true);
    expect(isWithinReopenWindow({ status: 'resolved', resolvedAt: at(-1, cutoff) }, now, DEFAULT_RESOLUTION_WINDOWS)).toBe(false);
  });
});

describe('repeatContactCutoff', () => {
  it('is repeatContactDays before now, independent of the reopen window', () => {
    expect(repeatContactCutoff(at(10 * DAY_MS), { reopenDays: 7, repeatContactDays: 2 })).toEqual(at(8 * DAY_MS));
  });
});
