import { formatDateTime, formatDuration, formatTime } from './format.js';

describe('times on the pages say their zone', () => {
  const at = '2026-03-05T10:30:00Z';

  it('names the zone in both languages', () => {
    expect(formatDateTime(at, 'en', 'Asia/Shanghai')).toBe('Mar 5, 2026, 6:30 PM GMT+8');
    expect(formatDateTime(at, 'zh-CN', 'Asia/Shanghai')).toBe('2026年3月5日 GMT+8 18:30');
    expect(formatTime(at, 'en', 'Europe/Berlin')).toBe('11:30 AM GMT+1');
    expect(formatTime(at, 'zh-CN', 'UTC')).toBe('UTC 10:30');
  });
});

describe('durations', () => {
  const HOUR = 3_600_000;

  it('counts a 24-hour clock in hours up to two days in both languages, other durations in days past a day', () => {
    expect(formatDuration(24 * HOUR, 'en', { daysFrom: 2 })).toBe('24h 0m');
    expect(formatDuration(-(26 * HOUR + 5 * 60_000), 'zh-CN', { daysFrom: 2 })).toBe('26小时5分钟');
    expect(formatDuration(50 * HOUR, 'en', { daysFrom: 2 })).toBe('2d 2h');
    expect(formatDuration(24 * HOUR, 'en')).toBe('1d 0h');
  });
});
