import type { EntityManager } from 'typeorm';

interface Gathered {
  items: unknown[];
  write: (items: unknown[]) => Promise<void>;
  rank: number;
}

/**
 * Rows that a transaction carrying several changes (TicketWriter's shared commits) gathers from them
 * and writes just before it commits, one statement a kind instead of one a change. A store offers a
 * row with `writeBehindIn(em)`; without one (any other transaction) it writes at once. What is
 * gathered commits or rolls back with the transaction like any other write, so nothing a change
 * reads back in the same transaction may depend on it (the search documents: only searches read
 * them, after commit).
 */
export class WriteBehind {
  private readonly kinds = new Map<string, Gathered>();

  /**
   * `item` for the statement of its `kind`, which `write` makes with every item gathered, in order.
   * Kinds are written by `rank` (lower first), then in the order each first came: a write that can
   * refuse the whole transaction (a mail recorded already) goes before the ones that take locks.
   */
  add<T>(kind: string, item: T, write: (items: T[]) => Promise<void>, rank = 0): void {
    const gathered = this.kinds.get(kind);
    if (gathered) gathered.items.push(item);
    else this.kinds.set(kind, { items: [item], write: write as (items: unknown[]) => Promise<void>, rank });
  }

  /** Writes what was gathered of `kind` now: for a row about to reference one of them (a file of a message). */
  async flushKind(kind: string): Promise<void> {
    const gathered = this.kinds.get(kind);
    if (!gathered) return;
    this.kinds.delete(kind);
    await gathered.write(gathered.items);
  }

  /** Writes what was gathered, until nothing is left (a write may gather more). */
  async flush(): Promise<void> {
    while (this.kinds.size > 0) {
      const [kind, { items, write }] = [...this.kinds].reduce((first, next) => (next[1].rank < first[1].rank ? next : first));
      this.kinds.delete(kind);
      await write(items);
    }
  }
}

/** The kind messages are gathered under: a row about to reference one flushes it first (`flushKind`). */
export const MESSAGES_WRITTEN_BEHIND = 'messages';

const gathering = new WeakMap<EntityManager, WriteBehind>();

/** The transaction's gatherer, when it has one. */
export function writeBehindIn(em: EntityManager): WriteBehind | undefined {
  return gathering.get(em);
}

/** Runs `work` in `tx` with a gatherer, and writes what it gathered once `work` is done (before the caller commits). */
export async function gatheringWrites<T>(tx: EntityManager, work: () => Promise<T>): Promise<T> {
  const behind = new WriteBehind();
  gathering.set(tx, behind);
  try {
    const result = await work();
    await behind.flush();
    return result;
  } finally {
    gathering.delete(tx);
  }
}
