import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Canned replies: personal (owner_id) or shared with a team (team_id), never both. A shortcut is
 * unique among one agent's personal replies and among one team's, case-insensitively, so `/refund`
 * picks one reply of each kind at most. use_count is only ever incremented in SQL (`use_count + 1`),
 * so concurrent inserts of the same reply all count.
 */
export class CannedReplies1763799020000 implements MigrationInterface {
  name = 'CannedReplies1763799020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE canned_replies (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      scope text NOT NULL CHECK (scope IN ('personal', 'team')),
      owner_id uuid REFERENCES agents(id) ON DELETE CASCADE,
      team_id uuid REFERENCES teams(id) ON DELETE CASCADE,
      title text NOT NULL CHECK (length(title) BETWEEN 1 AND 120),
      shortcut text NOT NULL CHECK (length(shortcut) BETWEEN 1 AND 32),
      body_en text CHECK (length(body_en) BETWEEN 1 AND 4000),
      body_zh_cn text CHECK (length(body_zh_cn) BETWEEN 1 AND 4000),
      use_count integer NOT NULL DEFAULT 0 CHECK (use_count >= 0),
      last_used_at timestamptz,
      created_by uuid REFERENCES agents(id) ON DELETE SET NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CHECK ((scope = 'personal' AND owner_id IS NOT NULL AND team_id IS NULL) OR (scope = 'team' AND team_id IS NOT NULL AND owner_id IS NULL)),
      CHECK (body_en IS NOT NULL OR body_zh_cn IS NOT NULL)
    )`);
    await q.query(`CREATE UNIQUE INDEX canned_replies_personal_shortcut ON canned_replies (owner_id, lower(shortcut)) WHERE scope = 'personal'`);
    await q.query(`CREATE UNIQUE INDEX canned_replies_team_shortcut ON canned_replies (team_id, lower(shortcut)) WHERE scope = 'team'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE canned_replies`);
  }
}
