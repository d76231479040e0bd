import { formatDateTime, formatTime } from './format.js';

describe('times on the pages say their zone', () => {
  const at = '2026-03-05T10:30:00Z';

  it('names the zone in both languages', () => {
    expect(formatDateTime(at, 'en', 'Asia/Shanghai')).toBe('Mar 5, 2026, 6:30 PM GMT+8');
    expect(formatDateTime(at, 'zh-CN', 'Asia/Shanghai')).toBe('2026年3月5日 GMT+8 18:30');
    expect(formatTime(at, 'en', 'Europe/Berlin')).toBe('11:30 AM GMT+1');
    expect(formatTime(at, 'zh-CN', 'UTC')).toBe('UTC 10:30');
  });
});
