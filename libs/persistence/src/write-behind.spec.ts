import type { EntityManager } from 'typeorm';
import { gatheringWrites, writeBehindIn } from './write-behind.js';

describe('write-behind', () => {
  it('gathers items by kind while the work runs and writes each kind once, in the order the kinds first came, before returning', async () => {
    const tx = {} as EntityManager;
    const written: string[] = [];
    const write = (kind: string) => async (items: number[]) => void written.push(`${kind}:${items.join(',')}`);
    const result = await gatheringWrites(tx, async () => {
      const behind = writeBehindIn(tx)!;
      behind.add('search', 1, write('search'));
      behind.add('mails', 10, write('mails'));
      behind.add('search', 2, write('search'));
      expect(written).toEqual([]);
      return 'worked';
    });
    expect(result).toBe('worked');
    expect(written).toEqual(['search:1,2', 'mails:10']);
    // Outside the work the transaction has no gatherer: stores write at once.
    expect(writeBehindIn(tx)).toBeUndefined();
    expect(writeBehindIn({} as EntityManager)).toBeUndefined();
  });

  it('writes lower ranks first, and what a write gathers while the others are written', async () => {
    const tx = {} as EntityManager;
    const written: string[] = [];
    await gatheringWrites(tx, async () => {
      const behind = writeBehindIn(tx)!;
      behind.add('search', 'doc', async (items: string[]) => {
        written.push(`search:${items.join(',')}`);
        behind.add('late', 'x', async (late: string[]) => void written.push(`late:${late.join(',')}`));
      });
      behind.add('mails', 'mail', async (items: string[]) => void written.push(`mails:${items.join(',')}`), -1);
    });
    expect(written).toEqual(['mails:mail', 'search:doc', 'late:x']);
  });

  it('flushKind writes one kind at once (for a row about to reference it), and the rest at the end', async () => {
    const tx = {} as EntityManager;
    const written: string[] = [];
    await gatheringWrites(tx, async () => {
      const behind = writeBehindIn(tx)!;
      const messages = async (items: string[]) => void written.push(`messages:${items.join(',')}`);
      behind.add('messages', 'm1', messages);
      behind.add('search', 's1', async (items: string[]) => void written.push(`search:${items.join(',')}`));
      await behind.flushKind('messages');
      await behind.flushKind('nothing gathered');
      written.push('file of m1');
      behind.add('messages', 'm2', messages);
    });
    expect(written).toEqual(['messages:m1', 'file of m1', 'search:s1', 'messages:m2']);
  });

  it('a failing work writes nothing it gathered, and a failing write fails the whole', async () => {
    const tx = {} as EntityManager;
    const written: number[][] = [];
    await expect(
      gatheringWrites(tx, async () => {
        writeBehindIn(tx)!.add('search', 1, async (items: number[]) => void written.push(items));
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(written).toEqual([]);
    await expect(
      gatheringWrites(tx, async () => {
        writeBehindIn(tx)!.add('mails', 1, async () => {
          throw new Error('recorded already');
        });
      }),
    ).rejects.toThrow('recorded already');
    expect(writeBehindIn(tx)).toBeUndefined();
  });
});
