import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A saved view made from a preset (the demo's "VIP waiting", "Complaints", "Breaching") says which:
 * the console names it in the reader's language, since one team view is read in both. Renaming it
 * makes it the team's own, named as typed (the store clears `preset`).
 */
export class SavedViewPresets1763805400000 implements MigrationInterface {
  name = 'SavedViewPresets1763805400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE saved_views ADD COLUMN preset text CHECK (preset IS NULL OR length(preset) BETWEEN 1 AND 40)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE saved_views DROP COLUMN preset`);
  }
}
