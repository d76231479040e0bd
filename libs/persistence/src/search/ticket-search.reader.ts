import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Clock, type ActingAgent } from '@firsthand/domain';
import type { TicketView } from '@firsthand/http-contracts';
import { prefixSlots, recentPeriods, typedPhoneDigits } from '@firsthand/search';
import type { DataSource } from 'typeorm';
import { preparedRows } from '../prepared-query.js';
import { TICKET_VIEW_SELECT, toTicketView, visibilityClause } from '../tickets/ticket-read-model.js';
import { firstResponseBreachedSql, nextUpdateBreachedSql, resolutionBreachedSql } from '../sla/breached-now.js';
import { SearchConnections } from './search-connections.js';
import { expandedSearchQuery } from './search-words.js';

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
  /**
   * Relevance order with words only: the creation time (microseconds) from which matches were
   * ranked on the first page, null when every match was; kept so later pages rank the same set.
   */
  rankedFromUs?: string | null;
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
/**
 * How many of a word query's matches are ranked (the newest, with ties): older matches follow them
 * unranked, newest first. Every match is still listed; an agent looking for a ticket narrows the
 * words or the filters long before 200 answers (ranking reads each document: docs/search.md).
 */
export const RANKED_CANDIDATES = 200;
/** How many of the newest documents a word search reads first, and how many matches there make it dense. */
const PROBE_WINDOW = 2_000;
const DENSE_MATCHES = 20;
/**
 * A sparse word's matches are asked of the GIN indexes for the last four 28-day periods first (12 to
 * 16 weeks), and for all of them only when those hold fewer than RANKED_CANDIDATES: a word with
 * thousands of matches in all reads the rows of its recent ones only. One step, not several: each
 * is a GIN scan, and a Latin prefix costs the same in each (docs/search.md, "Recent periods first").
 */
const RECENT_PERIODS = 4;
const PHONE_DIGITS = `regexp_replace(cp.phone, '[^0-9]', '', 'g')`;
/** The digits of a typed phone number (see `@firsthand/search`); the API's highlighter uses it too. */
export const phoneDigits = typedPhoneDigits;
/**
 * The SQL of the query's tsquery, its prefixes asked as the words they reach (`search_words`): GIN
 * gathers every posting of a prefix before applying the other words, but skips through an exact
 * word's to the rarest word's (docs/search.md, "Prefixes as words").
 */
function searchQuery(tsquery: string, params: unknown[]): string {
  const { template, prefixes } = prefixSlots(tsquery);
  params.push(template, prefixes);
  return expandedSearchQuery(`$${params.length - 1}::text`, `$${params.length}::text[]`);
}
const likePattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const takeFor = (limit: number) => {
  const take = Math.trunc(limit) + 1;
  if (!Number.isSafeInteger(take) || take < 2) throw new RangeError(`limit must be a positive integer, got ${limit}`);
  return take;
};

const microsAt = (p: string) => `timestamptz 'epoch' + ${p}::bigint * interval '1 microsecond'`;

function pageOf(rows: Array<Record<string, unknown>>, limit: number): { hits: TicketSearchHit[]; next: TicketSearchCursor | null } {
  const hits: TicketSearchHit[] = rows.slice(0, limit).map((r) => ({ ticket: toTicketView(r), exact: Number(r.exact), rank: Number(r.rank) }));
  const lastRow = rows[Math.min(rows.length, limit) - 1];
  const next: TicketSearchCursor | null =
    rows.length > limit && lastRow
      ? { exact: Number(lastRow.exact), rank: Number(lastRow.rank), createdUs: String(lastRow.created_us), id: String(lastRow.id) }
      : null;
  return { hits, next };
}

/**
 * Codes, emails, phones and names holding the typed text (from 3 characters), each `(ticket id,
 * match class)` on its own trigram index: 3 the code itself, 2 the email or phone itself, else 1.
 */
function substringBranches(text: TicketSearchText, params: unknown[]): string[] {
  if (text.raw.length < MIN_SUBSTRING) return [];
  params.push(text.raw.toLowerCase(), likePattern(text.raw));
  const raw = `$${params.length - 1}::text`;
  const like = `$${params.length}::text`;
  const branches = [
    `SELECT tc.id, CASE WHEN lower(tc.code) = ${raw} THEN 3 ELSE 1 END FROM tickets tc WHERE lower(tc.code) LIKE ${like}`,
    `SELECT tp.id, CASE WHEN lower(cp.email) = ${raw} OR cp.phone = ${raw} THEN 2 ELSE 1 END
      FROM customers cp JOIN tickets tp ON tp.customer_id = cp.id
      WHERE lower(cp.email) LIKE ${like} OR cp.phone LIKE ${like} OR lower(cp.name) LIKE ${like}`,
  ];
  const digits = phoneDigits(text.raw);
  if (digits) {
    // Phones by their digits alone: "13928465170" finds "+86 139 2846 5170" (an expression index).
    params.push(digits, `%${digits}%`);
    const n = params.length;
    branches.push(`SELECT tp.id, CASE WHEN ${PHONE_DIGITS} = $${n - 1}::text THEN 2 ELSE 1 END
      FROM customers cp JOIN tickets tp ON tp.customer_id = cp.id
      WHERE cp.phone IS NOT NULL AND ${PHONE_DIGITS} LIKE $${n}::text`);
  }
  return branches;
}

