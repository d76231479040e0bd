import { nextTimersSetter } from './sla-timers.processor.js';

/** A setter whose first two calls (one per slot) wait for `open()`, so what is submitted meanwhile goes in one batch. */
function held() {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return { gate, open: () => open() };
}

describe('nextTimersSetter', () => {
  it('sets the next timers of tickets whose timers fire together in one call', async () => {
    const calls: string[][] = [];
    const { gate, open } = held();
    const setter = nextTimersSetter({
      rescheduleByIds: async (ids) => {
        calls.push([...ids]);
        if (ids[0].startsWith('busy')) await gate;
        return ids.length;
      },
      rescheduleById: async () => {
        throw new Error('not expected');
      },
    });
    const busy = ['busy1', 'busy2'].map((id) => setter.submit(id));
    const together = ['t1', 't2', 't3'].map((id) => setter.submit(id));
    open();
    expect(await Promise.all([...busy, ...together])).toEqual([1, 1, 3, 3, 3]);
    expect(calls).toEqual([['busy1'], ['busy2'], ['t1', 't2', 't3']]);
  });

  it('when the batch fails, tries each ticket alone: only the failing one fails', async () => {
    const alone: string[] = [];
    const { gate, open } = held();
    const setter = nextTimersSetter({
      rescheduleByIds: async (ids) => {
        if (ids[0].startsWith('busy')) await gate;
        if (ids.includes('bad')) throw new Error('one ticket of the batch failed');
        return ids.length;
      },
      rescheduleById: async (id) => {
        alone.push(id);
        if (id === 'bad') throw new Error('this ticket fails');
        return 1;
      },
    });
    const busy = ['busy1', 'busy2'].map((id) => setter.submit(id));
    const outcomes = Promise.allSettled(['t1', 'bad', 't2'].map((id) => setter.submit(id)));
    open();
    await Promise.all(busy);
    expect((await outcomes).map((o) => o.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(alone).toEqual(['t1', 'bad', 't2']);
  });
});
