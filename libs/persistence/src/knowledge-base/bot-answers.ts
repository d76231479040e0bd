import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** The automatic answer as it was sent on a ticket (the article may change later; this does not). */
/**
 * The bot still holds a ticket (the SQL of the domain's isHeldByBot): answered, nobody owns it, still
 * new. The acts that end a hold set the outcome too (claim, assignment, close, the customer's
 * choice); the owner and status are checked as the domain checks them.
 */
export const heldByBotSql = (t: string) => `(${t}.bot_outcome = 'held' AND ${t}.owner_id IS NULL AND ${t}.status = 'new')`;

export interface BotAnswer {
  ticketId: string;
  articleId: string;
  articleVersion: number;
  locale: 'en' | 'zh-CN';
  title: string;
  /** Sanitised when the article was saved, and again before it is stored here. */
  html: string;
  confidence: number;
  answeredAt: Date;
}

interface BotAnswerRow {
  ticket_id: string;
  article_id: string;
  article_version: number;
  locale: 'en' | 'zh-CN';
  title: string;
  html: string;
  confidence: number;
  answered_at: Date;
}

const toAnswer = (r: BotAnswerRow): BotAnswer => ({
  ticketId: r.ticket_id, articleId: r.article_id, articleVersion: r.article_version, locale: r.locale, title: r.title, html: r.html,
  confidence: Number(r.confidence), answeredAt: r.answered_at,
});

/** The bot's answers, written in the opening's transaction, read by the tracking page, the mail and the worker's sweep. */
@Injectable()
export class BotAnswers {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(tx: EntityManager, answer: BotAnswer): Promise<void> {
    await tx.query(
      `INSERT INTO bot_answers (ticket_id, article_id, article_version, locale, title, html, confidence, answered_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [answer.ticketId, answer.articleId, answer.articleVersion, answer.locale, answer.title, answer.html, answer.confidence, answer.answeredAt],
    );
  }

  async forTicket(ticketId: string, em: EntityManager = this.db.manager): Promise<BotAnswer | null> {
    const rows: BotAnswerRow[] = await em.query(`SELECT * FROM bot_answers WHERE ticket_id = $1`, [ticketId]);
    return rows[0] ? toAnswer(rows[0]) : null;
  }

  /** Held tickets whose hold has run out by `now` (the worker's sweep hands them over, which emits the queue change). */
  async heldPastHold(now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM tickets t WHERE ${heldByBotSql('t')} AND bot_hold_until <= $1 ORDER BY bot_hold_until, id LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** The earliest hold still to run out, for the worker's timer; null when the bot holds nothing. */
  async nextHoldEnd(): Promise<Date | null> {
    const rows: Array<{ at: Date | null }> = await this.db.query(`SELECT min(bot_hold_until) AS at FROM tickets t WHERE ${heldByBotSql('t')}`);
    return rows[0]?.at ?? null;
  }
}
