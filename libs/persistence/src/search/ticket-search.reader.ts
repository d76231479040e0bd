import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActingAgent } from '@firsthand/domain';
import type { TicketView } from '@firsthand/http-contracts';
import type { DataSource } from 'typeorm';
import { preparedRows } from '../prepared-query.js';
import { TICKET_VIEW_SELECT, toTicketView, visibilityClause } from '../tickets/ticket-read-model.js';

export type TicketSearchSort = 'relevance' | 'newest' | 'oldest';

/** What was searched for: the tsquery of its words and the text itself for codes, emails, phones and names. */
export interface TicketSearchText {
  /** A tsquery literal (from `parseSearchQuery`), or null when the text has no word. */
  tsquery: string | null;
  /** The text as typed, trimmed; matched as a substring of codes, emails, phones and names from 3 characters. */
  raw: string;
}

export interface TicketSearchFilter {
  text?: TicketSearchText;
  status?: string[];
  /** 'me', 'unowned' or an agent id. */
  owner?: string;
  teamId?: string;
  /** Tickets carrying every one of these tags. */
  tags?: string[];
  priority?: string[];
  tier?: string[];
  channel?: string[];
  kind?: string[];
  createdFrom?: Date;
  createdTo?: Date;
  /** Only tickets past an SLA target (not yet resolved). */
  breaching?: boolean;
}

/** A position in the result order: match class, text rank, creation time in microseconds, id. */
export interface TicketSearchCursor {
  exact: number;
  rank: number;
  createdUs: string;
  id: string;
}

export interface TicketSearchHit {
  ticket: TicketView;
  /** 3 the code itself, 2 the customer's email or phone itself, 1 part of a code, email, phone or name, 0 words only. */
  exact: number;
  rank: number;
}

/** A message of a hit that contains one of the query's words, to show it highlighted. */
export interface MatchingMessage {
  ticketId: string;
  visibility: 'public' | 'internal';
  body: string;
}

const MIN_SUBSTRING = 3;
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * The agents' search over tickets: words through the `ticket_search` GIN indexes, codes, emails,
 * phones and names by substring through trigram indexes, both merged per ticket; then the same
 * visibility rule as every ticket read, the filters, and a keyset page.
 */
