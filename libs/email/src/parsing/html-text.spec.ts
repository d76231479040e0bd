import { htmlText } from './html-text.js';

describe('htmlText', () => {
  it('reduces deeply nested HTML without overflowing the stack, and leaves more elements than a mail has unread (its parse is quadratic in the nesting)', () => {
    const nested = (depth: number) => `${'<b>'.repeat(depth)}deep${'</b>'.repeat(depth)}`;
    expect(() => htmlText(nested(5_000))).not.toThrow();
    expect(htmlText(nested(600_000))).toBe('');
    expect(htmlText('<p>Hello <b>there</b></p>')).toBe('Hello there');
  });
});
