import { rangeFor, shiftDay } from './dates.js';

describe('dashboard ranges', () => {
  it('moves calendar days across month and year ends', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2025-12-31', 1)).toBe('2026-01-01');
  });

  it('covers 14 days or 12 weeks ending today', () => {
    expect(rangeFor('days', '2026-03-14')).toEqual({ from: '2026-03-01', to: '2026-03-14', groupBy: 'day' });
    expect(rangeFor('weeks', '2026-03-14')).toEqual({ from: '2025-12-27', to: '2026-03-14', groupBy: 'week' });
  });
});
