import { Injectable } from '@nestjs/common';
import { CustomerMergeRefused, type CustomerMergePlan, type CustomerRecord, type CustomerTier, type TicketStatus } from '@firsthand/domain';
import type { CustomerCard } from '@firsthand/http-contracts';
import type { EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';
import { CUSTOMER_COLUMNS, toCustomerCard, toCustomerRecord, type CustomerRow } from './customer-row.js';

const UNIQUE_VIOLATION = '23505';

/**
 * Writes to customer records, inside the transaction of a supervisor's act. Customer rows are locked
 * before any of their tickets, as ticket intake does (its upsert locks the customer row, then it may
 * change an earlier ticket), so the two never wait on each other in opposite orders.
 */
@Injectable()
export class CustomerStore {
  /** Locks the records in id order (two merges of the same pair cannot deadlock); missing ids are absent. */
  async lock(tx: EntityManager, ids: string[]): Promise<CustomerRecord[]> {
    const rows = await SqlRunner.of(tx).rows<CustomerRow>(
      `SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = ANY($1::uuid[]) ORDER BY c.id FOR UPDATE`,
      [ids],
    );
    return rows.map(toCustomerRecord);
  }

  /** Of these records (locked in `tx`), those erased or asked to be erased: they take no merge and no change. */
  async erasedOrErasing(tx: EntityManager, ids: string[]): Promise<string[]> {
    const rows = await SqlRunner.of(tx).rows<{ id: string }>(
      `SELECT c.id FROM customers c WHERE c.id = ANY($1::uuid[])
         AND (c.erased_at IS NOT NULL OR EXISTS (SELECT 1 FROM customer_erasures e WHERE e.customer_id = c.id))`,
      [ids],
    );
    return rows.map((r) => r.id);
  }

  async setTier(tx: EntityManager, customerId: string, tier: CustomerTier): Promise<CustomerCard> {
    const rows = await SqlRunner.of(tx).rows<CustomerRow>(
      `UPDATE customers c SET tier = $2 WHERE c.id = $1 AND c.merged_into_id IS NULL RETURNING ${CUSTOMER_COLUMNS}`,
      [customerId, tier],
    );
    if (!rows[0]) throw new Error(`Customer ${customerId} vanished under its lock`);
    return toCustomerCard(rows[0]);
  }

  /** The duplicate keeps what did not move and is marked merged; the survivor takes the contacts it lacked. */
  async applyMerge(tx: EntityManager, plan: CustomerMergePlan, now: Date): Promise<CustomerCard> {
    const sql = SqlRunner.of(tx);
    try {
      await sql.write(`UPDATE customers SET email = $2, phone = $3, merged_into_id = $4, merged_at = $5 WHERE id = $1`, [
        plan.duplicateId, plan.duplicate.email, plan.duplicate.phone, plan.survivorId, now,
      ]);
      const rows = await sql.rows<CustomerRow>(`UPDATE customers c SET email = $2, phone = $3 WHERE c.id = $1 RETURNING ${CUSTOMER_COLUMNS}`, [
        plan.survivorId, plan.survivor.email, plan.survivor.phone,
      ]);
      return toCustomerCard(rows[0]);
    } catch (error) {
      // A phone-only record elsewhere holds the same phone: the whole merge rolls back.
      const failed = error as { code?: string; driverError?: { code?: string } };
      if ((failed.driverError?.code ?? failed.code) === UNIQUE_VIOLATION) {
        throw new CustomerMergeRefused('same-phone');
      }
      throw error;
    }
  }

  /** The customer's tickets (in some statuses), in id order (the order their row locks are taken), at most `limit`. */
  async tickets(tx: EntityManager, customerId: string, limit: number, statuses?: readonly TicketStatus[]): Promise<Array<{ id: string; code: string }>> {
    return SqlRunner.of(tx).rows<{ id: string; code: string }>(
      `SELECT id, code FROM tickets WHERE customer_id = $1 AND ($2::text[] IS NULL OR status = ANY($2::text[])) ORDER BY id LIMIT $3`,
      [customerId, statuses ?? null, limit],
    );
  }
}
