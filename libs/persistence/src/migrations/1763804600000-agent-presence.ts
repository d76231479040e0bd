import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Presence from the agents' own sockets. `availability` is what the agent chose (online or away;
 * the old `presence` column, which nothing changed after seeding); each open console socket is a
 * row of `agent_connections`, which its gateway keeps fresh. An agent with no fresh row is offline,
 * whatever they chose: a gateway that died leaves rows that go stale, never an agent "online" for good.
 */
export class AgentPresence1763804600000 implements MigrationInterface {
  name = 'AgentPresence1763804600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE agents DROP CONSTRAINT IF EXISTS agents_presence_check`);
    await q.query(`ALTER TABLE agents RENAME COLUMN presence TO availability`);
    await q.query(`UPDATE agents SET availability = 'online' WHERE availability <> 'away'`);
    await q.query(`ALTER TABLE agents ALTER COLUMN availability SET DEFAULT 'online'`);
    await q.query(`ALTER TABLE agents ADD CONSTRAINT agents_availability_check CHECK (availability IN ('online', 'away'))`);
    await q.query(`CREATE TABLE agent_connections (
      gateway_id text NOT NULL,
      socket_id text NOT NULL,
      agent_id uuid NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
      connected_at timestamptz NOT NULL DEFAULT now(),
      seen_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (gateway_id, socket_id)
    )`);
    await q.query(`CREATE INDEX agent_connections_by_agent ON agent_connections (agent_id, seen_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE agent_connections`);
    await q.query(`ALTER TABLE agents DROP CONSTRAINT agents_availability_check`);
    await q.query(`ALTER TABLE agents RENAME COLUMN availability TO presence`);
    await q.query(`ALTER TABLE agents ALTER COLUMN presence SET DEFAULT 'offline'`);
    await q.query(`ALTER TABLE agents ADD CONSTRAINT agents_presence_check CHECK (presence IN ('online', 'away', 'offline'))`);
  }
}
