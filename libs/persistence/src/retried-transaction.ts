import type { DataSource, EntityManager } from 'typeorm';

/**
 * What a caller adds to a store's own transaction once the row is written (an audit entry): it
 * commits or rolls back with the write. It may run again if the transaction is retried.
 */
export type WithinWrite<T> = (tx: EntityManager, written: T) => Promise<void>;

/** SQLSTATEs after which PostgreSQL rolled the whole transaction back and running it again is safe. */
const RETRIABLE_STATES: ReadonlySet<string> = new Set(['40P01', '40001']);

export interface TransactionRetry {
  /** Runs in all, the first included. Default 3. */
  attempts?: number;
  /** Upper bound of the first pause in ms; each later one doubles it. The pause is drawn at random below it. Default 40. */
  backoffMs?: number;
  /** Told of each abort that is retried (a log line). */
  onRetry?: (error: Error, attempt: number) => void;
}

/** A deadlock (40P01) or serialization failure (40001): PostgreSQL aborted the transaction, nothing of it stayed. */
export function isTransientAbort(error: unknown): boolean {
  const e = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  const code = e?.driverError?.code ?? e?.code;
  return typeof code === 'string' && RETRIABLE_STATES.has(code);
}

/**
 * One transaction, run again from the start when PostgreSQL aborts it for a deadlock or a
 * serialization failure, a bounded number of times with a short random pause (so the two
 * transactions that collided do not collide again in step). `work` must do nothing outside the
 * database that a second run would repeat: side effects belong after the commit, where the caller
 * gets the result once. Any other error, or the last attempt's, goes to the caller unchanged.
 */
export async function runRetriedTransaction<T>(db: DataSource, work: (tx: EntityManager) => Promise<T>, retry: TransactionRetry = {}): Promise<T> {
  return runRetried(() => db.transaction(work), retry);
}

/**
 * `work` run again, as `runRetriedTransaction` does, when PostgreSQL aborted it for a deadlock or a
 * serialization failure. For a single statement outside a transaction (atomic by itself, so it
 * needs no BEGIN and COMMIT round trips), or a transaction `work` opens itself.
 */
export async function runRetried<T>(work: () => Promise<T>, retry: TransactionRetry = {}): Promise<T> {
  const attempts = retry.attempts ?? 3;
  const backoffMs = retry.backoffMs ?? 40;
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts || !isTransientAbort(error)) throw error;
      retry.onRetry?.(error as Error, attempt);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * backoffMs * 2 ** (attempt - 1)));
    }
  }
}
