import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Room on each page of `tickets` for a changed row's new version. Every change to a ticket
 * rewrites its row (`last_seq` at least), and most leave its indexed columns alone (a reply, an SLA
 * stage, the promised next update): PostgreSQL can then keep the new version on the same page
 * without touching the table's ten indexes (a HOT update), but only if the page has space, and at
 * the default fillfactor of 100 a page is full once written. In bench:notify, 880 of 1,989 reply
 * updates were HOT. Pages written from now on keep 15% free; older pages gain room as VACUUM
 * clears their dead rows.
 */
export class TicketsRoomForUpdates1763803700000 implements MigrationInterface {
  name = 'TicketsRoomForUpdates1763803700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets SET (fillfactor = 85)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE tickets RESET (fillfactor)`);
  }
}
