import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { OpenTicketSummary } from '@firsthand/domain';
import type { DataSource } from 'typeorm';

/** Everything an export holds about one customer, read from PostgreSQL; files are read by their storage key. */
export interface CustomerDataSet {
  customer: Record<string, unknown>;
  /** Records merged into this one: their contacts are the customer's too. */
  mergedRecords: Array<Record<string, unknown>>;
  tickets: Array<{
    id: string;
    code: string;
    facts: Record<string, unknown>;
    /** What the customer wrote and what was written to them; internal notes are the team's, not part of it. */
    messages: Array<{ id: string; author: 'customer' | 'agent'; authorName: string | null; channel: string; body: string; createdAt: Date }>;
    attachments: Array<{ id: string; filename: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string; addedBy: string; createdAt: Date }>;
    mails: Array<{ id: string; subject: string | null; fromAddress: string | null; receivedAt: Date; originalKey: string | null }>;
  }>;
  /** Mails from the customer's addresses that made no ticket (held back, ignored, quarantined), with their originals where still kept. */
  unticketedMails: Array<{ id: string; subject: string | null; fromAddress: string | null; receivedAt: Date; originalKey: string | null; outcome: string; reason: string | null }>;
  notifications: Array<Record<string, unknown>>;
  ratings: Array<{ ticketCode: string; rating: number; comment: string | null; ratedAt: Date | null }>;
}

type Obj = Record<string, unknown>;

