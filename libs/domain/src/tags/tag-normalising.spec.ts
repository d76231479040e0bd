import { errorFrom } from '../testing/ticket.builder.js';
import { InvalidTag } from './tag-errors.js';
import { couldStartTag, isNormalisedTag, normaliseTag, normaliseTagPrefix, normaliseTags } from './tag-normalising.js';
import { TAG_LIMITS } from './tag-limits.js';

describe('normaliseTag', () => {
  it.each([
    ['  VIP  ', 'vip'],
    ['Refund   Delay', 'refund delay'],
    ['ＶＩＰ', 'vip'], // full-width Latin from a Chinese IME
    ['退款', '退款'],
    ['发票 Invoice', '发票 invoice'],
    ['billing/eu', 'billing/eu'],
    ['tab\there', 'tab here'],
    ['Café', 'café'],
    ['v2.1-beta_x', 'v2.1-beta_x'],
  ])('%j becomes %j', (raw, tag) => {
    expect(normaliseTag(raw)).toBe(tag);
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['-vip', 'starts with a separator'],
    ['vip-', 'ends with a separator'],
    ['a--b', 'two separators'],
    ['vip,gold', 'a comma'],
    ['bell\u0007', 'a control character'],
    ['😀', 'an emoji'],
    ['<script>', 'markup'],
  ])('refuses %j (%s)', (raw) => {
    expect(errorFrom(() => normaliseTag(raw))).toBeInstanceOf(InvalidTag);
  });

  it('counts characters, not UTF-16 units: 40 Chinese characters pass, 41 do not', () => {
    expect(normaliseTag('退'.repeat(40))).toHaveLength(40);
    expect(errorFrom(() => normaliseTag('退'.repeat(41)))).toMatchObject({ code: 'invalid-tag' });
  });

  it('drops duplicates after normalising, keeping the first order', () => {
    expect(normaliseTags(['VIP', 'refund', 'vip ', '退款'])).toEqual(['vip', 'refund', '退款']);
  });

  it('knows a normalised tag', () => {
    expect(isNormalisedTag('vip')).toBe(true);
    expect(isNormalisedTag('VIP')).toBe(false);
    expect(isNormalisedTag('')).toBe(false);
  });
});

describe('normaliseTagPrefix and couldStartTag: what is being typed', () => {
  it('normalises a prefix like a tag, a trailing joiner allowed', () => {
    expect(normaliseTagPrefix('VIP-')).toBe('vip');
    expect(normaliseTagPrefix('退款 ')).toBe('退款');
    expect(couldStartTag('vip cust')).toBe(true);
  });

  it('refuses what no tag could start with: a sign, or more than the longest tag', () => {
    expect(couldStartTag('bad tag!')).toBe(false);
    expect(couldStartTag('x'.repeat(TAG_LIMITS.maxLength + 1))).toBe(false);
    expect(() => normaliseTagPrefix('!')).toThrow(InvalidTag);
  });
});
