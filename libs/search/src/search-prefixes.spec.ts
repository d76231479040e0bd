import { prefixSlots } from './search-prefixes.js';
import { parseSearchQuery } from './search-terms.js';

describe('prefix slots', () => {
  it("makes each of a query's prefix words a slot, in order, and keeps its exact words and forms", () => {
    const { tsquery } = parseSearchQuery('Galaxy screens 退款 tv');
    expect(prefixSlots(tsquery!)).toEqual({ template: "%s & ( %s | 'screen' ) & '退款' & 'tv'", prefixes: ['galaxy', 'screens'] });
  });

  it('leaves a query without prefixes as it is (a whole email is matched exactly)', () => {
    const { tsquery } = parseSearchQuery('rosalind.pemberton@outlook.com');
    expect(prefixSlots(tsquery!)).toEqual({ template: tsquery, prefixes: [] });
  });

  it("refuses a literal holding '%', which the database's format() would read as a slot", () => {
    expect(() => prefixSlots("'50%':*")).toThrow(RangeError);
  });
});
