import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActingAgent } from '@firsthand/domain';
import type { CustomerCard, CustomerMatchList, CustomerProfile, CustomerRating, CustomerRepeatContact, CustomerTicketSummary, MergedContact } from '@firsthand/http-contracts';
import type { DataSource } from 'typeorm';
import { visibilityClause } from '../tickets/ticket-read-model.js';
import { CUSTOMER_COLUMNS, SURVIVOR_OF, toCustomerCard, type CustomerRow } from './customer-row.js';
import { keysetInstant } from '../keyset-instant.js';

export interface CustomerTicketPage {
  limit: number;
  cursor?: { createdAt: string; id: string };
}

/** How many ratings and repeat contacts the profile lists (newest first); the counts cover all. */
export const PROFILE_LIST_LIMIT = 50;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;
const iso = (value: Date | null): string | null => (value ? new Date(value).toISOString() : null);

/**
 * The customer profile agents read beside a ticket: the record (an old, merged-away id leads to its
 * survivor), and of the customer's tickets only those the agent may see by the ticket rules; `hidden`
 * says how many others exist, without showing them.
 */
@Injectable()
export class CustomerProfiles {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async survivorId(customerId: string): Promise<string | null> {
    const rows: Array<{ id: string }> = await this.db.query(SURVIVOR_OF, [customerId]);
    return rows[0]?.id ?? null;
  }

  async card(customerId: string): Promise<CustomerCard | null> {
    const rows: CustomerRow[] = await this.db.query(`SELECT ${CUSTOMER_COLUMNS} FROM customers c WHERE c.id = $1`, [customerId]);
    return rows[0] ? toCustomerCard(rows[0]) : null;
  }

  async profile(agent: ActingAgent, askedId: string, page: CustomerTicketPage): Promise<(Omit<CustomerProfile, 'tickets'> & { tickets: { items: CustomerTicketSummary[]; nextCursor: { createdAt: string; id: string } | null } }) | null> {
    const id = await this.survivorId(askedId);
    const card = id ? await this.card(id) : null;
    if (!id || !card) return null;
    const [otherContacts, counts, tickets, csatHistory, repeatContacts] = await Promise.all([
      this.otherContacts(id),
      this.counts(agent, id),
      this.tickets(agent, id, page),
      this.ratings(agent, id),
      this.repeats(agent, id),
    ]);
    return { ...card, mergedFromId: id === askedId ? null : askedId, otherContacts, ...counts, tickets, csatHistory, repeatContacts };
  }

