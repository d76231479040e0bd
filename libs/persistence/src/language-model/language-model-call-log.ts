import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ChatMessage, LanguageModelPurpose } from '@firsthand/domain';
import type { DataSource } from 'typeorm';
import { keysetInstant } from '../keyset-instant.js';

export type LanguageModelOutcome = 'ok' | 'timeout' | 'garbage' | 'http-error' | 'unreachable';

export interface LanguageModelCallEntry {
  agentId: string;
  agentName: string;
  ticketId: string;
  purpose: LanguageModelPurpose;
  model: string;
  prompt: ChatMessage[];
  articleIds: string[];
  outcome: LanguageModelOutcome;
  httpStatus: number | null;
  detail: string | null;
  answerChars: number | null;
  latencyMs: number;
}

export interface LanguageModelCallRecord extends LanguageModelCallEntry {
  id: string;
  createdAt: string;
}

interface Row {
  id: string;
  agent_id: string;
  agent_name: string;
  ticket_id: string;
  purpose: LanguageModelPurpose;
  model: string;
  prompt: ChatMessage[];
  article_ids: string[];
  outcome: LanguageModelOutcome;
  http_status: number | null;
  detail: string | null;
  answer_chars: number | null;
  latency_ms: number;
  created_at: Date;
  created_key: string;
}

const toRecord = (r: Row): LanguageModelCallRecord => ({
  id: r.id,
  agentId: r.agent_id,
  agentName: r.agent_name,
  ticketId: r.ticket_id,
  purpose: r.purpose,
  model: r.model,
  prompt: r.prompt,
  articleIds: r.article_ids,
  outcome: r.outcome,
  httpStatus: r.http_status,
  detail: r.detail,
  answerChars: r.answer_chars,
  latencyMs: r.latency_ms,
  createdAt: r.created_key,
});

/** Every call to the language model, kept for audit for the retention period and no longer. */
@Injectable()
export class LanguageModelCallLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(entry: LanguageModelCallEntry): Promise<string> {
    const id = randomUUID();
    await this.db.query(
      `INSERT INTO language_model_calls (id, agent_id, agent_name, ticket_id, purpose, model, prompt, article_ids, outcome, http_status, detail, answer_chars, latency_ms)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::text[], $9, $10, $11, $12, $13)`,
      [id, entry.agentId, entry.agentName, entry.ticketId, entry.purpose, entry.model, JSON.stringify(entry.prompt), entry.articleIds, entry.outcome, entry.httpStatus, entry.detail, entry.answerChars, entry.latencyMs],
    );
    return id;
  }

  async list(filter: { ticketId?: string; limit: number; cursor?: { createdAt: string; id: string } }): Promise<LanguageModelCallRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.ticketId) where.push(`ticket_id = $${params.push(filter.ticketId)}`);
    if (filter.cursor) where.push(`(created_at, id) < ($${params.push(filter.cursor.createdAt)}::timestamptz, $${params.push(filter.cursor.id)}::uuid)`);
    const rows: Row[] = await this.db.query(
      `SELECT *, ${keysetInstant('created_at')} AS created_key FROM language_model_calls ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** Deletes the calls older than the cutoff, a bounded batch at a time; answers how many went. */
  async deleteOlderThan(cutoff: Date, batch = 1000): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.query(
      `WITH gone AS (DELETE FROM language_model_calls WHERE id IN (SELECT id FROM language_model_calls WHERE created_at < $1 LIMIT $2) RETURNING id)
       SELECT count(*)::int AS n FROM gone`,
      [cutoff, batch],
    );
    return rows[0]?.n ?? 0;
  }
}
