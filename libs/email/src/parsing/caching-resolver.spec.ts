import { cachingResolver } from './caching-resolver.js';

describe('cachingResolver', () => {
  const missing = () => Object.assign(new Error('queryTxt ENOTFOUND'), { code: 'ENOTFOUND' });

  it('asks once per question while the answer is fresh, then again', async () => {
    let clock = 0;
    const asked: string[] = [];
    const resolve = cachingResolver(async (name, rrtype) => (asked.push(`${rrtype} ${name}`), [['v=DMARC1; p=none']]), { answerTtlMs: 1000 }, () => clock);
    const answers = await Promise.all([resolve('_dmarc.example.com', 'TXT'), resolve('_DMARC.example.com', 'TXT')]);
    expect(answers).toEqual([[['v=DMARC1; p=none']], [['v=DMARC1; p=none']]]);
    await resolve('_dmarc.example.com', 'TXT');
    expect(asked).toEqual(['TXT _dmarc.example.com']);
    clock = 1001;
    await resolve('_dmarc.example.com', 'TXT');
    expect(asked).toHaveLength(2);
  });

  it('keeps "no such record" for a while, but asks again after a timeout', async () => {
    let calls = 0;
    let failure: () => Error = missing;
    const resolve = cachingResolver(async () => {
      calls++;
      throw failure();
    });
    await expect(resolve('_dmarc.nodmarc.example', 'TXT')).rejects.toThrow('ENOTFOUND');
    await new Promise((r) => setImmediate(r));
    await expect(resolve('_dmarc.nodmarc.example', 'TXT')).rejects.toThrow('ENOTFOUND');
    expect(calls).toBe(1);
    failure = () => Object.assign(new Error('timeout'), { code: 'ETIMEOUT' });
    await expect(resolve('sel._domainkey.slow.example', 'TXT')).rejects.toThrow('timeout');
    await new Promise((r) => setImmediate(r));
    await expect(resolve('sel._domainkey.slow.example', 'TXT')).rejects.toThrow('timeout');
    expect(calls).toBe(3);
  });

  it('holds at most maxEntries questions', async () => {
    let calls = 0;
    const resolve = cachingResolver(async () => (calls++, ['x']), { maxEntries: 2 });
    for (const name of ['a', 'b', 'c', 'a']) await resolve(name, 'TXT');
    expect(calls).toBe(4);
  });
});
