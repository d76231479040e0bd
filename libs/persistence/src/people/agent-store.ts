import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AgentRole, Availability, Locale, Presence } from '@firsthand/domain';
import type { AgentAvailability, Colleague } from '@firsthand/http-contracts';
import type { DataSource, EntityManager } from 'typeorm';
import { presenceColumn } from './agent-connections.js';

/** An agent as supervisors and admins see it: everything but the password hash. */
export interface AgentProfile {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  teamId: string | null;
  presence: Presence;
  active: boolean;
  createdAt: Date;
  /** An admin locked the account: no sign-in until unlocked. */
  locked: boolean;
  /** A confirmed authenticator app is required at sign-in. */
  twoFactor: boolean;
}

export interface NewAgent {
  name: string;
  email: string;
  passwordHash: string;
  role: AgentRole;
  teamId: string | null;
}

export interface AgentChanges {
  name?: string;
  role?: AgentRole;
  teamId?: string | null;
  active?: boolean;
}

interface ProfileRow {
  id: string;
  name: string;
  email: string;
  role: AgentRole;
  team_id: string | null;
  presence: Presence;
  active: boolean;
  created_at: Date;
  locked: boolean;
  two_factor: boolean;
}

const PROFILE_COLUMNS = `id, name, email, role, team_id, ${presenceColumn('agents')} AS presence, active, created_at, locked_at IS NOT NULL AS locked,
  EXISTS (SELECT 1 FROM agent_second_factors f WHERE f.agent_id = agents.id AND f.confirmed_at IS NOT NULL) AS two_factor`;
const CHANGEABLE_COLUMNS: Record<keyof AgentChanges, string> = { name: 'name', role: 'role', teamId: 'team_id', active: 'active' };

const toProfile = (r: ProfileRow): AgentProfile => ({
  id: r.id,
  name: r.name,
  email: r.email,
  role: r.role,
  teamId: r.team_id,
  presence: r.presence,
  active: r.active,
  createdAt: r.created_at,
  locked: r.locked,
  twoFactor: r.two_factor,
});

/** The agents table for the agents feature: registering, changing and listing agents. */
@Injectable()
export class AgentStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<AgentProfile[]> {
    const rows: ProfileRow[] = await this.db.query(`SELECT ${PROFILE_COLUMNS} FROM agents ORDER BY name ASC`);
    return rows.map(toProfile);
  }

  async colleagues(): Promise<Colleague[]> {
    const rows: Colleague[] = await this.db.query(
      `SELECT id, name, role, team_id AS "teamId", ${presenceColumn('agents')} AS presence FROM agents WHERE active ORDER BY name ASC`,
    );
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, teamId: r.teamId, presence: r.presence }));
  }

  /** Online or away, as the agent chose (they are offline anyway while no console of theirs is connected), and their presence after it. */
  async setAvailability(id: string, availability: Availability): Promise<AgentAvailability | null> {
    const rows: AgentAvailability[] = await this.db.query(
      // A SELECT over the UPDATE: rows come back plain (an UPDATE's come as [rows, count]).
      `WITH changed AS (UPDATE agents SET availability = $2 WHERE id = $1 AND active RETURNING id, availability)
       SELECT availability, ${presenceColumn('changed')} AS presence FROM changed`,
      [id, availability],
    );
    return rows[0] ?? null;
  }

  async availability(id: string): Promise<AgentAvailability | null> {
    const rows: AgentAvailability[] = await this.db.query(`SELECT availability, ${presenceColumn('agents')} AS presence FROM agents WHERE id = $1 AND active`, [id]);
    return rows[0] ?? null;
  }

  async find(id: string): Promise<AgentProfile | null> {
    const rows: ProfileRow[] = await this.db.query(`SELECT ${PROFILE_COLUMNS} FROM agents WHERE id = $1`, [id]);
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** Null when an agent with that email (in any case) already exists; the unique index decides races. */
  async register(agent: NewAgent, tx?: EntityManager): Promise<AgentProfile | null> {
    const rows: ProfileRow[] = await (tx ?? this.db.manager).query(
      `INSERT INTO agents (name, email, password_hash, role, team_id) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT ((lower(email))) DO NOTHING RETURNING ${PROFILE_COLUMNS}`,
      [agent.name, agent.email, agent.passwordHash, agent.role, agent.teamId],
    );
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** The agent's row locked for a change in `tx`, as it is before the change; null when there is none. */
  async lockForChange(id: string, tx: EntityManager): Promise<AgentProfile | null> {
    const rows: ProfileRow[] = await tx.query(`SELECT ${PROFILE_COLUMNS} FROM agents WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    return rows[0] ? toProfile(rows[0]) : null;
  }

  /** The language of the agent's own notifications (emails and live notices). An unchanged row is not written: each console load asks. */
  async setNotificationLocale(id: string, locale: Locale): Promise<void> {
    await this.db.query(`UPDATE agents SET locale = $2 WHERE id = $1 AND locale <> $2`, [id, locale]);
  }

  /** Sets only the fields given; null when there is no such agent. With `tx`, inside that transaction. */
  async change(id: string, changes: AgentChanges, tx?: EntityManager): Promise<AgentProfile | null> {
    const fields = (Object.keys(CHANGEABLE_COLUMNS) as Array<keyof AgentChanges>).filter((key) => changes[key] !== undefined);
    if (fields.length === 0) return tx ? this.lockForChange(id, tx) : this.find(id);
    const assignments = fields.map((key, i) => `${CHANGEABLE_COLUMNS[key]} = $${i + 2}`).join(', ');
    // Through a CTE so the driver answers with plain rows, as for a SELECT.
    // A disabled agent's sign-ins end with it, as a lock's do: enabled again, the agent signs in
    // afresh, and a token taken before (a stolen one) stays dead.
    const ending = changes.active === false ? `, ended AS (UPDATE agent_sessions SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL)` : '';
    const rows: ProfileRow[] = await (tx ?? this.db.manager).query(
      `WITH changed AS (UPDATE agents SET ${assignments} WHERE id = $1 RETURNING ${PROFILE_COLUMNS})${ending} SELECT * FROM changed`,
      [id, ...fields.map((key) => changes[key])],
    );
    return rows[0] ? toProfile(rows[0]) : null;
  }
}
