import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomerTier, EarlierTicket, Locale } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';
import { preparedRows } from '../prepared-query.js';

export interface CustomerContact {
  name: string;
  email?: string | null;
  phone?: string | null;
  tier?: CustomerTier;
  locale?: Locale;
}

export interface IntakeCustomer {
  id: string;
  name: string;
  tier: CustomerTier;
}

export interface IdempotencyRecord {
  scope: string;
  key: string;
  requestHash: string;
}

/** What opening a ticket reads and writes besides the ticket itself: its customer, their history, its team, the retry key. */
@Injectable()
export class TicketIntake {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Finds the customer by email (or phone without email), creating them; only an agent may change an existing tier. */
  async upsertCustomer(tx: EntityManager, contact: CustomerContact, byAgent: boolean): Promise<IntakeCustomer> {
    const conflict = contact.email
      ? `ON CONFLICT ((lower(email))) WHERE email IS NOT NULL`
      : `ON CONFLICT (phone) WHERE email IS NULL AND phone IS NOT NULL`;
    const onExisting = byAgent && contact.tier ? `DO UPDATE SET tier = EXCLUDED.tier` : `DO UPDATE SET email = customers.email`;
    const sql = SqlRunner.of(tx);
    const rows = await preparedRows<IntakeCustomer & { merged_into_id: string | null }>(
      tx,
      `INSERT INTO customers (name, email, phone, tier, locale) VALUES ($1, $2, $3, $4, $5) ${conflict} ${onExisting}
       RETURNING id, name, tier, merged_into_id`,
      [contact.name, contact.email?.toLowerCase() ?? null, contact.phone ?? null, byAgent ? (contact.tier ?? 'standard') : 'standard', contact.locale ?? 'en'],
    );
    let found = rows[0];
    // A contact kept on a merged-away record leads to its survivor; the survivor's row is locked too
    // (a merge or tier change of it waits for this ticket, or this ticket for them), and followed again
    // if it was itself merged while we waited.
    for (let hops = 0; found.merged_into_id && hops < 32; hops++) {
      const next = await sql.one<IntakeCustomer & { merged_into_id: string | null }>(
        `SELECT id, name, tier, merged_into_id FROM customers WHERE id = $1 FOR SHARE`,
        [found.merged_into_id],
      );
      if (!next) break;
      found = next;
    }
    return { id: found.id, name: found.name, tier: found.tier };
  }

  /** The customer's tickets still open, or resolved since `since`: where a repeat contact may come from. */
  async earlierTickets(tx: EntityManager, customerId: string, since: Date): Promise<EarlierTicket[]> {
    const rows = await preparedRows<{
      id: string; code: string; status: EarlierTicket['status']; owner_id: string | null; team_id: string | null; created_at: Date; resolved_at: Date | null;
    }>(
      tx,
      `SELECT id, code, status, owner_id, team_id, created_at, resolved_at FROM tickets
       WHERE customer_id = $1 AND ((resolved_at IS NULL AND status <> 'closed') OR resolved_at >= $2)
       ORDER BY created_at DESC LIMIT 10`,
      [customerId, since],
    );
    return rows.map((r) => ({ id: r.id, code: r.code, status: r.status, ownerId: r.owner_id, teamId: r.team_id, createdAt: r.created_at, resolvedAt: r.resolved_at }));
  }

  /** One of the customer's tickets, however old: the one a mail in its thread comes back about. */
  async earlierTicket(tx: EntityManager, customerId: string, ticketId: string): Promise<EarlierTicket | null> {
    const r = await SqlRunner.of(tx).one<{
      id: string; code: string; status: EarlierTicket['status']; owner_id: string | null; team_id: string | null; created_at: Date; resolved_at: Date | null;
    }>(`SELECT id, code, status, owner_id, team_id, created_at, resolved_at FROM tickets WHERE id = $1 AND customer_id = $2`, [ticketId, customerId]);
    return r ? { id: r.id, code: r.code, status: r.status, ownerId: r.owner_id, teamId: r.team_id, createdAt: r.created_at, resolvedAt: r.resolved_at } : null;
  }

  async defaultTeamId(tx: EntityManager): Promise<string | null> {
    const [row] = await preparedRows<{ id: string }>(tx, `SELECT id FROM teams WHERE is_default LIMIT 1`, []);
    return row?.id ?? null;
  }

  async teamExists(tx: EntityManager, teamId: string): Promise<boolean> {
    return (await SqlRunner.of(tx).one(`SELECT 1 FROM teams WHERE id = $1`, [teamId])) !== null;
  }

  /** The earlier request under this key, if any. */
  async findIdempotent(scope: string, key: string): Promise<{ requestHash: string; ticketId: string } | null> {
    const rows: Array<{ request_hash: string; ticket_id: string }> = await this.db.query(
      `SELECT request_hash, ticket_id FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
    return rows[0] ? { requestHash: rows[0].request_hash, ticketId: rows[0].ticket_id } : null;
  }

  /** False when another request committed the key first (the caller rolls back and replays theirs). */
  async recordIdempotent(tx: EntityManager, record: IdempotencyRecord, ticketId: string, now: Date): Promise<boolean> {
    const { affected } = await SqlRunner.of(tx).write(
      `INSERT INTO idempotency_keys (scope, key, request_hash, ticket_id, created_at) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
      [record.scope, record.key, record.requestHash, ticketId, now],
    );
    return affected === 1;
  }
}
