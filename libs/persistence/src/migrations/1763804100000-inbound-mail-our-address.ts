import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The address of ours each mail came in at (a brand's or team's own, else the support address),
 * with its display name, recorded by the intake as it takes the mail: the agent sees which brand
 * the customer wrote to, and the API needs no mailbox settings (IMAP credentials live with the
 * workers only). Mails recorded before have none.
 */
export class InboundMailOurAddress1763804100000 implements MigrationInterface {
  name = 'InboundMailOurAddress1763804100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails ADD COLUMN our_address text, ADD COLUMN our_name text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE inbound_mails DROP COLUMN our_address, DROP COLUMN our_name`);
  }
}
