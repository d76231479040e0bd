import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Revocable sign-in sessions (the access token carries the session id), an admin's lock on an
 * agent, and TOTP second factors. Revoking a session or locking an agent announces the agent on the
 * agent-change feed, so every process drops what it holds and every gateway re-checks the sockets.
 */
export class AgentSessionsAndSecondFactor1763802100000 implements MigrationInterface {
  name = 'AgentSessionsAndSecondFactor1763802100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agents ADD COLUMN locked_at timestamptz`);
    await q.query(`DROP TRIGGER agents_changed ON agents`);
    await q.query(`CREATE TRIGGER agents_changed AFTER UPDATE ON agents FOR EACH ROW
      WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
        OR OLD.role IS DISTINCT FROM NEW.role OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.active IS DISTINCT FROM NEW.active
        OR OLD.password_hash IS DISTINCT FROM NEW.password_hash OR OLD.locked_at IS DISTINCT FROM NEW.locked_at)
      EXECUTE FUNCTION firsthand_notify_agent_changed()`);

    await q.query(`CREATE TABLE agent_sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      method text NOT NULL CHECK (method IN ('password', 'oidc')),
      enrolment_only boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      user_agent text,
      address text,
      revoked_at timestamptz)`);
    await q.query(`CREATE INDEX agent_sessions_live ON agent_sessions (agent_id) WHERE revoked_at IS NULL`);
    // Duplicate notices in one transaction are folded by PostgreSQL: signing out everywhere announces the agent once.
    await q.query(`CREATE FUNCTION firsthand_notify_session_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('firsthand_agent_changed', OLD.agent_id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER agent_sessions_revoked AFTER UPDATE ON agent_sessions FOR EACH ROW
      WHEN (OLD.revoked_at IS DISTINCT FROM NEW.revoked_at) EXECUTE FUNCTION firsthand_notify_session_revoked()`);
    await q.query(`CREATE TRIGGER agent_sessions_deleted AFTER DELETE ON agent_sessions FOR EACH ROW EXECUTE FUNCTION firsthand_notify_session_revoked()`);

    // A queue-board session belongs to the sign-in it was opened from: ending either ends both.
    await q.query(`DELETE FROM admin_board_sessions`);
    await q.query(`ALTER TABLE admin_board_sessions ADD COLUMN agent_session_id uuid NOT NULL REFERENCES agent_sessions(id) ON DELETE CASCADE`);

    await q.query(`CREATE TABLE agent_second_factors (
      agent_id uuid PRIMARY KEY REFERENCES agents(id) ON DELETE CASCADE,
      secret_sealed text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      confirmed_at timestamptz,
      last_used_step bigint)`);
    await q.query(`CREATE TABLE agent_recovery_codes (
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      code_hash text NOT NULL,
      used_at timestamptz,
      PRIMARY KEY (agent_id, code_hash))`);
    await q.query(`CREATE TABLE sign_in_challenges (
      challenge_hash text PRIMARY KEY,
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      method text NOT NULL CHECK (method IN ('password', 'oidc')),
      address text,
      user_agent text,
      expires_at timestamptz NOT NULL,
      attempts integer NOT NULL DEFAULT 0,
      used_at timestamptz)`);
    await q.query(`CREATE INDEX sign_in_challenges_expiry ON sign_in_challenges (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS sign_in_challenges`);
    await q.query(`DROP TABLE IF EXISTS agent_recovery_codes`);
    await q.query(`DROP TABLE IF EXISTS agent_second_factors`);
    await q.query(`ALTER TABLE admin_board_sessions DROP COLUMN agent_session_id`);
    await q.query(`DROP TABLE IF EXISTS agent_sessions`);
    await q.query(`DROP FUNCTION IF EXISTS firsthand_notify_session_revoked()`);
    await q.query(`DROP TRIGGER agents_changed ON agents`);
    await q.query(`CREATE TRIGGER agents_changed AFTER UPDATE ON agents FOR EACH ROW
      WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
        OR OLD.role IS DISTINCT FROM NEW.role OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.active IS DISTINCT FROM NEW.active
        OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
      EXECUTE FUNCTION firsthand_notify_agent_changed()`);
    await q.query(`ALTER TABLE agents DROP COLUMN locked_at`);
  }
}
