import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { settleDueOutcomes } from './settle-due-outcomes.js';
import { runRetriedTransaction } from '../retried-transaction.js';

/** Provisional outcomes whose windows closed become final, a batch per transaction. */
@Injectable()
export class OutcomeSettlement {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** How many settled. */
  settleDue(now: Date, batchSize: number): Promise<number> {
    return runRetriedTransaction(this.db, (em) => settleDueOutcomes(em, now, batchSize));
  }
}
