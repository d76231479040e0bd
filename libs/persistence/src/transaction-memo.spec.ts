import type { EntityManager } from 'typeorm';
import { TransactionMemo } from './transaction-memo.js';

const tx = () => ({}) as EntityManager;

describe('TransactionMemo', () => {
  it("keeps each transaction's values apart", () => {
    const memo = new TransactionMemo<string, number>();
    const [a, b] = [tx(), tx()];
    memo.set(a, 'k', 1);
    expect(memo.get(a, 'k')).toBe(1);
    expect(memo.get(b, 'k')).toBeUndefined();
  });

  it('gives a value taken once, and makes a remembered one once', () => {
    const memo = new TransactionMemo<string | null, number>();
    const t = tx();
    memo.set(t, null, 7);
    expect(memo.take(t, null)).toBe(7);
    expect(memo.take(t, null)).toBeUndefined();
    let made = 0;
    expect(memo.remembered(t, 'x', () => ++made)).toBe(1);
    expect(memo.remembered(t, 'x', () => ++made)).toBe(1);
    expect(made).toBe(1);
    memo.delete(t, 'x');
    expect(memo.get(t, 'x')).toBeUndefined();
  });
});
