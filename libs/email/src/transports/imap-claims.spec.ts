import { expandUidSet, mailboxRows, modifiedUids, uidSet } from './imap-claims.js';

describe('reading a conditional STORE answer', () => {
  it('expands a UID set', () => {
    expect(expandUidSet('7,9:11,4')).toEqual([7, 9, 10, 11, 4]);
    expect(expandUidSet('12:10')).toEqual([10, 11, 12]);
    expect(expandUidSet('x,3')).toEqual([3]);
  });

  it('writes a UID set with runs folded, whatever the order given', () => {
    expect(uidSet([5, 1, 2, 3, 9, 11, 10])).toBe('1:3,5,9:11');
    expect(uidSet([7])).toBe('7');
    expect(uidSet([4, 4, 5])).toBe('4:5');
    expect(expandUidSet(uidSet([3, 8, 1, 2]))).toEqual([1, 2, 3, 8]);
    // A backlog of 9,900 mails with a gap every 100: 100 runs, not 9,900 numbers.
    const backlog = Array.from({ length: 10_000 }, (_, i) => i + 1).filter((uid) => uid % 100 !== 0);
    expect(uidSet(backlog).split(',')).toHaveLength(100);
  });

  it('finds the UIDs of a MODIFIED response code and nothing in a plain OK', () => {
    const modified = { attributes: [{ type: 'ATOM', value: '', section: [{ type: 'ATOM', value: 'MODIFIED' }, { type: 'SEQUENCE', value: '7,9:10' }] }] };
    expect(modifiedUids(modified)).toEqual([7, 9, 10]);
    expect(modifiedUids({ attributes: [{ type: 'TEXT', value: 'Store completed.' }] })).toEqual([]);
    expect(modifiedUids({})).toEqual([]);
  });
});

describe('reading the mailbox from a FETCH of every mail', () => {
  it('drops the unsolicited rows without a UID and keeps the last row of each mail', () => {
    const rows = [
      { uid: 3, flags: 'a' },
      { uid: undefined, flags: 'claimed elsewhere' },
      { uid: 4, flags: 'b' },
      { uid: 3, flags: 'c' },
      { uid: 0, flags: 'd' },
    ];
    expect(mailboxRows(rows)).toEqual([
      { uid: 3, flags: 'c' },
      { uid: 4, flags: 'b' },
    ]);
    expect(uidSet(mailboxRows(rows).map((r) => r.uid))).toBe('3:4');
  });
});
