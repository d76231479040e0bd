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

const toTeam = (r: TeamRow): Team => ({ id: r.id, name: r.name, isDefault: r.is_default, createdAt: r.created_at });

class TeamNameInUse extends Error {}

@Injectable()
export class TeamStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async list(): Promise<Team[]> {
    const rows: TeamRow[] = await this.db.query(`SELECT id, name, is_default, created_at FROM teams ORDER BY name ASC`);
    return rows.map(toTeam);
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