/** Reads for customer data rights: the export's contents and the open tickets an erasure must name. */
@Injectable()
export class CustomerDataReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The record and every record merged into it (null when unknown). */
  async recordIds(customerId: string): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(`SELECT id FROM customers WHERE id = $1 OR merged_into_id = $1 ORDER BY (id = $1) DESC, id`, [customerId]);
    return rows.map((r) => r.id);
  }

  async customerState(customerId: string): Promise<{ mergedIntoId: string | null; erasedAt: Date | null } | null> {
    const [row] = await this.db.query<Array<{ merged_into_id: string | null; erased_at: Date | null }>>(
      `SELECT merged_into_id, erased_at FROM customers WHERE id = $1`, [customerId]);
    return row ? { mergedIntoId: row.merged_into_id, erasedAt: row.erased_at } : null;
  }

  async openTickets(customerIds: string[]): Promise<OpenTicketSummary[]> {
    return this.db.query<OpenTicketSummary[]>(
      `SELECT id, code, subject, status FROM tickets WHERE customer_id = ANY($1::uuid[]) AND status IN ('new', 'open', 'pending_customer') ORDER BY created_at, id`,
      [customerIds]);
  }

  async ticketIds(customerIds: string[]): Promise<string[]> {
    const rows = await this.db.query<Array<{ id: string }>>(`SELECT id FROM tickets WHERE customer_id = ANY($1::uuid[]) ORDER BY created_at, id`, [customerIds]);
    return rows.map((r) => r.id);
  }

  async dataSet(customerId: string): Promise<CustomerDataSet | null> {
    const ids = await this.recordIds(customerId);
    if (ids.length === 0) return null;
    const records = await this.db.query<Obj[]>(
      `SELECT id, name, email, phone, tier, locale, created_at AS "createdAt", merged_into_id AS "mergedIntoId", merged_at AS "mergedAt"
       FROM customers WHERE id = ANY($1::uuid[])`, [ids]);
    const tickets = await this.db.query<Obj[]>(
      `SELECT t.id, t.code, t.subject, t.description, t.channel, t.kind, t.priority, t.tier, t.status, t.created_at AS "createdAt",
              t.first_response_at AS "firstResponseAt", t.resolved_at AS "resolvedAt", t.closed_at AS "closedAt", t.reopen_count AS "reopenCount",
              t.csat_rating AS "csatRating", t.csat_comment AS "csatComment", t.resolution, o.name AS "ownerName", tm.name AS "teamName"
       FROM tickets t LEFT JOIN agents o ON o.id = t.owner_id LEFT JOIN teams tm ON tm.id = t.team_id
       WHERE t.customer_id = ANY($1::uuid[]) ORDER BY t.created_at, t.id`, [ids]);
    const ticketIds = tickets.map((t) => t.id as string);
    const messages = await this.db.query<Obj[]>(
      `SELECT m.id, m.ticket_id, m.author_type, m.channel, m.body, m.created_at, CASE WHEN m.author_type = 'agent' THEN a.name ELSE c.name END AS author_name
       FROM messages m LEFT JOIN agents a ON a.id = m.author_id LEFT JOIN customers c ON c.id = m.author_id
       WHERE m.ticket_id = ANY($1::uuid[]) AND m.visibility = 'public' ORDER BY m.created_at, m.event_seq`, [ticketIds]);
    const files = await this.db.query<Obj[]>(
      `SELECT id, ticket_id, filename, content_type, size_bytes, sha256, storage_key, added_by_type, created_at FROM attachments
       WHERE ticket_id = ANY($1::uuid[]) AND visibility = 'public' AND erased_at IS NULL ORDER BY created_at, id`, [ticketIds]);
    const mails = await this.db.query<Obj[]>(
      `SELECT id, ticket_id, subject, from_address, received_at, original_key FROM inbound_mails WHERE ticket_id = ANY($1::uuid[]) ORDER BY received_at, id`, [ticketIds]);
    const addresses = records.flatMap((r) => (typeof r.email === 'string' ? [r.email.toLowerCase()] : []));
    const unticketed = await this.db.query<Obj[]>(
      `SELECT id, subject, from_address, received_at, original_key, outcome, reason FROM inbound_mails
       WHERE ticket_id IS NULL AND lower(from_address) = ANY($1::text[]) ORDER BY received_at, id`, [addresses]);
    const notifications = await this.db.query<Obj[]>(
      `SELECT n.id, t.code AS "ticketCode", n.kind, n.channel, n.address, n.locale, n.subject, n.text_body AS "textBody", n.status,
              n.sent_at AS "sentAt", n.created_at AS "createdAt"
       FROM notifications n JOIN tickets t ON t.id = n.ticket_id
       WHERE n.ticket_id = ANY($1::uuid[]) AND n.recipient_type = 'customer' ORDER BY n.created_at, n.id`, [ticketIds]);
    const ratedAt = await this.db.query<Array<{ ticket_id: string; created_at: Date }>>(
      `SELECT DISTINCT ON (ticket_id) ticket_id, created_at FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND type = 'rated' ORDER BY ticket_id, seq DESC`, [ticketIds]);
    const of = <T extends Obj>(rows: T[], ticketId: unknown) => rows.filter((r) => r.ticket_id === ticketId);
    return {
      customer: records.find((r) => r.id === customerId) ?? records[0],
      mergedRecords: records.filter((r) => r.id !== customerId),
      tickets: tickets.map((t) => ({
        id: t.id as string,
        code: t.code as string,
        facts: t,
        messages: of(messages, t.id).map((m) => ({
          id: m.id as string, author: m.author_type as 'customer' | 'agent', authorName: (m.author_name as string | null) ?? null,
          channel: m.channel as string, body: m.body as string, createdAt: m.created_at as Date,
        })),
        attachments: of(files, t.id).map((a) => ({
          id: a.id as string, filename: a.filename as string, contentType: a.content_type as string, sizeBytes: Number(a.size_bytes),
          sha256: a.sha256 as string, storageKey: a.storage_key as string, addedBy: a.added_by_type as string, createdAt: a.created_at as Date,
        })),
        mails: of(mails, t.id).map((m) => ({
          id: m.id as string, subject: (m.subject as string | null) ?? null, fromAddress: (m.from_address as string | null) ?? null,
          receivedAt: m.received_at as Date, originalKey: (m.original_key as string | null) ?? null,
        })),
      })),
      unticketedMails: unticketed.map((m) => ({
        id: m.id as string, subject: (m.subject as string | null) ?? null, fromAddress: (m.from_address as string | null) ?? null,
        receivedAt: m.received_at as Date, originalKey: (m.original_key as string | null) ?? null, outcome: m.outcome as string, reason: (m.reason as string | null) ?? null,
      })),
      notifications,
      ratings: tickets
        .filter((t) => t.csatRating !== null)
        .map((t) => ({
          ticketCode: t.code as string, rating: Number(t.csatRating), comment: (t.csatComment as string | null) ?? null,
          ratedAt: ratedAt.find((r) => r.ticket_id === t.id)?.created_at ?? null,
        })),
    };
  }
}
