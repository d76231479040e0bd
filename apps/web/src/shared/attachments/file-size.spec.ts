import { formatFileSize } from './file-size.js';

describe('formatFileSize', () => {
  it('counts bytes below a kilobyte as they are', () => {
    expect(formatFileSize(0, 'en')).toBe('0 B');
    expect(formatFileSize(1023, 'en')).toBe('1,023 B');
  });

  it('keeps one decimal below ten units, none above', () => {
    expect(formatFileSize(1536, 'en')).toBe('1.5 KB');
    expect(formatFileSize(1024 * 1024 * 12.4, 'en')).toBe('12 MB');
    expect(formatFileSize(1024 * 1024 * 1024 * 3, 'zh-CN')).toBe('3 GB');
  });

  it('never shows a negative size', () => {
    expect(formatFileSize(-5, 'en')).toBe('0 B');
  });
});