@Injectable()
export class TicketSearchReader {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(agent: ActingAgent, filter: TicketSearchFilter, sort: TicketSearchSort, limit: number, cursor?: TicketSearchCursor) {
    const params: unknown[] = [];
    const { from, keys } = this.source(filter, params);
    const where = this.conditions(agent, filter, params);
    const descending = sort !== 'oldest';
    const order = sort === 'relevance' && keys ? ['sh.exact', 'sh.rank', 't.created_at', 't.id'] : ['t.created_at', 't.id'];
    if (cursor) {
      const values = sort === 'relevance' && keys ? [cursor.exact, cursor.rank] : [];
      params.push(...values, cursor.createdUs, cursor.id);
      const n = params.length;
      const placeholders = order.map((column, i) => {
        const p = `$${n - order.length + 1 + i}`;
        if (column === 't.created_at') return `timestamptz 'epoch' + ${p}::bigint * interval '1 microsecond'`;
        if (column === 't.id') return `${p}::uuid`;
        return column === 'sh.rank' ? `${p}::float8` : `${p}::int`;
      });
      where.push(`(${order.join(', ')}) ${descending ? '<' : '>'} (${placeholders.join(', ')})`);
    }
    const take = Math.trunc(limit) + 1;
    if (!Number.isSafeInteger(take) || take < 2) throw new RangeError(`limit must be a positive integer, got ${limit}`);
    // Not a named prepared statement: how many tickets a word matches varies by orders of magnitude,
    // and a generic plan (which PostgreSQL may switch a prepared statement to) cannot know it.
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `${TICKET_VIEW_SELECT.replace('SELECT', `SELECT ${keys ?? '0 AS exact, 0::float8 AS rank'},
         (extract(epoch FROM t.created_at) * 1000000)::bigint::text AS created_us,`).replace('FROM tickets t', `FROM ${from}`)}
       WHERE ${where.join(' AND ')}
       ORDER BY ${order.map((c) => `${c} ${descending ? 'DESC' : 'ASC'}`).join(', ')} LIMIT ${take}`,
      params,
    );
    const hits: TicketSearchHit[] = rows.slice(0, limit).map((r) => ({ ticket: toTicketView(r), exact: Number(r.exact), rank: Number(r.rank) }));
    const lastRow = rows[Math.min(rows.length, limit) - 1];
    const next: TicketSearchCursor | null =
      rows.length > limit && lastRow
        ? { exact: Number(lastRow.exact), rank: Number(lastRow.rank), createdUs: String(lastRow.created_us), id: String(lastRow.id) }
        : null;
    return { hits, next };
  }

  /** How many tickets match, counted up to `cap` (a view's badge says "cap+" beyond it). */
  async count(agent: ActingAgent, filter: TicketSearchFilter, cap: number): Promise<number> {
    const params: unknown[] = [];
    const { from } = this.source(filter, params);
    const where = this.conditions(agent, filter, params);
    const limit = Math.trunc(cap) + 1;
    const rows: Array<{ n: string }> = await this.db.query(
      `SELECT count(*)::text AS n FROM (SELECT 1 FROM ${from} WHERE ${where.join(' AND ')} LIMIT ${limit}) x`,
      params,
    );
    return Number(rows[0]?.n ?? 0);
  }

  /** For each hit, its newest message holding one of the words (internal notes included: only agents search). */
  async matchingMessages(ticketIds: string[], terms: string[]): Promise<MatchingMessage[]> {
    if (ticketIds.length === 0 || terms.length === 0) return [];
    const rows = await preparedRows<{ ticket_id: string; visibility: 'public' | 'internal'; body: string }>(
      this.db.manager,
      `SELECT DISTINCT ON (ticket_id) ticket_id, visibility, body FROM messages
       WHERE ticket_id = ANY($1::uuid[]) AND lower(body) LIKE ANY($2::text[])
       ORDER BY ticket_id, event_seq DESC`,
      [ticketIds, terms.map(likePattern)],
    );
    return rows.map((r) => ({ ticketId: r.ticket_id, visibility: r.visibility, body: r.body }));
  }

  /**
   * The tickets to list: all of them without a text, else the matches, one row per ticket with its
   * best match class and rank. The word and substring branches are separate scans so each uses its
   * own index (an OR across tables would not).
   */
  private source(filter: TicketSearchFilter, params: unknown[]): { from: string; keys: string | null } {
    const text = filter.text;
    if (!text) return { from: 'tickets t', keys: null };
    const branches: string[] = [];
    if (text.tsquery) {
      params.push(text.tsquery);
      const q = `$${params.length}::tsquery`;
      branches.push(`SELECT s.ticket_id, 0 AS exact, (ts_rank(s.public_doc, ${q}) + ts_rank(s.internal_doc, ${q}))::float8 AS rank
        FROM ticket_search s WHERE s.public_doc @@ ${q} OR s.internal_doc @@ ${q}`);
    }
    if (text.raw.length >= MIN_SUBSTRING) {
      params.push(text.raw.toLowerCase(), likePattern(text.raw));
      const raw = `$${params.length - 1}::text`;
      const like = `$${params.length}::text`;
      branches.push(`SELECT tc.id, CASE WHEN lower(tc.code) = ${raw} THEN 3 ELSE 1 END, 0::float8 FROM tickets tc WHERE lower(tc.code) LIKE ${like}`);
      branches.push(`SELECT tp.id, CASE WHEN lower(cp.email) = ${raw} OR cp.phone = ${raw} THEN 2 ELSE 1 END, 0::float8
        FROM customers cp JOIN tickets tp ON tp.customer_id = cp.id
        WHERE lower(cp.email) LIKE ${like} OR cp.phone LIKE ${like} OR lower(cp.name) LIKE ${like}`);
    }
    if (branches.length === 0) branches.push(`SELECT NULL::uuid, 0, 0::float8 WHERE FALSE`);
    const hits = `(SELECT ticket_id, max(exact) AS exact, max(rank) AS rank
      FROM (${branches.join(' UNION ALL ')}) AS b(ticket_id, exact, rank) GROUP BY ticket_id) sh`;
    return { from: `${hits} JOIN tickets t ON t.id = sh.ticket_id`, keys: 'sh.exact, sh.rank' };
  }

  private conditions(agent: ActingAgent, filter: TicketSearchFilter, params: unknown[]): string[] {
    const where = [visibilityClause(agent, params)];
    const anyOf = (column: string, values: string[] | undefined) => {
      if (!values?.length) return;
      params.push(values);
      where.push(`${column} = ANY($${params.length}::text[])`);
    };
    anyOf('t.status', filter.status);
    anyOf('t.priority', filter.priority);
    anyOf('t.tier', filter.tier);
    anyOf('t.channel', filter.channel);
    anyOf('t.kind', filter.kind);
    if (filter.owner === 'unowned') where.push('t.owner_id IS NULL');
    else if (filter.owner) {
      params.push(filter.owner === 'me' ? agent.id : filter.owner);
      where.push(`t.owner_id = $${params.length}::uuid`);
    }
    if (filter.teamId) {
      params.push(filter.teamId);
      where.push(`t.team_id = $${params.length}::uuid`);
    }
    if (filter.tags?.length) {
      params.push(filter.tags);
      where.push(`t.tags @> $${params.length}::text[]`);
    }
    if (filter.createdFrom) {
      params.push(filter.createdFrom);
      where.push(`t.created_at >= $${params.length}::timestamptz`);
    }
    if (filter.createdTo) {
      params.push(filter.createdTo);
      where.push(`t.created_at < $${params.length}::timestamptz`);
    }
    if (filter.breaching) {
      where.push(`t.status IN ('new', 'open', 'pending_customer') AND (
        (t.first_response_at IS NULL AND t.first_response_due_at < now())
        OR t.next_update_due_at < now() OR t.resolution_due_at < now())`);
    }
    return where;
  }
}
