import { Injectable } from '@nestjs/common';
import { tsvectorLiteral, withPeriod } from '@firsthand/search';
import type { EntityManager } from 'typeorm';
import { matchingIds, preparedQuery, preparedRows } from '../prepared-query.js';
import { writeBehindIn } from '../write-behind.js';
import { addSearchWords } from './search-words.js';

type SearchDocument = ReturnType<typeof documentsOf>[number];

/** Writes the documents of the CTE `d` (ticket_id, public_doc, internal_doc, created_at), new or again. */
const UPSERT_DOCUMENTS = `INSERT INTO ticket_search (ticket_id, public_doc, internal_doc, created_at, indexed_at)
  SELECT d.*, now() FROM d
  ON CONFLICT (ticket_id) DO UPDATE SET public_doc = EXCLUDED.public_doc, internal_doc = EXCLUDED.internal_doc, created_at = EXCLUDED.created_at, indexed_at = now()`;

/** A message's words for the end of its ticket's documents (the other one gets nothing). */
interface MessageWords {
  ticketId: string;
  publicAdd: string;
  internalAdd: string;
}

/** What a transaction that carries several changes writes to the index in one statement before it commits. */
type GatheredSearchWrite = { document: SearchDocument } | { message: MessageWords };

interface TicketText {
  id: string;
  subject: string;
  description: string;
  customer_name: string;
  created_at: Date;
}

interface MessageText {
  ticket_id: string;
  visibility: 'public' | 'internal';
  body: string;
}

/** Where the rebuild is: a ticket's creation time in microseconds and its id. */
export interface TicketPosition {
  id: string;
  createdUs: string;
}

/** The search documents of a batch of tickets, from their rows. */
function documentsOf(tickets: TicketText[], messages: MessageText[]) {
  const byTicket = new Map<string, MessageText[]>();
  for (const m of messages) byTicket.set(m.ticket_id, [...(byTicket.get(m.ticket_id) ?? []), m]);
  return tickets.map((t) => {
    const own = byTicket.get(t.id) ?? [];
    return {
      ticketId: t.id,
      createdAt: t.created_at,
      // Both documents carry the ticket's 28-day period, so a search can ask the GIN indexes for recent matches only.
      publicDoc: withPeriod(
        tsvectorLiteral([
          { text: t.subject, weight: 'A' },
          { text: t.description, weight: 'B' },
          { text: t.customer_name, weight: 'B' },
          ...own.filter((m) => m.visibility === 'public').map((m) => ({ text: m.body, weight: 'C' as const })),
        ]),
        t.created_at,
      ),
      internalDoc: withPeriod(tsvectorLiteral(own.filter((m) => m.visibility === 'internal').map((m) => ({ text: m.body, weight: 'C' as const }))), t.created_at),
    };
  });
}

/**
 * Keeps `ticket_search` current. The write path calls it inside the transaction of the change, so a
 * ticket's document commits (or rolls back) with the change itself and no change can be missed;
 * the rebuild re-derives every document from the tickets and messages.
 */
@Injectable()
export class TicketSearchIndex {
  /** (Re)writes the documents of these tickets from what the transaction sees. */
  async indexTickets(em: EntityManager, ticketIds: string[]): Promise<number> {
    if (ticketIds.length === 0) return 0;
    const { match, param } = matchingIds(ticketIds, 'uuid');
    const tickets = await preparedRows<TicketText>(
      em,
      `SELECT t.id, t.subject, t.description, c.name AS customer_name, t.created_at
       FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id ${match}`,
      [param],
    );
    const messages = await preparedRows<MessageText>(
      em,
      `SELECT ticket_id, visibility, body FROM messages WHERE ticket_id ${match} ORDER BY ticket_id, event_seq`,
      [param],
    );
    return this.write(em, documentsOf(tickets, messages));
  }

  /**
   * A ticket being opened in this transaction, from what the opening writes: it has no messages
   * yet (they reference the ticket), so nothing needs reading back.
   */
  async indexNewTicket(em: EntityManager, ticket: { id: string; subject: string; description: string; customerName: string; createdAt: Date }): Promise<void> {
    const docs = documentsOf([{ id: ticket.id, subject: ticket.subject, description: ticket.description, customer_name: ticket.customerName, created_at: ticket.createdAt }], []);
    const behind = writeBehindIn(em);
    if (behind) behind.add<GatheredSearchWrite>('search', { document: docs[0]! }, (writes) => this.writeGathered(em, writes));
    else await this.write(em, docs);
  }

  private async write(em: EntityManager, docs: ReturnType<typeof documentsOf>): Promise<number> {
    if (docs.length === 0) return 0;
    await preparedQuery(
      em,
      `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::tsvector[], $3::tsvector[], $4::timestamptz[]) AS d(ticket_id, public_doc, internal_doc, created_at)),
       words AS (${addSearchWords('d, unnest(tsvector_to_array(d.public_doc || d.internal_doc)) w')})
       ${UPSERT_DOCUMENTS}`,
      [docs.map((d) => d.ticketId), docs.map((d) => d.publicDoc), docs.map((d) => d.internalDoc), docs.map((d) => d.createdAt)],
    );
    return docs.length;
  }

