import { Gate } from './gate.js';

describe('Gate', () => {
  it('runs at most its limit at once, the others in the order they came, and passes on results and failures', async () => {
    const gate = new Gate(2);
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const releases: Array<() => void> = [];
    const runs = [0, 1, 2, 3, 4].map((i) =>
      gate.run(async () => {
        started.push(i);
        running++;
        most = Math.max(most, running);
        await new Promise<void>((resolve) => releases.push(resolve));
        running--;
        if (i === 3) throw new Error('run 3 failed');
        return i;
      }),
    );
    const results = Promise.allSettled(runs);
    const settle = () => new Promise((resolve) => setImmediate(resolve));
    await settle();
    expect(started).toEqual([0, 1]);
    // Let each run end in turn: every end lets exactly one waiter in.
    while (releases.length > 0) {
      releases.shift()!();
      await settle();
    }
    expect(most).toBe(2);
    expect(started).toEqual([0, 1, 2, 3, 4]);
    expect((await results).map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([0, 1, 2, 'run 3 failed', 4]);
    // A failure gives its turn back too: the gate is free for as many as its limit again.
    const again = await Promise.all([gate.run(async () => 'a'), gate.run(async () => 'b'), gate.run(async () => 'c')]);
    expect(again).toEqual(['a', 'b', 'c']);
  });
});
