import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The people a customer copied on their mail (To and Cc besides us), kept with the ticket: our
 * answers copy them, each by an email of their own. Erasing the customer erases them.
 */
export class TicketCopiedPeople1763804800000 implements MigrationInterface {
  name = 'TicketCopiedPeople1763804800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE ticket_copied_people (
      ticket_id uuid NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
      address text NOT NULL CHECK (address = lower(address) AND length(address) BETWEEN 3 AND 254),
      name text CHECK (length(name) <= 120),
      added_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (ticket_id, address))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE ticket_copied_people`);
  }
}
