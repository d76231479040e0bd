import { formatFileSize, formatSizeLimit } from './file-size.js';

const MB = 1024 * 1024;

describe('formatFileSize', () => {
  it('counts bytes below a kilobyte as they are', () => {
    expect(formatFileSize(0, 'en')).toBe('0 B');
    expect(formatFileSize(1023, 'en')).toBe('1,023 B');
  });

  it('keeps one decimal where there is one', () => {
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB');
    expect(formatFileSize(MB * 12.4, 'en')).toBe('12.4 MB');
    expect(formatFileSize(MB * 25, 'en')).toBe('25 MB');
    expect(formatFileSize(1024 * MB * 3, 'zh-CN')).toBe('3 GB');
  });

  it('rounds up, so a file over a limit never reads as the limit', () => {
    expect(formatFileSize(11_000_000, 'en')).toBe('10.5 MB');
    expect(formatFileSize(10 * MB + 1, 'en')).toBe('10.1 MB');
    expect(formatFileSize(27_000_342, 'zh-CN')).toBe('25.8 MB');
    expect(formatFileSize(MB - 1, 'en')).toBe('1 MB');
  });

  it('never shows a negative size', () => {
    expect(formatFileSize(-5, 'en')).toBe('0 B');
  });
});

describe('formatSizeLimit', () => {
  it('says a round limit as it is, and rounds an odd one down', () => {
    expect(formatSizeLimit(10 * MB, 'en')).toBe('10 MB');
    expect(formatSizeLimit(25 * MB, 'zh-CN')).toBe('25 MB');
    expect(formatSizeLimit(10_000_000, 'en')).toBe('9.5 MB');
  });

  it('reads below any size over it', () => {
    for (const limit of [10 * MB, 10_000_000, 250 * 1024, 1000]) {
      const over = formatFileSize(limit + 1, 'en');
      expect(over).not.toBe(formatSizeLimit(limit, 'en'));
    }
  });
});
