import fc from 'fast-check';
import { jsonNestingExceeds } from './json-depth.js';

const depthOf = (value: unknown): number => (value !== null && typeof value === 'object' ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0);
const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('jsonNestingExceeds', () => {
  it('agrees with the depth of the parsed value, whatever the strings hold', () => {
    // Strings full of brackets, quotes and backslashes, which must not count as nesting.
    const text = fc.tuple(fc.string({ unit: 'grapheme', maxLength: 8 }), fc.constantFrom('[', ']', '{', '}', '"', '\\', '\\"')).map(([s, tricky]) => s + tricky + s);
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof({ depthSize: 'small' }, text, fc.integer(), fc.constant(null), fc.array(tie('tree'), { maxLength: 3 }), fc.dictionary(text, tie('tree'), { maxKeys: 3 })),
    }));
    fc.assert(
      fc.property(tree, fc.integer({ min: 1, max: 6 }), (value, limit) => {
        expect(jsonNestingExceeds(bytes(JSON.stringify(value)), limit)).toBe(depthOf(value) > limit);
      }),
      { numRuns: 300 },
    );
  });

  it('counts 20,000 levels as too deep and brackets inside strings as text', () => {
    expect(jsonNestingExceeds(bytes('['.repeat(20_000) + ']'.repeat(20_000)), 32)).toBe(true);
    expect(jsonNestingExceeds(bytes(JSON.stringify({ a: '[[[[{{{{\\"[[[[' })), 1)).toBe(false);
    expect(jsonNestingExceeds(bytes(JSON.stringify({ a: { b: [1] } })), 3)).toBe(false);
    expect(jsonNestingExceeds(bytes(JSON.stringify({ a: { b: [[1]] } })), 3)).toBe(true);
  });
});
