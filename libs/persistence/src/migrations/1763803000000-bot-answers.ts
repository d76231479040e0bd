import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The bot for standard questions (issue 16). `tickets.bot_hold_until` is the stored instant until
 * which the team queue leaves an automatically answered ticket out (queue reads compare it with
 * now(), so the ticket comes back even with the worker down); `bot_outcome` is 'held' while the bot
 * waits and then how it ended. `bot_answers` keeps the answer as it was sent (article, version,
 * language, confidence, the sanitised text), so the tracking page and the mail show what was sent
 * even after the article changes.
 */
export class BotAnswers1763803000000 implements MigrationInterface {
  name = 'BotAnswers1763803000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets ADD COLUMN bot_hold_until timestamptz,
      ADD COLUMN bot_outcome text CHECK (bot_outcome IN ('held', 'resolved', 'asked', 'timer', 'replied', 'claimed'))`);
    // The worker's sweep: held tickets whose hold has run out.
    await q.query(`CREATE INDEX tickets_bot_held ON tickets (bot_hold_until) WHERE bot_outcome = 'held'`);
    // "This solved it" resolves a ticket nobody owns: bot-resolved (resolution 'bot'), then closed as any resolution is.
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_owned_unless_new`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_owned_unless_new CHECK (
      (owner_id IS NULL) = (status = 'new') OR (owner_id IS NULL AND status = 'closed' AND resolution IN ('spam', 'erased'))
      OR (owner_id IS NULL AND status IN ('resolved', 'closed') AND resolution = 'bot' AND bot_outcome = 'resolved'))`);
    await q.query(`CREATE TABLE bot_answers (
      ticket_id uuid PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
      article_id uuid NOT NULL,
      article_version integer NOT NULL,
      locale text NOT NULL CHECK (locale IN ('en', 'zh-CN')),
      title text NOT NULL,
      html text NOT NULL,
      confidence real NOT NULL CHECK (confidence >= 0 AND confidence <= 1),
      answered_at timestamptz NOT NULL
    )`);
    await q.query(`CREATE INDEX bot_answers_answered ON bot_answers (answered_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE bot_answers`);
    await q.query(`DROP INDEX tickets_bot_held`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_owned_unless_new`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_owned_unless_new CHECK (
      (owner_id IS NULL) = (status = 'new') OR (owner_id IS NULL AND status = 'closed' AND resolution IN ('spam', 'erased')))`);
    await q.query(`ALTER TABLE tickets DROP COLUMN bot_outcome, DROP COLUMN bot_hold_until`);
  }
}
