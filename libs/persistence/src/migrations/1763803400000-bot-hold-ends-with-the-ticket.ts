import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A held ticket that a supervisor assigned, or that was closed as spam or for an erasure, stayed
 * 'held' in `bot_outcome` for ever: the bot's figures counted it as still waiting for the customer.
 * The hold now ends with those acts ('claimed' when a person was given it, 'closed' when nobody was),
 * and the rows they left behind are put right the same way.
 */
export class BotHoldEndsWithTheTicket1763803400000 implements MigrationInterface {
  name = 'BotHoldEndsWithTheTicket1763803400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_bot_outcome_check`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_bot_outcome_check
      CHECK (bot_outcome IN ('held', 'resolved', 'asked', 'timer', 'replied', 'claimed', 'closed'))`);
    await q.query(`UPDATE tickets SET bot_outcome = CASE WHEN owner_id IS NOT NULL THEN 'claimed' ELSE 'closed' END,
        bot_hold_until = LEAST(bot_hold_until, COALESCE(closed_at, now()))
      WHERE bot_outcome = 'held' AND NOT (owner_id IS NULL AND status = 'new')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE tickets SET bot_outcome = 'held' WHERE bot_outcome = 'closed'`);
    await q.query(`ALTER TABLE tickets DROP CONSTRAINT tickets_bot_outcome_check`);
    await q.query(`ALTER TABLE tickets ADD CONSTRAINT tickets_bot_outcome_check
      CHECK (bot_outcome IN ('held', 'resolved', 'asked', 'timer', 'replied', 'claimed'))`);
  }
}