  /** Active records by name, email or phone (contains, case-insensitive), at most `limit`. */
  async search(q: string, limit: number): Promise<CustomerMatchList> {
    const pattern = `%${q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const rows: Array<CustomerRow & { ticket_count: number }> = await this.db.query(
      `SELECT ${CUSTOMER_COLUMNS}, (SELECT count(*)::int FROM tickets t WHERE t.customer_id = c.id) AS ticket_count
       FROM customers c
       WHERE c.merged_into_id IS NULL AND (lower(c.name) LIKE $1 OR lower(c.email) LIKE $1 OR c.phone LIKE $1)
       ORDER BY lower(c.email) = $2 DESC, c.name, c.id LIMIT $3`,
      [pattern, q.toLowerCase(), limit],
    );
    return { items: rows.map((r) => ({ ...toCustomerCard(r), ticketCount: r.ticket_count })) };
  }

  private async otherContacts(id: string): Promise<MergedContact[]> {
    const rows: Row[] = await this.db.query(
      `WITH RECURSIVE merged(id, depth) AS (
         SELECT id, 0 FROM customers WHERE merged_into_id = $1
         UNION ALL SELECT c.id, merged.depth + 1 FROM customers c JOIN merged ON c.merged_into_id = merged.id WHERE merged.depth < 32)
       SELECT c.id, c.email, c.phone, c.merged_at FROM customers c JOIN merged m ON m.id = c.id
       WHERE c.email IS NOT NULL OR c.phone IS NOT NULL ORDER BY c.merged_at DESC, c.id LIMIT ${PROFILE_LIST_LIMIT}`,
      [id],
    );
    return rows.map((r) => ({ customerId: r.id, email: r.email, phone: r.phone, mergedAt: iso(r.merged_at) ?? '' }));
  }

  private async counts(agent: ActingAgent, id: string): Promise<Pick<CustomerProfile, 'counts' | 'averageRating'>> {
    const params: unknown[] = [id];
    const seen = visibilityClause(agent, params);
    const [r]: Row[] = await this.db.query(
      `SELECT count(*) FILTER (WHERE ${seen})::int AS tickets,
         count(*) FILTER (WHERE ${seen} AND t.status IN ('new', 'open', 'pending_customer'))::int AS open,
         count(*) FILTER (WHERE ${seen} AND t.status IN ('resolved', 'closed'))::int AS resolved,
         count(*) FILTER (WHERE ${seen} AND t.repeat_of_ticket_id IS NOT NULL)::int AS repeats,
         count(*) FILTER (WHERE ${seen} AND t.csat_rating IS NOT NULL)::int AS rated,
         avg(t.csat_rating) FILTER (WHERE ${seen}) AS average,
         count(*)::int AS total
       FROM tickets t WHERE t.customer_id = $1`,
      params,
    );
    return {
      counts: { tickets: r.tickets, open: r.open, resolved: r.resolved, repeatContacts: r.repeats, rated: r.rated, hidden: r.total - r.tickets },
      averageRating: r.average === null ? null : Math.round(Number(r.average) * 100) / 100,
    };
  }

  private async tickets(agent: ActingAgent, id: string, page: CustomerTicketPage) {
    const params: unknown[] = [id];
    const seen = visibilityClause(agent, params);
    let after = '';
    if (page.cursor) {
      params.push(page.cursor.createdAt, page.cursor.id);
      after = `AND (v.created_at, v.id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`;
    }
    params.push(page.limit + 1);
    const rows: Row[] = await this.db.query(
      `WITH visible AS (SELECT t.* FROM tickets t WHERE t.customer_id = $1 AND ${seen})
       SELECT v.id, v.code, v.subject, v.status, v.priority, v.kind, v.channel, v.tier, v.created_at, ${keysetInstant('v.created_at')} AS created_key, v.resolved_at,
         v.owner_id, o.name AS owner_name, r.id AS repeat_id, r.code AS repeat_code
       FROM visible v LEFT JOIN agents o ON o.id = v.owner_id LEFT JOIN visible r ON r.id = v.repeat_of_ticket_id
       WHERE TRUE ${after} ORDER BY v.created_at DESC, v.id DESC LIMIT $${params.length}`,
      params,
    );
    const items: CustomerTicketSummary[] = rows.slice(0, page.limit).map((r) => ({
      id: r.id,
      code: r.code,
      subject: r.subject,
      status: r.status,
      priority: r.priority,
      kind: r.kind,
      channel: r.channel,
      tier: r.tier,
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '' } : null,
      createdAt: iso(r.created_at) ?? '',
      resolvedAt: iso(r.resolved_at),
      repeatOf: r.repeat_id ? { id: r.repeat_id, code: r.repeat_code } : null,
    }));
    const last = rows.length > page.limit ? rows[page.limit - 1] : null;
    return { items, nextCursor: last ? { createdAt: last.created_key as string, id: last.id as string } : null };
  }

  private async ratings(agent: ActingAgent, id: string): Promise<CustomerRating[]> {
    const params: unknown[] = [id];
    const seen = visibilityClause(agent, params);
    const rows: Row[] = await this.db.query(
      `SELECT t.id, t.code, t.csat_rating, t.csat_comment,
         COALESCE((SELECT max(e.created_at) FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'rated'), t.resolved_at, t.created_at) AS rated_at
       FROM tickets t WHERE t.customer_id = $1 AND t.csat_rating IS NOT NULL AND ${seen}
       ORDER BY rated_at DESC, t.id LIMIT ${PROFILE_LIST_LIMIT}`,
      params,
    );
    return rows.map((r) => ({ ticketId: r.id, code: r.code, rating: r.csat_rating, comment: r.csat_comment, ratedAt: iso(r.rated_at) ?? '' }));
  }

  private async repeats(agent: ActingAgent, id: string): Promise<CustomerRepeatContact[]> {
    const params: unknown[] = [id];
    const seen = visibilityClause(agent, params);
    const rows: Row[] = await this.db.query(
      `WITH visible AS (SELECT t.id, t.code, t.created_at, t.repeat_of_ticket_id FROM tickets t WHERE t.customer_id = $1 AND ${seen})
       SELECT v.id, v.code, v.created_at, r.id AS repeat_id, r.code AS repeat_code
       FROM visible v JOIN visible r ON r.id = v.repeat_of_ticket_id
       ORDER BY v.created_at DESC, v.id DESC LIMIT ${PROFILE_LIST_LIMIT}`,
      params,
    );
    return rows.map((r) => ({ ticketId: r.id, code: r.code, createdAt: iso(r.created_at) ?? '', repeatOfTicketId: r.repeat_id, repeatOfCode: r.repeat_code }));
  }
}
