import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which suggestion of the assist panel an agent's message used (issue 16, item 4): an article or a
 * similar solved ticket. Written in the message's own transaction, so a use exists exactly when its
 * message does; the first-contact split of the metrics reads it. A deleted article leaves the use
 * (with no article) so the figures do not change after the fact.
 */
export class TicketAssistUses1763803100000 implements MigrationInterface {
  name = 'TicketAssistUses1763803100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_assist_uses (
      id bigserial PRIMARY KEY,
      ticket_id uuid NOT NULL REFERENCES tickets(id),
      message_id uuid NOT NULL REFERENCES messages(id),
      agent_id uuid NOT NULL REFERENCES agents(id),
      kind text NOT NULL CHECK (kind IN ('article', 'ticket')),
      article_id uuid REFERENCES kb_articles(id) ON DELETE SET NULL,
      source_ticket_id uuid REFERENCES tickets(id),
      created_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((kind = 'ticket') = (source_ticket_id IS NOT NULL)))`);
    await q.query(`CREATE INDEX ticket_assist_uses_ticket ON ticket_assist_uses (ticket_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_assist_uses`);
  }
}
