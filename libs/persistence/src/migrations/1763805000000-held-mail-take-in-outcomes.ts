import type { MigrationInterface, QueryRunner } from 'typeorm';

const REFUSALS = ['unreadable', 'bounce', 'list', 'no_sender', 'own_address', 'agent_address', 'quoted_only', 'original_gone', 'erased'];

/**
 * Held-mail take-ins, second pass:
 * - `gave_up_at`: a request given up after failures that may pass (storage, the database) is no
 *   refusal: a supervisor may ask again, which starts it over. Given-up rows that were written as
 *   refusals ("gave up after …") move there.
 * - `refused_reason` holds a kind (TAKE_IN_REFUSALS), which the panel words in its own language; the
 *   details stay in the worker's log. Earlier English reasons map to their kind.
 * - Mailing-list mail is no longer held (taken in, the list became the customer or a copied person):
 *   such rows lose `held_for`; their kept bytes go with the retention sweep of held originals
 *   (MAIL_HELD_KEEP_DAYS), which this index serves.
 */
export class HeldMailTakeInOutcomes1763805000000 implements MigrationInterface {
  name = 'HeldMailTakeInOutcomes1763805000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mail_take_ins ADD COLUMN gave_up_at timestamptz`);
    // A take-in that ended taken after an old refusal was written over it is taken: one end only.
    await q.query(`UPDATE inbound_mail_take_ins SET refused_reason = NULL WHERE taken_at IS NOT NULL AND refused_reason IS NOT NULL`);
    await q.query(`UPDATE inbound_mail_take_ins SET gave_up_at = now(), refused_reason = NULL, lease_until = NULL WHERE refused_reason LIKE 'gave up after %'`);
    await q.query(`UPDATE inbound_mail_take_ins SET refused_reason = CASE
        WHEN refused_reason = 'a bounce' THEN 'bounce'
        WHEN refused_reason = 'no sender address' THEN 'no_sender'
        WHEN refused_reason LIKE 'from one of our own addresses%' THEN 'own_address'
        WHEN refused_reason LIKE 'from an agent''s address%' THEN 'agent_address'
        WHEN refused_reason LIKE 'a reply on % with no text of its own%' THEN 'quoted_only'
        WHEN refused_reason = 'its original is no longer kept' THEN 'original_gone'
        ELSE 'unreadable' END
      WHERE refused_reason IS NOT NULL`);
    await q.query(`ALTER TABLE inbound_mail_take_ins
      ADD CONSTRAINT inbound_mail_take_ins_refusal CHECK (refused_reason IN (${REFUSALS.map((r) => `'${r}'`).join(', ')})),
      ADD CONSTRAINT inbound_mail_take_ins_one_end CHECK (num_nonnulls(taken_at, refused_reason, gave_up_at) <= 1)`);
    await q.query(`DROP INDEX inbound_mail_take_ins_due`);
    await q.query(`CREATE INDEX inbound_mail_take_ins_due ON inbound_mail_take_ins (requested_at) WHERE taken_at IS NULL AND refused_reason IS NULL AND gave_up_at IS NULL`);
    await q.query(`UPDATE inbound_mails SET held_for = NULL WHERE held_for = 'noise' AND (reason LIKE 'list: %' OR reason = 'precedence: Precedence: list')`);
    await q.query(`CREATE INDEX inbound_mails_held_originals ON inbound_mails (received_at) WHERE held_envelope IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX inbound_mails_held_originals`);
    await q.query(`DROP INDEX inbound_mail_take_ins_due`);
    await q.query(`CREATE INDEX inbound_mail_take_ins_due ON inbound_mail_take_ins (requested_at) WHERE taken_at IS NULL AND refused_reason IS NULL`);
    await q.query(`ALTER TABLE inbound_mail_take_ins DROP CONSTRAINT inbound_mail_take_ins_one_end, DROP CONSTRAINT inbound_mail_take_ins_refusal`);
    await q.query(`UPDATE inbound_mail_take_ins SET refused_reason = 'gave up after ' || attempts || ' attempts: ' || coalesce(last_error, '') WHERE gave_up_at IS NOT NULL`);
    await q.query(`ALTER TABLE inbound_mail_take_ins DROP COLUMN gave_up_at`);
  }
}
