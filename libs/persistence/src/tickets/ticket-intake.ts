import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CustomerTier, EarlierTicket, Locale, Priority, SlaTargets } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { calendarChoiceOf, CHOSEN_CALENDAR_COLUMNS, CHOSEN_CALENDAR_JOINS, type CalendarChoice, type ChosenCalendarColumns } from '../calendars/sla-calendars.js';
import { SlaPolicyMissing, slaTargetsOf } from '../sla/sla-policy.reader.js';
import { SqlRunner } from '../sql-runner.js';
import { TransactionMemo } from '../transaction-memo.js';
import { preparedRows } from '../prepared-query.js';

export interface CustomerContact {
  name: string;
  email?: string | null;
  phone?: string | null;
  tier?: CustomerTier;
  locale?: Locale;
}

/** What a new ticket opens under; `unknownTeam` when the requested team does not exist. */
export type OpeningTerms =
  | { unknownTeam: true }
  | { unknownTeam: false; teamId: string | null; targets: SlaTargets; calendarChoice: CalendarChoice };

type OpeningTermsRow = ChosenCalendarColumns & {
  team_id: string | null;
  requested_missing: boolean;
  first_response_seconds: number | null;
  update_cadence_seconds: number;
  resolution_seconds: number;
};

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
  /** Customers a transaction found or created ahead of its openings (see upsertCustomersAhead). */
  private readonly upsertedAhead = new TransactionMemo<string, IntakeCustomer>();
  /** Each transaction's opening terms by key, read once (see openingTerms). */
  private readonly termsRead = new TransactionMemo<string, Promise<OpeningTerms>>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Finds the customer by email (or phone without email), creating them; only an agent may change an existing tier. */
  async upsertCustomer(tx: EntityManager, contact: CustomerContact, byAgent: boolean): Promise<IntakeCustomer> {
    const email = contact.email?.toLowerCase();
    return (!byAgent && email ? this.upsertedAhead.get(tx, email) : undefined) ?? this.upsertOne(tx, contact, byAgent);
  }

  /**
   * The customers of several tickets a transaction is about to open (the mails of a shared intake
   * transaction), found or created in one statement, locked in address order; `upsertCustomer`
   * then takes each from here instead of a statement of its own. Customers by email, as a customer
   * opens a ticket (no tier change).
   */
  async upsertCustomersAhead(tx: EntityManager, contacts: readonly CustomerContact[]): Promise<void> {
    const byEmail = new Map<string, CustomerContact>();
    for (const contact of contacts) {
      const email = contact.email?.toLowerCase();
      if (email && !byEmail.has(email)) byEmail.set(email, contact);
    }
    if (byEmail.size === 0) return;
    const ordered = [...byEmail.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const rows = await preparedRows<IntakeCustomer & { merged_into_id: string | null; email: string }>(
      tx,
      `INSERT INTO customers (name, email, phone, tier, locale)
       SELECT v.name, v.email, NULL, 'standard', v.locale FROM unnest($1::text[], $2::text[], $3::text[]) WITH ORDINALITY AS v(name, email, locale, i) ORDER BY v.i
       ON CONFLICT ((lower(email))) WHERE email IS NOT NULL DO UPDATE SET email = customers.email
       RETURNING id, name, tier, merged_into_id, lower(email) AS email`,
      [ordered.map(([, c]) => c.name), ordered.map(([email]) => email), ordered.map(([, c]) => c.locale ?? 'en')],
    );
    // A record merged away leads to its survivor, locked here too, before the group locks any ticket
    // (as a merge or tier change takes the customer first).
    for (const row of rows) this.upsertedAhead.set(tx, row.email, await this.survivorOf(tx, row));
  }

  private async upsertOne(tx: EntityManager, contact: CustomerContact, byAgent: boolean): Promise<IntakeCustomer> {
    const conflict = contact.email
      ? `ON CONFLICT ((lower(email))) WHERE email IS NOT NULL`
      : `ON CONFLICT (phone) WHERE email IS NULL AND phone IS NOT NULL`;
    const onExisting = byAgent && contact.tier ? `DO UPDATE SET tier = EXCLUDED.tier` : `DO UPDATE SET email = customers.email`;
    const rows = await preparedRows<IntakeCustomer & { merged_into_id: string | null }>(
      tx,
      `INSERT INTO customers (name, email, phone, tier, locale) VALUES ($1, $2, $3, $4, $5) ${conflict} ${onExisting}
       RETURNING id, name, tier, merged_into_id`,
      [contact.name, contact.email?.toLowerCase() ?? null, contact.phone ?? null, byAgent ? (contact.tier ?? 'standard') : 'standard', contact.locale ?? 'en'],
    );
    return this.survivorOf(tx, rows[0]!);
  }

  private async survivorOf(tx: EntityManager, upserted: IntakeCustomer & { merged_into_id: string | null }): Promise<IntakeCustomer> {
    const sql = SqlRunner.of(tx);
    let found = upserted;
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

  /**
   * The team a new ticket goes to and what its SLA is, in one statement: the requested team (which
   * must exist), else `fallbackTeamId` (a repeat contact's team), else the default team; the SLA
   * policy's targets for its priority and tier, and which calendar its clocks run on (a choice that
   * `SlaCalendars.forChoice` turns into the calendar, from its cache while that version holds).
   */
  openingTerms(tx: EntityManager, key: { requestedTeamId: string | null; fallbackTeamId: string | null; priority: Priority; tier: CustomerTier }): Promise<OpeningTerms> {
    // The same in a whole transaction (it changes no team or policy): a shared one opening many tickets reads each key once.
    const id = `${key.requestedTeamId}|${key.fallbackTeamId}|${key.priority}|${key.tier}`;
    return this.termsRead.remembered(tx, id, () => this.readOpeningTerms(tx, key));
  }

  private async readOpeningTerms(tx: EntityManager, key: { requestedTeamId: string | null; fallbackTeamId: string | null; priority: Priority; tier: CustomerTier }): Promise<OpeningTerms> {
    const [row] = await preparedRows<OpeningTermsRow>(
      tx,
      `SELECT t.team_id, t.requested_missing, p.first_response_seconds, p.update_cadence_seconds, p.resolution_seconds, ${CHOSEN_CALENDAR_COLUMNS}
       FROM (SELECT coalesce(r.id, CASE WHEN $1::uuid IS NULL THEN coalesce($2::uuid, (SELECT d.id FROM teams d WHERE d.is_default LIMIT 1)) END) AS team_id,
               ($1::uuid IS NOT NULL AND r.id IS NULL) AS requested_missing
             FROM (SELECT 1) one LEFT JOIN teams r ON r.id = $1::uuid) t
       LEFT JOIN sla_policies p ON p.priority = $3 AND p.tier = $4
       ${CHOSEN_CALENDAR_JOINS}`,
      [key.requestedTeamId, key.fallbackTeamId, key.priority, key.tier],
    );
    if (row.requested_missing) return { unknownTeam: true };
    if (row.first_response_seconds === null) throw new SlaPolicyMissing(key.priority, key.tier);
    return {
      unknownTeam: false,
      teamId: row.team_id,
      targets: slaTargetsOf({ firstResponseSeconds: row.first_response_seconds, updateCadenceSeconds: row.update_cadence_seconds, resolutionSeconds: row.resolution_seconds }),
      calendarChoice: calendarChoiceOf(row),
    };
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
