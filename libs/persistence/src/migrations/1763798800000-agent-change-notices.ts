import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Processes cache who an agent is (AgentPrincipals); a change to anything a principal holds, or a
 * delete, tells every listening process at commit which agent to forget. Presence changes are not
 * announced: no principal holds presence.
 */
export class AgentChangeNotices1763798800000 implements MigrationInterface {
  name = 'AgentChangeNotices1763798800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE FUNCTION firsthand_notify_agent_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('firsthand_agent_changed', OLD.id::text);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER agents_changed AFTER UPDATE ON agents FOR EACH ROW
      WHEN (OLD.id IS DISTINCT FROM NEW.id OR OLD.name IS DISTINCT FROM NEW.name OR OLD.email IS DISTINCT FROM NEW.email
        OR OLD.role IS DISTINCT FROM NEW.role OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.active IS DISTINCT FROM NEW.active
        OR OLD.password_hash IS DISTINCT FROM NEW.password_hash)
      EXECUTE FUNCTION firsthand_notify_agent_changed()`);
    await q.query(`CREATE TRIGGER agents_deleted AFTER DELETE ON agents FOR EACH ROW EXECUTE FUNCTION firsthand_notify_agent_changed()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER agents_deleted ON agents`);
    await q.query(`DROP TRIGGER agents_changed ON agents`);
    await q.query(`DROP FUNCTION firsthand_notify_agent_changed()`);
  }
}
