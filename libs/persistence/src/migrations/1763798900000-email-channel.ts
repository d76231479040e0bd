import type { MigrationInterface, QueryRunner } from 'typeorm';

const CHANNELS = ['web', 'email', 'phone', 'chat', 'social', 'in_store'];
const list = (values: readonly string[]) => values.map((v) => `'${v}'`).join(', ');

/**
 * Email as a channel. Every mail taken in is recorded once (`inbound_mails`, unique on its
 * Message-ID or content hash), with what became of it: a new ticket, a message on an existing one,
 * or ignored/quarantined with the reason an admin can read. `mail_thread_ids` holds every
 * Message-ID of a ticket's conversation, ours and the customer's, so a reply finds its ticket by
 * In-Reply-To/References. Messages remember the channel they came by.
 */
export class EmailChannel1763798900000 implements MigrationInterface {
  name = 'EmailChannel1763798900000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE messages ADD COLUMN channel text NOT NULL DEFAULT 'web' CHECK (channel IN (${list(CHANNELS)}))`);
    await q.query(`CREATE TABLE inbound_mails (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      dedup_key text NOT NULL UNIQUE,
      mailbox text NOT NULL,
      message_id text,
      from_address text,
      subject text,
      size_bytes integer NOT NULL CHECK (size_bytes >= 0),
      outcome text NOT NULL CHECK (outcome IN ('opened', 'continued', 'ignored', 'quarantined')),
      reason text,
      ticket_id uuid REFERENCES tickets(id),
      message_ref uuid REFERENCES messages(id),
      verified boolean,
      auth jsonb NOT NULL DEFAULT '{}',
      original_key text,
      received_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((outcome IN ('opened', 'continued')) = (ticket_id IS NOT NULL)))`);
    await q.query(`CREATE INDEX inbound_mails_review ON inbound_mails (outcome, received_at DESC) WHERE outcome IN ('ignored', 'quarantined')`);
    await q.query(`CREATE INDEX inbound_mails_sender ON inbound_mails (lower(from_address), received_at DESC)`);
    await q.query(`CREATE INDEX inbound_mails_ticket ON inbound_mails (ticket_id) WHERE ticket_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX inbound_mails_message ON inbound_mails (message_ref) WHERE message_ref IS NOT NULL`);
    await q.query(`CREATE TABLE mail_thread_ids (
      message_id text PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
      created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await q.query(`CREATE INDEX mail_thread_ids_ticket ON mail_thread_ids (ticket_id, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE mail_thread_ids`);
    await q.query(`DROP TABLE inbound_mails`);
    await q.query(`ALTER TABLE messages DROP COLUMN channel`);
  }
}
