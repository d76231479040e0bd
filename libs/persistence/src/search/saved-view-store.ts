import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SavedViewPreset, SavedViewScope } from '@firsthand/domain';
import type { DataSource } from 'typeorm';
import { runRetriedTransaction } from '../retried-transaction.js';

export interface SavedViewRecord {
  id: string;
  name: string;
  preset: SavedViewPreset | null;
  scope: SavedViewScope;
  ownerId: string;
  ownerName: string;
  teamId: string | null;
  q: string | null;
  filters: Record<string, unknown>;
  sort: 'relevance' | 'newest' | 'oldest';
  createdAt: Date;
  updatedAt: Date;
}

export interface SavedViewFields {
  name: string;
  /** Only the demo data makes a view from a preset; the API never takes one. */
  preset?: SavedViewPreset;
  scope: SavedViewScope;
  teamId: string | null;
  q: string | null;
  filters: Record<string, unknown>;
  sort: 'relevance' | 'newest' | 'oldest';
}

interface Row {
  id: string;
  name: string;
  preset: SavedViewPreset | null;
  scope: SavedViewScope;
  owner_id: string;
  owner_name: string;
  team_id: string | null;
  q: string | null;
  filters: Record<string, unknown>;
  sort: SavedViewRecord['sort'];
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT v.id, v.name, v.preset, v.scope, v.owner_id, a.name AS owner_name, v.team_id, v.q, v.filters, v.sort, v.created_at, v.updated_at
  FROM saved_views v JOIN agents a ON a.id = v.owner_id`;

const toRecord = (r: Row): SavedViewRecord => ({
  id: r.id,
  name: r.name,
  preset: r.preset,
  scope: r.scope,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  teamId: r.team_id,
  q: r.q,
  filters: r.filters,
  sort: r.sort,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

/** The name is taken in that scope (per agent for personal views, per team for team views). */
export class SavedViewNameTaken extends Error {}
/** The agent or the team already has as many views as allowed. */
export class SavedViewLimitReached extends Error {}

const UNIQUE_VIOLATION = '23505';
const isUniqueViolation = (e: unknown) => (e as { driverError?: { code?: string }; code?: string })?.driverError?.code === UNIQUE_VIOLATION || (e as { code?: string })?.code === UNIQUE_VIOLATION;

/** Saved views: personal ones per agent, shared ones per team. */
@Injectable()
export class SavedViewStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The agent's personal views and the views shared with their team (all teams' for `allTeams`), team views first. */
  async visibleTo(agentId: string, teamId: string | null, allTeams: boolean): Promise<SavedViewRecord[]> {
    const rows: Row[] = await this.db.query(
      `${SELECT} WHERE (v.scope = 'personal' AND v.owner_id = $1) OR (v.scope = 'team' AND ($3 OR v.team_id = $2))
       ORDER BY v.scope DESC, lower(v.name), v.id LIMIT 200`,
      [agentId, teamId, allTeams],
    );
    return rows.map(toRecord);
  }

  async find(id: string): Promise<SavedViewRecord | null> {
    const rows: Row[] = await this.db.query(`${SELECT} WHERE v.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Inserts the view unless its owner (personal) or team (team) already has `limit` views; the
   * count and the insert are one statement under a lock on the owner's or team's row, so two saves
   * at once cannot both pass the limit.
   */
  async create(ownerId: string, fields: SavedViewFields, limit: number): Promise<SavedViewRecord> {
    try {
      return await runRetriedTransaction(this.db, async (em) => {
        if (fields.scope === 'team') await em.query(`SELECT 1 FROM teams WHERE id = $1 FOR UPDATE`, [fields.teamId]);
        else await em.query(`SELECT 1 FROM agents WHERE id = $1 FOR UPDATE`, [ownerId]);
        const rows: Array<{ id: string }> = await em.query(
          `WITH added AS (INSERT INTO saved_views (name, scope, owner_id, team_id, q, filters, sort, preset)
             SELECT $1, $2::text, $3::uuid, $4::uuid, $5, $6::jsonb, $7, $9
             WHERE (SELECT count(*) FROM saved_views WHERE CASE WHEN $2::text = 'team' THEN scope = 'team' AND team_id = $4::uuid ELSE scope = 'personal' AND owner_id = $3::uuid END) < $8
             RETURNING id)
           SELECT id FROM added`,
          [fields.name, fields.scope, ownerId, fields.teamId, fields.q, JSON.stringify(fields.filters), fields.sort, limit, fields.preset ?? null],
        );
        if (!rows[0]) throw new SavedViewLimitReached();
        const saved: Row[] = await em.query(`${SELECT} WHERE v.id = $1`, [rows[0].id]);
        return toRecord(saved[0]);
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new SavedViewNameTaken();
      throw error;
    }
  }

  /** Replaces name, query, filters and order; scope and team stay; a new name ends a preset's. Null if the view is gone. */
  async update(id: string, fields: Omit<SavedViewFields, 'scope' | 'teamId'>): Promise<SavedViewRecord | null> {
    try {
      const rows: Array<{ id: string }> = await this.db.query(
        `WITH changed AS (UPDATE saved_views SET preset = CASE WHEN name = $2 THEN preset END, name = $2, q = $3, filters = $4::jsonb, sort = $5, updated_at = now() WHERE id = $1 RETURNING id)
         SELECT id FROM changed`,
        [id, fields.name, fields.q, JSON.stringify(fields.filters), fields.sort],
      );
      return rows[0] ? this.find(id) : null;
    } catch (error) {
      if (isUniqueViolation(error)) throw new SavedViewNameTaken();
      throw error;
    }
  }

  async delete(id: string): Promise<boolean> {
    // As a SELECT over the DELETE, so the driver answers with rows whatever the statement kind.
    const rows: Array<{ n: number }> = await this.db.query(`WITH gone AS (DELETE FROM saved_views WHERE id = $1 RETURNING id) SELECT count(*)::int AS n FROM gone`, [id]);
    return rows[0]?.n === 1;
  }

  async teamExists(teamId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM teams WHERE id = $1`, [teamId])).length > 0;
  }
}
