import { cutText, storableText } from './storable-text.js';

describe('storableText', () => {
  it('leaves NULs out and shows a lone surrogate as U+FFFD, keeping well-formed pairs', () => {
    expect(storableText('hi\u0000there')).toBe('hithere');
    expect(storableText('a\ud83db')).toBe('a\ufffdb');
    expect(storableText('b\udc00')).toBe('b\ufffd');
    expect(storableText('订单 😀 ok')).toBe('订单 😀 ok');
  });
});

describe('cutText', () => {
  it('cuts at the limit, or one unit before it where the limit would split a pair', () => {
    expect(cutText('abcdef', 4)).toBe('abcd');
    expect(cutText('abc😀', 4)).toBe('abc');
    expect(cutText('ab😀', 4)).toBe('ab😀');
    expect(cutText('short', 10)).toBe('short');
    expect(JSON.stringify(cutText(`${'x'.repeat(199)}😀`, 200))).not.toContain('\\ud83d');
  });
});
