import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ActingAgent, Locale } from '@firsthand/domain';
import { articleQuery } from '@firsthand/search';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';
import { visibilityClause } from '../tickets/ticket-read-model.js';

/** A resolved or closed ticket like the one at hand, with how it was solved. */
export interface SimilarSolvedTicket {
  id: string;
  code: string;
  subject: string;
  status: 'resolved' | 'closed';
  resolvedAt: Date | null;
  resolution: string | null;
  finalReply: { body: string; at: Date } | null;
  /** The last internal note: shown to whoever may see the ticket, as the timeline does. */
  lastInternalNote: { body: string; at: Date } | null;
  rank: number;
}

export type AssistSuggestion = { kind: 'article'; id: string } | { kind: 'ticket'; id: string };

export interface AssistUse {
  ticketId: string;
  messageId: string;
  agentId: string;
  suggestion: AssistSuggestion;
}

/** What a resolved ticket offers an article: its words and who must not appear in them. */
export interface ResolutionSource {
  id: string;
  status: string;
  subject: string;
  resolution: string | null;
  finalReply: string | null;
  locale: Locale;
  customer: { name: string | null; email: string | null; phone: string | null };
}

/** First-contact resolution of the tickets resolved in a period, split by whether an agent used a suggestion. */
export interface AssistSplit {
  used: { resolved: number; firstContact: number };
  notUsed: { resolved: number; firstContact: number };
}

/** Tickets a similarity query scores; the newest matches, so a common word cannot make the query scan everything. */
const CANDIDATES = 400;

/**
 * The reads and the one write of first-contact assist: similar solved tickets through the ticket
 * search documents (the same segmentation as search), the suggestion an agent's message used, and
 * the first-contact split the metrics show.
 */
