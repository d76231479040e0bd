import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A mail that may not be its customer's (it failed the sender checks) still threads the mails that
 * answer it onto its ticket, but our own mails never reference it: it is recorded as `unverified`,
 * which the conversation our emails' References are made of leaves out.
 */
export class UnverifiedThreadIds1763804700000 implements MigrationInterface {
  name = 'UnverifiedThreadIds1763804700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE mail_thread_ids DROP CONSTRAINT IF EXISTS mail_thread_ids_direction_check`);
    await q.query(`ALTER TABLE mail_thread_ids ADD CONSTRAINT mail_thread_ids_direction_check CHECK (direction IN ('inbound', 'outbound', 'unverified'))`);
    await q.query(`UPDATE mail_thread_ids t SET direction = 'unverified' FROM inbound_mails m WHERE m.message_id = t.message_id AND m.ticket_id = t.ticket_id AND m.verified IS FALSE AND t.direction = 'inbound'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE mail_thread_ids SET direction = 'inbound' WHERE direction = 'unverified'`);
    await q.query(`ALTER TABLE mail_thread_ids DROP CONSTRAINT mail_thread_ids_direction_check`);
    await q.query(`ALTER TABLE mail_thread_ids ADD CONSTRAINT mail_thread_ids_direction_check CHECK (direction IN ('inbound', 'outbound'))`);
  }
}
