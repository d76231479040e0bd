import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgentRole, Locale } from '@firsthand/domain';
import type { DataSource } from 'typeorm';
import { WebhookEndpointStore } from '../notifications/webhook-endpoint-store.js';

export interface DemoAgent {
  name: string;
  email: string;
  passwordHash: string;
  role: AgentRole;
  teamId: string;
  locale: Locale;
}

/** The teams and agents of the `npm start` demo, written once per database; tickets go through the real use cases. */
@Injectable()
export class DemoRoster {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly webhooks: WebhookEndpointStore) {}

  /**
   * Runs `seed` unless the demo's Front Desk team exists. Several API processes may start at once:
   * one seeds under an advisory lock held on its own connection, the others then see its marker.
   */
  async seedOnce(seed: () => Promise<void>): Promise<void> {
    const runner = this.db.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(hashtext('firsthand-demo-seed'))`);
      const seeded: unknown[] = await runner.query(`SELECT 1 FROM teams WHERE name = 'Front Desk'`);
      if (seeded.length === 0) await seed();
    } finally {
      await runner.query(`SELECT pg_advisory_unlock(hashtext('firsthand-demo-seed'))`);
      await runner.release();
    }
  }

  async addTeam(name: string, isDefault = false): Promise<string> {
    const [row]: Array<{ id: string }> = await this.db.query(`INSERT INTO teams (name, is_default) VALUES ($1, $2) RETURNING id`, [name, isDefault]);
    return row.id;
  }

  /** An existing email is renamed, not duplicated (presence comes from the agent's own console: offline until they sign in). */
  async addAgent(agent: DemoAgent): Promise<string> {
    const [row]: Array<{ id: string }> = await this.db.query(
      `INSERT INTO agents (name, email, password_hash, role, team_id, locale) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ((lower(email))) DO UPDATE SET name = EXCLUDED.name RETURNING id`,
      [agent.name, agent.email, agent.passwordHash, agent.role, agent.teamId, agent.locale],
    );
    return row.id;
  }

  /** Points the demo's webhooks at the local notifications inbox. */
  async addInboxWebhook(input: { url: string; description: string; sealedSecret: string }): Promise<void> {
    await this.webhooks.create({ ...input, createdBy: null });
  }
}
