import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { runRetriedTransaction } from './retried-transaction.js';

/**
 * One PostgreSQL transaction for a unit of work; the manager it hands over is what stores take as
 * `tx`. A transaction PostgreSQL aborts for a deadlock or a serialization failure is run again
 * (3 attempts in all), so neither an agent nor a worker job sees it; publish only after `run` returns.
 */
@Injectable()
export class Transactions {
  private readonly logger = new Logger(Transactions.name);

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return runRetriedTransaction(this.db, work, { onRetry: (error, attempt) => this.logger.warn(`Transaction aborted (${error.message}); attempt ${attempt + 1} follows`) });
  }

  /**
   * Work whose every write is a single statement, atomic on its own: each statement commits by
   * itself on a pooled connection, without the BEGIN and COMMIT round trips a transaction adds.
   */
  withoutTransaction<T>(work: (db: EntityManager) => Promise<T>): Promise<T> {
    return work(this.db.manager);
  }
}

/** True when `em` runs its statements inside an open transaction. */
export function inTransaction(em: EntityManager): boolean {
  return em.queryRunner?.isTransactionActive === true;
}
