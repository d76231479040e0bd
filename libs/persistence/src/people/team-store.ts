import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { runRetriedTransaction } from '../retried-transaction.js';

export interface Team {
  id: string;
  name: string;
  isDefault: boolean;
  createdAt: Date;
}

interface TeamRow {
  id: string;
  name: string;
  is_default: boolean;
  created_at: Date;
}

/** A team with how many of its people may sign in and work now (active, not locked), whatever their role. */
export interface TeamWithMembers extends Team {
  activeAgents: number;
}

const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, isDefault: r.is_default, createdAt: r.created_at });

const ACTIVE_AGENTS = `(SELECT count(*)::int FROM agents a WHERE a.team_id = teams.id AND a.active AND a.locked_at IS NULL) AS active_agents`;
const withMembers = (r: TeamRow & { active_agents: number }): TeamWithMembers => ({ ...toTeam(r), activeAgents: r.active_agents });

const isUniqueViolation = (error: unknown) => {
  const e = error as { code?: string; driverError?: { code?: string } } | null;
  return e?.code === '23505' || e?.driverError?.code === '23505';
};

class TeamNameInUse extends Error {}

@Injectable()
export class TeamStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<Team[]> {
    const rows: TeamRow[] = await this.db.query(`SELECT id, name, is_default, created_at FROM teams ORDER BY name ASC`);
    return rows.map(toTeam);
  }

  async listWithMembers(): Promise<TeamWithMembers[]> {
    const rows = await this.db.query(`SELECT id, name, is_default, created_at, ${ACTIVE_AGENTS} FROM teams ORDER BY name ASC`);
    return rows.map(withMembers);
  }

  /**
   * Renames the team inside `tx`, its row locked first: the team before and after, `null` when there
   * is none, `'name-taken'` when another team has the name in any case (the transaction is then
   * spoilt: the caller must roll it back).
   */
  async rename(id: string, name: string, tx: EntityManager): Promise<{ before: TeamWithMembers; after: TeamWithMembers } | 'name-taken' | null> {
    const [before] = await tx.query(`SELECT id, name, is_default, created_at, ${ACTIVE_AGENTS} FROM teams WHERE id = $1 FOR UPDATE`, [id]);
    if (!before) return null;
    try {
      const [after] = await tx.query(
        `WITH changed AS (UPDATE teams SET name = $2 WHERE id = $1 RETURNING id, name, is_default, created_at) SELECT changed.*, $3::int AS active_agents FROM changed`,
        [id, name, before.active_agents],
      );
      return { before: withMembers(before), after: withMembers(after) };
    } catch (error) {
      if (isUniqueViolation(error)) return 'name-taken';
      throw error;
    }
  }

  async exists(id: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(`SELECT 1 FROM teams WHERE id = $1`, [id]);
    return rows.length > 0;
  }

  /**
   * Null when a team of that name (in any case) exists. There is one default team, where new
   * customer tickets land: a new default takes over from the old one in the same transaction
   * (the caller's `tx` when given: it must then roll back on null, or the old default stays unset).
   */
  async create(team: { name: string; isDefault: boolean }, tx?: EntityManager): Promise<Team | null> {
    try {
      const work = async (em: EntityManager) => {
        if (team.isDefault) await em.query(`UPDATE teams SET is_default = false WHERE is_default`);
        const rows: TeamRow[] = await em.query(
          `INSERT INTO teams (name, is_default) VALUES ($1, $2) ON CONFLICT ((lower(name))) DO NOTHING RETURNING id, name, is_default, created_at`,
          [team.name, team.isDefault],
        );
        // Thrown, not returned, so the old default keeps its place.
        if (!rows[0]) throw new TeamNameInUse();
        return toTeam(rows[0]);
      };
      return await (tx ? work(tx) : runRetriedTransaction(this.db, work));
    } catch (error) {
      if (error instanceof TeamNameInUse) return null;
      throw error;
    }
  }
}
