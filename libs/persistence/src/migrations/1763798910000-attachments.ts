import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Files attached to tickets. The bytes live in the file storage under `storage_key` (content
 * addressed, so two rows may share a key); this is their metadata. An upload from the web is a
 * pending row (no ticket, a hashed one-time token) until a message claims it; a mail's files are
 * bound at once. `event_seq` is the event that carries the file (`created` for the new-issue form,
 * the message's event otherwise), so the timeline and the files never disagree.
 */
export class Attachments1763798910000 implements MigrationInterface {
  name = 'Attachments1763798910000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE attachments (
      id uuid PRIMARY KEY,
      ticket_id uuid REFERENCES tickets(id),
      event_seq integer,
      message_id uuid REFERENCES messages(id),
      visibility text CHECK (visibility IN ('public', 'internal')),
      filename text NOT NULL CHECK (length(filename) BETWEEN 1 AND 255),
      content_type text NOT NULL,
      size_bytes bigint NOT NULL CHECK (size_bytes > 0),
      sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
      storage_key text NOT NULL,
      added_by_type text NOT NULL CHECK (added_by_type IN ('agent', 'customer')),
      added_by_id uuid,
      upload_token_hash text,
      created_at timestamptz NOT NULL DEFAULT now(),
      bound_at timestamptz,
      FOREIGN KEY (ticket_id, event_seq) REFERENCES ticket_events (ticket_id, seq),
      CHECK ((ticket_id IS NULL) = (event_seq IS NULL)),
      CHECK ((ticket_id IS NULL) = (bound_at IS NULL)),
      CHECK ((ticket_id IS NULL) = (visibility IS NULL)),
      CHECK (ticket_id IS NOT NULL OR upload_token_hash IS NOT NULL))`);
    // Every file of a ticket (downloads, the ticket's byte total, erasure of its data).
    await q.query(`CREATE INDEX attachments_ticket ON attachments (ticket_id, event_seq) WHERE ticket_id IS NOT NULL`);
    // Pending uploads by age, for the sweep.
    await q.query(`CREATE INDEX attachments_pending ON attachments (created_at) WHERE ticket_id IS NULL`);
    // Whether any row still needs a stored file before its bytes are deleted.
    await q.query(`CREATE INDEX attachments_storage_key ON attachments (storage_key)`);
    await q.query(`CREATE INDEX attachments_message ON attachments (message_id) WHERE message_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE attachments`);
  }
}