/**
 * The agents' search over tickets: words through the `ticket_search` GIN indexes, codes, emails,
 * phones and names by substring through trigram indexes, both merged per ticket; then the same
 * visibility rule as every ticket read, the filters, and a keyset page.
 */
@Injectable()
export class TicketSearchReader {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly connections: SearchConnections,
    private readonly clock: Clock,
  ) {}

  async search(agent: ActingAgent, filter: TicketSearchFilter, sort: TicketSearchSort, limit: number, cursor?: TicketSearchCursor) {
    if (sort === 'relevance' && filter.text?.tsquery) return this.rankedSearch(agent, filter, filter.text, filter.text.tsquery, limit, cursor);
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
    const take = takeFor(limit);
    // Not a named prepared statement: how many tickets a word matches varies by orders of magnitude,
    // and a generic plan (which PostgreSQL may switch a prepared statement to) cannot know it.
    const rows: Array<Record<string, unknown>> = await this.db.query(
      `${TICKET_VIEW_SELECT.replace('SELECT', `SELECT ${keys ?? '0 AS exact, 0::float8 AS rank'},
         (extract(epoch FROM t.created_at) * 1000000)::bigint::text AS created_us,`).replace('FROM tickets t', `FROM ${from}`)}
       WHERE ${where.join(' AND ')}
       ORDER BY ${order.map((c) => `${c} ${descending ? 'DESC' : 'ASC'}`).join(', ')} LIMIT ${take}`,
      params,
    );
    return pageOf(rows, limit);
  }

  /**
   * Relevance order with words. Ranking reads each document, so only the newest RANKED_CANDIDATES
   * matches (with ties on their creation time) are ranked: they are found newest first through the
   * btree on `ticket_search.created_at` for a common word, or the GIN indexes for a rare one. Older
   * matches follow unranked, newest first, also read in index order and only as far as the page
   * needs. The first page fixes where ranking stops (a creation time) and the cursor carries it, so
   * later pages rank the same tickets even while new ones arrive.
   */
  private async rankedSearch(agent: ActingAgent, filter: TicketSearchFilter, text: TicketSearchText, tsquery: string, limit: number, cursor?: TicketSearchCursor) {
    const take = takeFor(limit);
    const params: unknown[] = [];
    // Computed once, first: the other CTEs read it as an InitPlan's value, which the GIN indexes take.
    const expanded = `query AS MATERIALIZED (SELECT ${searchQuery(tsquery, params)} AS q)`;
    const query = '(SELECT q FROM query)';
    // Ranked by the query as written: ts_rank weighs a prefix as one term, the words it reaches as many.
    params.push(tsquery);
    const asWritten = `$${params.length}::tsquery`;
    const matches = `(s.public_doc @@ ${query} OR s.internal_doc @@ ${query})`;
    // The same test tied to the row, so that PostgreSQL cannot take the GIN indexes for it: for
    // documents read in creation order through the btree, one by one (see the tails below).
    const rowQuery = `(CASE WHEN s.created_at IS NOT NULL THEN ${query} END)`;
    const walked = `(s.public_doc @@ ${rowQuery} OR s.internal_doc @@ ${rowQuery})`;
    let ctes: string;
    if (cursor && cursor.rankedFromUs !== undefined) {
      let from = 'NULL::timestamptz';
      let window = '';
      if (cursor.rankedFromUs !== null) {
        params.push(cursor.rankedFromUs);
        from = microsAt(`$${params.length}`);
        window = ` AND s.created_at >= ${from}`;
      }
      ctes = `cand AS MATERIALIZED (SELECT s.ticket_id FROM ticket_search s WHERE ${matches}${window}),
         bound AS MATERIALIZED (SELECT ${from} AS at)`;
    } else {
      // The newest PROBE_WINDOW documents, read in btree order (a bounded cost whatever the words):
      // a word dense enough there takes its candidates from them; a sparser one from the GIN
      // indexes, which then return few rows. Either way at most RANKED_CANDIDATES are ranked.
      const newest = `SELECT s.ticket_id, s.created_at, s.public_doc, s.internal_doc FROM ticket_search s
        ORDER BY s.created_at DESC FETCH FIRST ${PROBE_WINDOW} ROWS WITH TIES`;
      // A sparse word's matches: those of the recent periods when they hold RANKED_CANDIDATES, else
      // all of them. Every match outside those periods is older than every match inside, so the
      // recent ones' newest candidates are the word's newest.
      const periods = recentPeriods(this.clock.now(), RECENT_PERIODS);
      params.push(periods.tsquery, periods.until);
      const inPeriods = `(${query} && $${params.length - 1}::tsquery)`;
      const recentMatches = `(s.public_doc @@ ${inPeriods} OR s.internal_doc @@ ${inPeriods})`;
      // Documents created after the periods' end (ahead of this clock) carry none of them: normally
      // none, read newest first through the btree, each tested on its own (as a dense word's tail).
      // The newest RANKED_CANDIDATES of them are enough: any older ones sort after them, in the tail.
      // (The limit also keeps the generic plan on the btree: without it, it read the whole table.)
      const aheadMatches = `s.created_at >= $${params.length}::timestamptz AND ${walked}`;
      ctes = `probe AS MATERIALIZED (SELECT w.ticket_id, w.created_at FROM (${newest}) w
           WHERE w.public_doc @@ ${query} OR w.internal_doc @@ ${query}),
         win AS MATERIALIZED (SELECT min(w.created_at) AS oldest FROM (SELECT s.created_at FROM ticket_search s
           ORDER BY s.created_at DESC FETCH FIRST ${PROBE_WINDOW} ROWS WITH TIES) w),
         dense AS MATERIALIZED (SELECT count(*) >= ${DENSE_MATCHES} AS yes FROM probe),
         recent AS MATERIALIZED (SELECT s.ticket_id, s.created_at FROM ticket_search s WHERE NOT (SELECT yes FROM dense) AND ${recentMatches}
           UNION ALL SELECT a.ticket_id, a.created_at FROM (SELECT s.ticket_id, s.created_at FROM ticket_search s
             WHERE NOT (SELECT yes FROM dense) AND ${aheadMatches}
             ORDER BY s.created_at DESC FETCH FIRST ${RANKED_CANDIDATES} ROWS WITH TIES) a),
         complete AS MATERIALIZED (SELECT (SELECT count(*) FROM recent) < ${RANKED_CANDIDATES} AS yes),
         every AS MATERIALIZED (SELECT s.ticket_id, s.created_at FROM ticket_search s
           WHERE NOT (SELECT yes FROM dense) AND (SELECT yes FROM complete) AND ${matches}),
         sparse AS MATERIALIZED (SELECT * FROM recent WHERE NOT (SELECT yes FROM complete) UNION ALL SELECT * FROM every),
         cand AS MATERIALIZED (SELECT c.ticket_id, c.created_at FROM (
             SELECT * FROM probe WHERE (SELECT yes FROM dense) UNION ALL SELECT * FROM sparse) c
           ORDER BY c.created_at DESC FETCH FIRST ${RANKED_CANDIDATES} ROWS WITH TIES),
         bound AS MATERIALIZED (SELECT CASE WHEN (SELECT count(*) FROM cand) >= ${RANKED_CANDIDATES} THEN (SELECT min(created_at) FROM cand)
           WHEN (SELECT yes FROM dense) THEN (SELECT oldest FROM win) END AS at)`;
    }
    const parts = substringBranches(text, params);
    const firstPage = !(cursor && cursor.rankedFromUs !== undefined);
    // Every ranked or substring match sorts before every unranked one (a higher class or rank, or a
    // newer creation time than the bound): when they alone fill the page, no tail is read at all.
    const tailOf = (source: string, extra: string[]) => {
      const conditions = [
        `(SELECT n FROM head) < ${take}`,
        ...extra,
        's.created_at < (SELECT at FROM bound)',
        'NOT EXISTS (SELECT 1 FROM parts p WHERE p.ticket_id = s.ticket_id)',
        ...this.conditions(agent, filter, params),
      ];
      if (cursor && cursor.exact === 0 && cursor.rank === 0) {
        params.push(cursor.createdUs, cursor.id);
        conditions.push(`(s.created_at, s.ticket_id) < (${microsAt(`$${params.length - 1}`)}, $${params.length}::uuid)`);
      }
      return `SELECT tail.ticket_id, 0, 0::float8 FROM (
               SELECT s.ticket_id FROM ${source} s JOIN tickets t ON t.id = s.ticket_id
               WHERE ${conditions.join(' AND ')}
               ORDER BY s.created_at DESC, s.ticket_id DESC LIMIT ${take}) tail`;
    };
    // The unranked older matches: for a sparse word on the first page, from the matches already read
    // (no second pass over them); else read newest first from the documents. A dense word's are
    // walked in creation order and tested one by one, stopping at a page: the query is tied to the
    // row so that PostgreSQL cannot use the GIN indexes, which would fetch every match to sort them.
    // A sparse word's tail comes from its matches already read when they are all of them; when only
    // its recent periods were read, from the GIN indexes (all its matches older than the ranked ones).
    const tails = firstPage
      ? [
          tailOf('sparse', ['(SELECT yes FROM complete)']),
          tailOf('ticket_search', ['NOT (SELECT yes FROM dense)', 'NOT (SELECT yes FROM complete)', matches]),
          tailOf('ticket_search', ['(SELECT yes FROM dense)', walked]),
        ]
      : [tailOf('ticket_search', [matches])];
    const where = this.conditions(agent, filter, params);
    if (cursor) {
      params.push(cursor.exact, cursor.rank, cursor.createdUs, cursor.id);
      const n = params.length;
      where.push(`(sh.exact, sh.rank, t.created_at, t.id) < ($${n - 3}::int, $${n - 2}::float8, ${microsAt(`$${n - 1}`)}, $${n}::uuid)`);
    }
    // The page is chosen first, from the hits' keys and the tickets' own columns; only its rows are
    // then joined into ticket views (a customer and four agents each), not every candidate.
    const select = TICKET_VIEW_SELECT.replace('SELECT', `SELECT pg.exact, pg.rank,
         (extract(epoch FROM t.created_at) * 1000000)::bigint::text AS created_us,
         (SELECT (extract(epoch FROM at) * 1000000)::bigint::text FROM bound) AS ranked_from_us,`).replace('FROM tickets t', 'FROM page pg JOIN tickets t ON t.id = pg.id');
    // One statement. A first page (what nearly every search is) runs prepared on its generic plan
    // (SearchConnections says why); a later page's window can hold any number of a word's matches,
    // so it is planned for its words (see search()).
    const statement = `WITH ${expanded}, ${ctes},
         ranked AS MATERIALIZED (SELECT c.ticket_id, (ts_rank(d.public_doc, ${asWritten}) + ts_rank(d.internal_doc, ${asWritten}))::float8 AS rank
           FROM cand c JOIN ticket_search d ON d.ticket_id = c.ticket_id),
         parts AS MATERIALIZED (SELECT * FROM (${parts.length ? parts.join(' UNION ALL ') : 'SELECT NULL::uuid, 0 WHERE FALSE'}) AS p(ticket_id, exact)),
         hits AS MATERIALIZED (SELECT ticket_id, max(exact) AS exact, max(rank) AS rank
           FROM (SELECT ticket_id, 0 AS exact, rank FROM ranked UNION ALL SELECT ticket_id, exact, 0::float8 FROM parts) b
           GROUP BY ticket_id),
         head AS MATERIALIZED (SELECT count(*) AS n FROM (SELECT 1 FROM hits sh JOIN tickets t ON t.id = sh.ticket_id
           WHERE ${where.join(' AND ')} LIMIT ${take}) x),
         page AS MATERIALIZED (SELECT sh.exact, sh.rank, t.id FROM (SELECT * FROM hits UNION ALL ${tails.join(' UNION ALL ')}) sh
           JOIN tickets t ON t.id = sh.ticket_id
           WHERE ${where.join(' AND ')}
           ORDER BY sh.exact DESC, sh.rank DESC, t.created_at DESC, t.id DESC LIMIT ${take})
       ${select}
       ORDER BY pg.exact DESC, pg.rank DESC, t.created_at DESC, t.id DESC`;
    const rows: Array<Record<string, unknown>> = firstPage
      ? await this.connections.rows(statement, params)
      : await this.db.query(statement, params);
    const page = pageOf(rows, limit);
    const rankedFromUs = rows[0] ? ((rows[0].ranked_from_us as string | null) ?? null) : null;
    return { hits: page.hits, next: page.next ? { ...page.next, rankedFromUs } : null };
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
      // The query's value twice (two InitPlans): a prefix's words are looked up twice, a few index probes.
      const q = `(SELECT ${searchQuery(text.tsquery, params)})`;
      // Ordered by creation (or counted): no rank is needed, so no document is read.
      branches.push(`SELECT s.ticket_id, 0 FROM ticket_search s WHERE s.public_doc @@ ${q} OR s.internal_doc @@ ${q}`);
    }
    branches.push(...substringBranches(text, params));
    if (branches.length === 0) branches.push(`SELECT NULL::uuid, 0 WHERE FALSE`);
    const hits = `(SELECT ticket_id, max(exact) AS exact, 0::float8 AS rank
      FROM (${branches.join(' UNION ALL ')}) AS b(ticket_id, exact) GROUP BY ticket_id) sh`;
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
        ${firstResponseBreachedSql('t', 'now()')} OR ${nextUpdateBreachedSql('t', 'now()')} OR ${resolutionBreachedSql('t', 'now()')})`);
    }
    return where;
  }
}
