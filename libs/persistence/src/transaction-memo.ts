import type { EntityManager } from 'typeorm';

/**
 * Values kept for the length of one transaction, by key: what a shared transaction found or locked
 * up front for its changes to take, or read once for all of them. Keyed by the transaction's
 * EntityManager, so they go with it (nothing to clear, nothing seen by another transaction).
 */
export class TransactionMemo<K, V> {
  private readonly byTransaction = new WeakMap<EntityManager, Map<K, V>>();

  get(tx: EntityManager, key: K): V | undefined {
    return this.byTransaction.get(tx)?.get(key);
  }

  set(tx: EntityManager, key: K, value: V): void {
    let values = this.byTransaction.get(tx);
    if (!values) this.byTransaction.set(tx, (values = new Map()));
    values.set(key, value);
  }

  delete(tx: EntityManager, key: K): void {
    this.byTransaction.get(tx)?.delete(key);
  }

  /** The value once: a second take in the same transaction finds nothing. */
  take(tx: EntityManager, key: K): V | undefined {
    const value = this.get(tx, key);
    if (value !== undefined) this.delete(tx, key);
    return value;
  }

  /** The value this transaction has for `key`, made by `make` the first time it is asked for. */
  remembered(tx: EntityManager, key: K, make: () => V): V {
    const known = this.get(tx, key);
    if (known !== undefined) return known;
    const made = make();
    this.set(tx, key, made);
    return made;
  }
}
