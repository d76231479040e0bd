import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Mail held back (quarantined for its sender's hourly rate, or ignored as machine-made noise) that
 * a supervisor may take in later:
 * - inbound_mails.held_for says why it was held (null: not held, or never to be a ticket), and
 *   held_envelope keeps what the transport said of it (recipients, MAIL FROM, the client's address
 *   and HELO), so the sender checks and threading run again as they would have.
 * - inbound_mail_take_ins: a supervisor's request to take one in. The row is the job (the API's
 *   insert is the whole hand-over, as for customer exports): a worker claims it with a lease, and
 *   marks it taken in the transaction that writes the ticket, or refused with why.
 */
export class HeldMailTakeIns1763804900000 implements MigrationInterface {
  name = 'HeldMailTakeIns1763804900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails ADD COLUMN held_for text CHECK (held_for IN ('sender_rate', 'noise')), ADD COLUMN held_envelope jsonb`);
    await q.query(`CREATE TABLE inbound_mail_take_ins (
      mail_id uuid PRIMARY KEY REFERENCES inbound_mails(id),
      requested_by uuid NOT NULL REFERENCES agents(id),
      requested_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      lease_until timestamptz,
      last_error text,
      taken_at timestamptz,
      refused_reason text,
      CHECK (taken_at IS NULL OR refused_reason IS NULL))`);
    await q.query(`CREATE INDEX inbound_mail_take_ins_due ON inbound_mail_take_ins (requested_at) WHERE taken_at IS NULL AND refused_reason IS NULL`);
    await q.query(`CREATE FUNCTION firsthand_notify_mail_take_ins() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('firsthand_mail_take_ins', '');
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER inbound_mail_take_ins_notify AFTER INSERT ON inbound_mail_take_ins
      FOR EACH STATEMENT EXECUTE FUNCTION firsthand_notify_mail_take_ins()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE inbound_mail_take_ins`);
    await q.query(`DROP FUNCTION firsthand_notify_mail_take_ins()`);
    await q.query(`ALTER TABLE inbound_mails DROP COLUMN held_envelope, DROP COLUMN held_for`);
  }
}