@Injectable()
export class AssistStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async similarSolvedTickets(agent: ActingAgent, ticketId: string, text: string, limit: number): Promise<SimilarSolvedTicket[]> {
    const { anyWord } = articleQuery(text, 12);
    if (!anyWord) return [];
    const params: unknown[] = [anyWord, ticketId];
    const visible = visibilityClause(agent, params);
    params.push(limit);
    const rows: Array<{ id: string; code: string; subject: string; status: 'resolved' | 'closed'; resolved_at: Date | null; resolution: string | null; rank: number }> =
      await this.db.query(
        `WITH candidates AS MATERIALIZED (
           SELECT s.ticket_id, s.public_doc FROM ticket_search s JOIN tickets t ON t.id = s.ticket_id
           WHERE s.public_doc @@ $1::tsquery AND t.id <> $2 AND t.status IN ('resolved', 'closed') AND t.resolution IS DISTINCT FROM 'spam' AND ${visible}
           ORDER BY s.created_at DESC LIMIT ${CANDIDATES})
         SELECT t.id, t.code, t.subject, t.status, t.resolved_at, t.resolution, ts_rank(c.public_doc, $1::tsquery)::float8 AS rank
         FROM candidates c JOIN tickets t ON t.id = c.ticket_id
         ORDER BY rank DESC, t.resolved_at DESC NULLS LAST, t.id LIMIT $${params.length}`,
        params,
      );
    if (rows.length === 0) return [];
    const texts: Array<{ ticket_id: string; visibility: 'public' | 'internal'; body: string; created_at: Date }> = await this.db.query(
      `SELECT DISTINCT ON (ticket_id, visibility) ticket_id, visibility, body, created_at FROM messages
       WHERE ticket_id = ANY($1::uuid[]) AND author_type = 'agent' ORDER BY ticket_id, visibility, event_seq DESC`,
      [rows.map((r) => r.id)],
    );
    const last = (id: string, visibility: 'public' | 'internal') => {
      const m = texts.find((x) => x.ticket_id === id && x.visibility === visibility);
      return m ? { body: m.body, at: m.created_at } : null;
    };
    return rows.map((r) => ({
      id: r.id,
      code: r.code,
      subject: r.subject,
      status: r.status,
      resolvedAt: r.resolved_at,
      resolution: r.resolution,
      finalReply: last(r.id, 'public'),
      lastInternalNote: last(r.id, 'internal'),
      rank: Number(r.rank),
    }));
  }

  /** Whether an agent may name this suggestion on this ticket: a published article, or a solved ticket they may see other than this one. */
  async isUsable(agent: ActingAgent, ticketId: string, suggestion: AssistSuggestion): Promise<boolean> {
    if (suggestion.kind === 'article') {
      const rows: unknown[] = await this.db.query(`SELECT 1 FROM kb_articles WHERE id = $1 AND status = 'published'`, [suggestion.id]);
      return rows.length > 0;
    }
    const params: unknown[] = [suggestion.id, ticketId];
    const visible = visibilityClause(agent, params);
    const rows: unknown[] = await this.db.query(
      `SELECT 1 FROM tickets t WHERE t.id = $1 AND t.id <> $2 AND t.status IN ('resolved', 'closed') AND ${visible}`,
      params,
    );
    return rows.length > 0;
  }

  /** In the message's transaction: the use commits or rolls back with the message. */
  async recordUse(tx: EntityManager, use: AssistUse): Promise<void> {
    const { suggestion } = use;
    await SqlRunner.of(tx).write(
      `INSERT INTO ticket_assist_uses (ticket_id, message_id, agent_id, kind, article_id, source_ticket_id) VALUES ($1, $2, $3, $4, $5, $6)`,
      [use.ticketId, use.messageId, use.agentId, suggestion.kind, suggestion.kind === 'article' ? suggestion.id : null, suggestion.kind === 'ticket' ? suggestion.id : null],
    );
  }

  async usesOf(ticketId: string): Promise<Array<{ kind: 'article' | 'ticket'; articleId: string | null; sourceTicketId: string | null; messageId: string; agentId: string }>> {
    const rows: Array<{ kind: 'article' | 'ticket'; article_id: string | null; source_ticket_id: string | null; message_id: string; agent_id: string }> = await this.db.query(
      `SELECT kind, article_id, source_ticket_id, message_id, agent_id FROM ticket_assist_uses WHERE ticket_id = $1 ORDER BY id`,
      [ticketId],
    );
    return rows.map((r) => ({ kind: r.kind, articleId: r.article_id, sourceTicketId: r.source_ticket_id, messageId: r.message_id, agentId: r.agent_id }));
  }

  async resolutionSource(ticketId: string): Promise<ResolutionSource | null> {
    const rows: Array<{ id: string; status: string; subject: string; resolution: string | null; final_reply: string | null; locale: Locale; name: string | null; email: string | null; phone: string | null }> =
      await this.db.query(
        `SELECT t.id, t.status, t.subject, t.resolution, c.locale, c.name, c.email, c.phone,
           (SELECT m.body FROM messages m WHERE m.ticket_id = t.id AND m.visibility = 'public' AND m.author_type = 'agent' ORDER BY m.event_seq DESC LIMIT 1) AS final_reply
         FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`,
        [ticketId],
      );
    const r = rows[0];
    if (!r) return null;
    return { id: r.id, status: r.status, subject: r.subject, resolution: r.resolution, finalReply: r.final_reply, locale: r.locale, customer: { name: r.name, email: r.email, phone: r.phone } };
  }

  /**
   * The tickets counted in the first-contact rate for these local days (their outcomes, as the FCR
   * report counts them), split by whether any message on them used a suggestion.
   */
  async firstContactSplit(from: string, to: string): Promise<AssistSplit> {
    const rows: Array<{ used: boolean; resolved: number; first_contact: number }> = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM ticket_assist_uses u WHERE u.ticket_id = o.ticket_id) AS used,
         count(*)::int AS resolved, count(*) FILTER (WHERE o.first_contact_resolution)::int AS first_contact
       FROM ticket_outcomes o WHERE o.day BETWEEN $1::date AND $2::date GROUP BY 1`,
      [from, to],
    );
    const of = (used: boolean) => {
      const r = rows.find((x) => x.used === used);
      return { resolved: r?.resolved ?? 0, firstContact: r?.first_contact ?? 0 };
    };
    return { used: of(true), notUsed: of(false) };
  }
}
