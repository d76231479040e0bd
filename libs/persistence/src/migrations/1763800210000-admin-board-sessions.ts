import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Queue-board sign-ins, so that signing out revokes one server-side (see AdminBoardSessions). */
export class AdminBoardSessions1763800210000 implements MigrationInterface {
  name = 'AdminBoardSessions1763800210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE admin_board_sessions (
      session_hash text PRIMARY KEY,
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      expires_at timestamptz NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now())`);
    await q.query(`CREATE INDEX admin_board_sessions_expiry ON admin_board_sessions (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS admin_board_sessions`);
  }
}
