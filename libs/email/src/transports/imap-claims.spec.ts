import { expandUidSet, modifiedUids } from './imap-claims.js';

describe('reading a conditional STORE answer', () => {
  it('expands a UID set', () => {
    expect(expandUidSet('7,9:11,4')).toEqual([7, 9, 10, 11, 4]);
    expect(expandUidSet('12:10')).toEqual([10, 11, 12]);
    expect(expandUidSet('x,3')).toEqual([3]);
  });

  it('finds the UIDs of a MODIFIED response code and nothing in a plain OK', () => {
    const modified = { attributes: [{ type: 'ATOM', value: '', section: [{ type: 'ATOM', value: 'MODIFIED' }, { type: 'SEQUENCE', value: '7,9:10' }] }] };
    expect(modifiedUids(modified)).toEqual([7, 9, 10]);
    expect(modifiedUids({ attributes: [{ type: 'TEXT', value: 'Store completed.' }] })).toEqual([]);
    expect(modifiedUids({})).toEqual([]);
  });
});
