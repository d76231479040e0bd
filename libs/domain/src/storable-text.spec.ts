import { cutText, storableText, singleLineText } from './storable-text.js';

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

describe('singleLineText', () => {
  it('makes control characters and line breaks spaces and drops direction overrides and isolates', () => {
    expect(singleLineText('Tab\there and\u202eRTL override')).toBe('Tab here andRTL override');
    expect(singleLineText(' Invoice\r\n\u2066question\u2069\u0007 ')).toBe('Invoice question');
    expect(singleLineText('打印机\u2028坏了')).toBe('打印机 坏了');
  });
});
