import { GroupCommit } from './group-commit.js';

const tick = () => new Promise((resolve) => setImmediate(resolve));

/** A commit the test finishes by hand, recording each batch it was given. */
function manualCommit() {
  const batches: number[][] = [];
  const pending: Array<() => void> = [];
  const commit = (items: number[]) =>
    new Promise<Array<PromiseSettledResult<string>>>((resolve) => {
      batches.push(items);
      pending.push(() => resolve(items.map((n) => (n < 0 ? { status: 'rejected', reason: new Error(`refused ${n}`) } : { status: 'fulfilled', value: `done ${n}` }))));
    });
  const finishNext = async () => {
    pending.shift()?.();
    await tick();
  };
  return { batches, commit, finishNext };
}

describe('GroupCommit', () => {
  it('sends a lone item at once, alone', async () => {
    const { batches, commit, finishNext } = manualCommit();
    const group = new GroupCommit(commit, { maxBatch: 10, maxInFlight: 1 });
    const done = group.submit(1);
    expect(batches).toEqual([[1]]);
    await finishNext();
    await expect(done).resolves.toBe('done 1');
  });

  it('groups the items that arrive while a commit is in flight into the next one, up to the batch size', async () => {
    const { batches, commit, finishNext } = manualCommit();
    const group = new GroupCommit(commit, { maxBatch: 3, maxInFlight: 1 });
    const results = [1, 2, 3, 4, 5, 6].map((n) => group.submit(n));
    expect(batches).toEqual([[1]]);
    await finishNext();
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    expect(batches).toEqual([[1], [2, 3, 4], [5, 6]]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5', 'done 6']);
  });

  it('runs up to maxInFlight commits at once', async () => {
    const { batches, commit, finishNext } = manualCommit();
    const group = new GroupCommit(commit, { maxBatch: 10, maxInFlight: 2 });
    const results = [1, 2, 3, 4].map((n) => group.submit(n));
    expect(batches).toEqual([[1], [2]]);
    await finishNext();
    expect(batches).toEqual([[1], [2], [3, 4]]);
    await finishNext();
    await finishNext();
    await expect(Promise.all(results)).resolves.toHaveLength(4);
  });

  it('starts a commit beside another only once minBesideOthers items wait; fewer go when the one in flight ends', async () => {
    const { batches, commit, finishNext } = manualCommit();
    const group = new GroupCommit(commit, { maxBatch: 10, maxInFlight: 2, minBesideOthers: 3 });
    const results = [1, 2, 3].map((n) => group.submit(n));
    // 1 goes alone; 2 and 3 are too few to start a second commit beside it.
    expect(batches).toEqual([[1]]);
    results.push(group.submit(4));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    results.push(group.submit(5));
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    // One slot free and nothing else in flight but [2, 3, 4]: 5 waits for three, or for a commit to end.
    expect(batches).toEqual([[1], [2, 3, 4]]);
    await finishNext();
    expect(batches).toEqual([[1], [2, 3, 4], [5]]);
    await finishNext();
    await expect(Promise.all(results)).resolves.toEqual(['done 1', 'done 2', 'done 3', 'done 4', 'done 5']);
  });

  it('settles each item on its own: one refused item does not refuse the rest of its batch', async () => {
    const { commit, finishNext } = manualCommit();
    const group = new GroupCommit(commit, { maxBatch: 10, maxInFlight: 1 });
    const first = group.submit(0);
    const ok = group.submit(7);
    const refused = group.submit(-1).catch((error: Error) => error);
    await finishNext();
    await finishNext();
    await expect(first).resolves.toBe('done 0');
    await expect(ok).resolves.toBe('done 7');
    expect(await refused).toEqual(new Error('refused -1'));
  });

  it('refuses every item of a batch whose commit throws, and keeps going with the next', async () => {
    let calls = 0;
    const group = new GroupCommit<number, number>(
      async (items) => {
        calls++;
        if (calls === 1) throw new Error('database gone');
        return items.map((n) => ({ status: 'fulfilled', value: n * 2 }));
      },
      { maxBatch: 10, maxInFlight: 1 },
    );
    await expect(group.submit(1)).rejects.toThrow('database gone');
    await expect(group.submit(2)).resolves.toBe(4);
  });

  it('refuses an item the commit gave no result for, rather than leaving it waiting', async () => {
    const group = new GroupCommit<number, number>(async () => [], { maxBatch: 10, maxInFlight: 1 });
    await expect(group.submit(1)).rejects.toThrow('no result');
  });

  it('needs room for one item and one commit', () => {
    expect(() => new GroupCommit(async () => [], { maxBatch: 0, maxInFlight: 1 })).toThrow();
    expect(() => new GroupCommit(async () => [], { maxBatch: 1, maxInFlight: 0 })).toThrow();
  });
});
