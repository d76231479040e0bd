import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who made a pending upload (a keyed hash of the address, or of the signed-in agent; cleared once a
 * message takes the file): one client's uploads waiting to be attached are capped, in count and in
 * bytes, so the public upload route cannot fill the disk within the 24 hours before the sweep.
 */
export class PendingUploadUploaders1763804400000 implements MigrationInterface {
  name = 'PendingUploadUploaders1763804400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE attachments ADD COLUMN uploader_hash text`);
    await q.query(`CREATE INDEX attachments_pending_by_uploader ON attachments (uploader_hash, created_at) WHERE ticket_id IS NULL AND uploader_hash IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX attachments_pending_by_uploader`);
    await q.query(`ALTER TABLE attachments DROP COLUMN uploader_hash`);
  }
}
