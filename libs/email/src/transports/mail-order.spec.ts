import { inKeyOrder, mailOrderKeys } from './mail-order.js';

describe('mailOrderKeys', () => {
  it('reads the own id, the answered ids (In-Reply-To first, then References newest first) and the sender', () => {
    const keys = mailOrderKeys({
      fromAddress: ' Alice@Customer.Example ',
      messageId: '<m3@customer.example>',
      inReplyTo: '<m2@support.example>',
      references: 'References: <m1@customer.example>\r\n <m2@support.example>\r\n',
    });
    expect(keys.messageId).toBe('<m3@customer.example>');
    expect(keys.answers).toEqual(['<m2@support.example>', '<m1@customer.example>']);
    expect(keys.keys).toEqual(['id:<m2@support.example>', 'id:<m1@customer.example>', 'id:<m3@customer.example>', 'from:alice@customer.example']);
  });

  it('copes with missing headers, a mail that names itself, and a References header of thousands of ids', () => {
    expect(mailOrderKeys({ fromAddress: null, messageId: null, inReplyTo: null, references: null })).toEqual({ messageId: null, answers: [], keys: [] });
    const self = mailOrderKeys({ fromAddress: undefined, messageId: '<a@x>', inReplyTo: '<a@x>', references: undefined });
    expect(self.answers).toEqual([]);
    const long = mailOrderKeys({ fromAddress: 'b@x', messageId: '<z@x>', inReplyTo: null, references: Array.from({ length: 5000 }, (_, i) => `<r${i}@x>`).join(' ') });
    expect(long.answers.length).toBe(50);
    expect(long.answers[0]).toBe('<r4999@x>');
  });
});

describe('inKeyOrder', () => {
  /** Work that finishes when the test says so, recording starts and ends. */
  function controlledWork() {
    const log: string[] = [];
    const finish = new Map<string, () => void>();
    const work = (item: { name: string }) =>
      new Promise<void>((resolve) => {
        log.push(`start ${item.name}`);
        finish.set(item.name, () => {
          log.push(`end ${item.name}`);
          resolve();
        });
      });
    const end = async (name: string) => {
      finish.get(name)!();
      await new Promise((r) => setImmediate(r));
    };
    return { log, work, end, started: () => [...finish.keys()] };
  }
  const flush = () => new Promise((r) => setImmediate(r));

  it('starts unrelated items side by side up to the limit, and a tied item only after the earlier one ends', async () => {
    const items = [
      { name: 'a1', keys: ['from:a'] },
      { name: 'b1', keys: ['from:b'] },
      { name: 'a2', keys: ['from:a'] },
      { name: 'c1', keys: ['from:c'] },
      { name: 'd1', keys: ['from:d'] },
    ];
    const w = controlledWork();
    const done = inKeyOrder(items, 3, (i) => i.keys, w.work);
    await flush();
    // a2 waits for a1; d1 waits for a slot.
    expect(w.started()).toEqual(['a1', 'b1', 'c1']);
    await w.end('b1');
    expect(w.started()).toEqual(['a1', 'b1', 'c1', 'd1']);
    await w.end('a1');
    expect(w.started()).toEqual(['a1', 'b1', 'c1', 'd1', 'a2']);
    for (const name of ['c1', 'd1', 'a2']) await w.end(name);
    await done;
    expect(w.log.indexOf('end a1')).toBeLessThan(w.log.indexOf('start a2'));
  });

  it('keeps an answer behind the mail it answers even through a chain of other keys', async () => {
    const items = [
      { name: 'parent', keys: ['id:p', 'from:x'] },
      { name: 'other', keys: ['id:o', 'from:y'] },
      { name: 'answer', keys: ['id:p', 'id:r', 'from:y'] },
    ];
    const w = controlledWork();
    const done = inKeyOrder(items, 4, (i) => i.keys, w.work);
    await flush();
    expect(w.started()).toEqual(['parent', 'other']);
    await w.end('other');
    expect(w.started()).toEqual(['parent', 'other']);
    await w.end('parent');
    expect(w.started()).toEqual(['parent', 'other', 'answer']);
    await w.end('answer');
    await done;
  });

  it('with a limit of one runs everything in the given order', async () => {
    const order: number[] = [];
    await inKeyOrder([1, 2, 3, 4], 1, () => [], async (n) => {
      await flush();
      order.push(n);
    });
    expect(order).toEqual([1, 2, 3, 4]);
  });

  it('once mayStart says no, starts nothing more, lets the running ones finish and hands back the rest', async () => {
    let open = true;
    const notStarted: string[] = [];
    const w = controlledWork();
    const items = ['a', 'b', 'c', 'd'].map((name) => ({ name }));
    const done = inKeyOrder(items, 2, () => [], w.work, { mayStart: () => open, notStarted: (i) => notStarted.push(i.name) });
    await flush();
    expect(w.started()).toEqual(['a', 'b']);
    open = false;
    await w.end('a');
    expect(w.started()).toEqual(['a', 'b']);
    expect(notStarted).toEqual([]);
    await w.end('b');
    await done;
    expect(notStarted).toEqual(['c', 'd']);
  });

  it('resolves at once for no items and refuses a limit below one', async () => {
    await inKeyOrder([], 2, () => [], async () => {});
    expect(() => inKeyOrder([1], 0, () => [], async () => {})).toThrow('limit');
  });
});
