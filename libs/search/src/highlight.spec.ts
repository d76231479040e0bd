import { findMarks, highlight } from './highlight.js';

describe('highlight', () => {
  it('marks Chinese words anywhere and Latin words at the start of a word', () => {
    const text = 'Refunds: 我想申请退款, prefund is not a match';
    expect(findMarks(text, ['退款', 'refund'])).toEqual([[0, 6], [13, 15]]);
  });

  it('marks a Latin word shorter than three characters only where it is a whole word, as it is matched', () => {
    expect(findMarks('Pixel 8 and the 80 W charger, 8x zoom', ['pixel', '8'])).toEqual([[0, 5], [6, 7]]);
  });

  it('merges overlapping marks', () => {
    expect(findMarks('中华人民共和国', ['中华', '华人', '共和国'])).toEqual([[0, 3], [4, 7]]);
  });

  it('cuts a long text around the first match and keeps marks relative to the fragment', () => {
    const text = `${'a '.repeat(200)}退款 ${'b '.repeat(200)}`;
    const h = highlight(text, ['退款'], 40)!;
    expect(h.text.length).toBe(40);
    expect(h.truncatedStart).toBe(true);
    expect(h.truncatedEnd).toBe(true);
    const [[s, e]] = h.marks;
    expect(h.text.slice(s, e)).toBe('退款');
  });

  it('returns null without a match and leaves markup as plain text', () => {
    expect(highlight('nothing here', ['退款'])).toBeNull();
    const h = highlight('<b>refund</b>', ['refund'])!;
    expect(h.text).toBe('<b>refund</b>');
    expect(h.marks).toEqual([[3, 9]]);
  });

  it('never splits a surrogate pair', () => {
    const text = `${'😀'.repeat(50)}退款`;
    const h = highlight(text, ['退款'], 21)!;
    expect(h.text.startsWith('\udE00')).toBe(false);
    expect(h.text.endsWith('退款')).toBe(true);
  });
});
