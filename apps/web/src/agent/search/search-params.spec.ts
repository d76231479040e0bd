import { EMPTY_SEARCH, fromView, isActive, markedPieces, searchQueryString, toFilters } from './search-params.js';

describe('search form and query string', () => {
  it('is inactive when empty, active with text or one filter', () => {
    expect(isActive(EMPTY_SEARCH)).toBe(false);
    expect(isActive({ ...EMPTY_SEARCH, q: '  ' })).toBe(false);
    expect(isActive({ ...EMPTY_SEARCH, q: '退款' })).toBe(true);
    expect(isActive({ ...EMPTY_SEARCH, breaching: true })).toBe(true);
  });

  it('turns the form into filters and a query string', () => {
    const state = { ...EMPTY_SEARCH, q: ' refund ', status: 'new,open', tier: 'vip', owner: 'me', sort: 'oldest' as const };
    const filters = toFilters(state)!;
    expect(filters).toEqual({ status: ['new', 'open'], tier: ['vip'], owner: 'me' });
    expect(searchQueryString(state.q, filters, state.sort, 'abc', 10)).toBe('q=refund&status=new%2Copen&tier=vip&ownerId=me&sort=oldest&limit=10&cursor=abc');
  });

  it('reads a saved view back into the form', () => {
    expect(fromView(null, { kind: ['complaint'], status: ['new', 'open'], breaching: true }, 'oldest')).toEqual({ ...EMPTY_SEARCH, kind: 'complaint', status: 'new,open', breaching: true, sort: 'oldest' });
  });

  it('splits highlighted text into plain and marked pieces, clipping bad marks', () => {
    expect(markedPieces('我想申请退款', [{ start: 4, end: 6 }])).toEqual([{ text: '我想申请', marked: false }, { text: '退款', marked: true }]);
    expect(markedPieces('<b>x</b>', [{ start: 3, end: 4 }, { start: 2, end: 99 }])).toEqual([
      { text: '<b', marked: false },
      { text: '>x</b>', marked: true },
    ]);
  });
});
