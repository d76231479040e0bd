import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log of calls to the optional language model (issue 16): who asked, about which ticket,
 * with what prompt and articles, and how it went. Prompts hold customer text, so rows are deleted
 * after the retention period (FIRSTHAND_LLM_CALL_LOG_RETENTION_DAYS): created_at is indexed for it.
 * No foreign keys: the audit outlives a merged customer or a removed agent.
 */
export class LanguageModelCalls1763802600000 implements MigrationInterface {
  name = 'LanguageModelCalls1763802600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE language_model_calls (
      id uuid PRIMARY KEY,
      agent_id uuid NOT NULL,
      agent_name text NOT NULL,
      ticket_id uuid NOT NULL,
      purpose text NOT NULL CHECK (purpose IN ('draft-reply', 'handoff-summary')),
      model text NOT NULL,
      prompt jsonb NOT NULL,
      article_ids text[] NOT NULL DEFAULT '{}',
      outcome text NOT NULL CHECK (outcome IN ('ok', 'timeout', 'garbage', 'http-error', 'unreachable')),
      http_status integer,
      detail text,
      answer_chars integer,
      latency_ms integer NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX language_model_calls_created ON language_model_calls (created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX language_model_calls_ticket ON language_model_calls (ticket_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE language_model_calls`);
  }
}