  /**
   * A new message: its words are appended to the ticket's document (`||` shifts their positions
   * after the existing ones). A ticket without a document yet (indexed before this table existed)
   * gets its whole document instead.
   */
  async addMessage(em: EntityManager, ticketId: string, visibility: 'public' | 'internal', body: string): Promise<void> {
    const behind = writeBehindIn(em);
    if (behind) {
      const words = tsvectorLiteral([{ text: body, weight: 'C' }]);
      const message = { ticketId, publicAdd: visibility === 'public' ? words : '', internalAdd: visibility === 'internal' ? words : '' };
      behind.add<GatheredSearchWrite>('search', { message }, (writes) => this.writeGathered(em, writes));
      return;
    }
    const column = visibility === 'public' ? 'public_doc' : 'internal_doc';
    const { affected } = await preparedQuery(
      em,
      `WITH words AS (${addSearchWords('unnest(tsvector_to_array($2::tsvector)) w')})
       UPDATE ticket_search SET ${column} = ${column} || $2::tsvector, indexed_at = now() WHERE ticket_id = $1`,
      [ticketId, tsvectorLiteral([{ text: body, weight: 'C' }])],
    );
    if (affected === 0) await this.indexTickets(em, [ticketId]);
  }

  /**
   * A shared transaction's documents and messages in one statement, its words added in one sorted
   * INSERT: two such transactions running at once take the words' locks in the same order, where a
   * statement a change would interleave them and could deadlock. A ticket given two messages has the
   * second appended by a statement of its own (an UPDATE changes a row once); a message whose ticket
   * has no document yet (one opened in this same statement) gets its whole document rebuilt.
   */
  private async writeGathered(em: EntityManager, writes: readonly GatheredSearchWrite[]): Promise<void> {
    const docs = writes.flatMap((w) => ('document' in w ? [w.document] : []));
    const rounds: MessageWords[][] = [];
    for (const write of writes) {
      if (!('message' in write)) continue;
      const round = rounds.find((r) => !r.some((m) => m.ticketId === write.message.ticketId));
      if (round) round.push(write.message);
      else rounds.push([write.message]);
    }
    const missing = new Set<string>();
    for (const [i, messages] of (rounds.length > 0 ? rounds : [[]]).entries()) {
      // The documents go with the first round; a later one only appends a ticket's second message.
      const roundDocs = i === 0 ? docs : [];
      const { rows } = await preparedQuery<{ ticket_id: string }>(
        em,
        `WITH d AS (SELECT * FROM unnest($1::uuid[], $2::tsvector[], $3::tsvector[], $4::timestamptz[]) AS d(ticket_id, public_doc, internal_doc, created_at)),
         a AS (SELECT * FROM unnest($5::uuid[], $6::tsvector[], $7::tsvector[]) AS a(ticket_id, public_add, internal_add)),
         words AS (${addSearchWords('(SELECT unnest(tsvector_to_array(d.public_doc || d.internal_doc)) FROM d UNION ALL SELECT unnest(tsvector_to_array(a.public_add || a.internal_add)) FROM a) AS x(w)')}),
         written AS (${UPSERT_DOCUMENTS})
         UPDATE ticket_search s SET public_doc = s.public_doc || a.public_add, internal_doc = s.internal_doc || a.internal_add, indexed_at = now()
         FROM a WHERE s.ticket_id = a.ticket_id
         RETURNING s.ticket_id`,
        [
          roundDocs.map((d) => d.ticketId), roundDocs.map((d) => d.publicDoc), roundDocs.map((d) => d.internalDoc), roundDocs.map((d) => d.createdAt),
          messages.map((m) => m.ticketId), messages.map((m) => m.publicAdd), messages.map((m) => m.internalAdd),
        ],
      );
      const appended = new Set(rows.map((r) => r.ticket_id));
      for (const m of messages) if (!appended.has(m.ticketId)) missing.add(m.ticketId);
    }
    // Rebuilt from the rows, which hold every message of this transaction already.
    if (missing.size > 0) await this.indexTickets(em, [...missing]);
  }

  /**
   * The next batch of tickets after `after`, in creation order (then id): the rebuilt rows lie in
   * the table roughly as they were created, so the search's newest-first scans read them in order.
   */
  async ticketsAfter(em: EntityManager, after: TicketPosition | null, limit: number): Promise<TicketPosition[]> {
    const rows: Array<{ id: string; created_us: string }> = await em.query(
      `SELECT id, (extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us FROM tickets
       WHERE $1::bigint IS NULL OR (created_at, id) > (timestamptz 'epoch' + $1::bigint * interval '1 microsecond', $2::uuid)
       ORDER BY created_at, id LIMIT $3`,
      [after?.createdUs ?? null, after?.id ?? null, limit],
    );
    return rows.map((r) => ({ id: r.id, createdUs: r.created_us }));
  }
}
