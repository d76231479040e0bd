import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isSupervisorRole, type ActingAgent, type Macro, type MacroDraft, type MacroScope } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { runRetriedTransaction, type WithinWrite } from '../retried-transaction.js';
import { SqlRunner } from '../sql-runner.js';

export interface StoredMacro extends Macro {
  version: number;
  ownerName: string;
  createdAt: Date;
  updatedAt: Date;
}

interface MacroRow {
  id: string;
  name: string;
  scope: MacroScope;
  owner_id: string;
  owner_name: string;
  team_id: string | null;
  reply_zh_cn: string | null;
  reply_en: string | null;
  status: Macro['status'];
  add_tags: string[];
  remove_tags: string[];
  priority: Macro['priority'];
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SELECT = `SELECT m.id, m.name, m.scope, m.owner_id, a.name AS owner_name, m.team_id, m.reply_zh_cn, m.reply_en, m.status,
  m.add_tags, m.remove_tags, m.priority, m.version, m.created_at, m.updated_at FROM macros m JOIN agents a ON a.id = m.owner_id`;

const toMacro = (r: MacroRow): StoredMacro => ({
  id: r.id,
  name: r.name,
  scope: r.scope,
  ownerId: r.owner_id,
  ownerName: r.owner_name,
  teamId: r.team_id,
  reply: { 'zh-CN': r.reply_zh_cn, en: r.reply_en },
  status: r.status,
  addTags: r.add_tags,
  removeTags: r.remove_tags,
  priority: r.priority,
  version: r.version,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const draftParams = (d: MacroDraft) => [d.name, d.reply['zh-CN'], d.reply.en, d.status, d.addTags, d.removeTags, d.priority];

/** Personal and team macros. Who may see or change one is the domain's call (`maySeeMacro`, `mayManageMacro`). */
@Injectable()
export class MacroStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The agent's own macros and those of their team (every team's for supervisors), by name. */
  async listFor(agent: ActingAgent): Promise<StoredMacro[]> {
    const rows: MacroRow[] = await this.db.query(
      `${SELECT} WHERE (m.scope = 'personal' AND m.owner_id = $1) OR (m.scope = 'team' AND ($2 OR m.team_id = $3))
       ORDER BY m.scope, lower(m.name), m.id LIMIT 500`,
      [agent.id, isSupervisorRole(agent.role), agent.teamId],
    );
    return rows.map(toMacro);
  }

  async find(id: string, em: EntityManager = this.db.manager): Promise<StoredMacro | null> {
    const rows: MacroRow[] = await em.query(`${SELECT} WHERE m.id = $1`, [id]);
    return rows[0] ? toMacro(rows[0]) : null;
  }

  /**
   * Null when the owner (personal) or the team already has `limit` macros. Creations for the same
   * owner or team take turns on an advisory lock, so the count cannot be overrun by a race.
   * `within` runs in the same transaction once the macro is written (its audit entry).
   */
  async create(macro: MacroDraft & { scope: MacroScope; ownerId: string; teamId: string | null }, limit: number, within?: WithinWrite<StoredMacro>): Promise<StoredMacro | null> {
    return runRetriedTransaction(this.db, async (tx) => {
      const key = macro.scope === 'personal' ? `macros:agent:${macro.ownerId}` : `macros:team:${macro.teamId}`;
      await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [key]);
      const [{ count }]: Array<{ count: string }> = await tx.query(
        macro.scope === 'personal'
          ? `SELECT count(*) FROM macros WHERE scope = 'personal' AND owner_id = $1`
          : `SELECT count(*) FROM macros WHERE scope = 'team' AND team_id = $1`,
        [macro.scope === 'personal' ? macro.ownerId : macro.teamId],
      );
      if (Number(count) >= limit) return null;
      const id = randomUUID();
      await tx.query(
        `INSERT INTO macros (id, scope, owner_id, team_id, name, reply_zh_cn, reply_en, status, add_tags, remove_tags, priority)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [id, macro.scope, macro.ownerId, macro.teamId, ...draftParams(macro)],
      );
      return this.written(tx, id, within);
    });
  }

  /**
   * Writes the new definition only over the version the editor saw; null when it moved (or is gone).
   * `within` runs in the same transaction once it is written.
   */
  async update(id: string, expectedVersion: number, draft: MacroDraft, within?: WithinWrite<StoredMacro>): Promise<StoredMacro | null> {
    return runRetriedTransaction(this.db, async (tx) => {
      const { affected } = await SqlRunner.of(tx).write(
        `UPDATE macros SET name = $3, reply_zh_cn = $4, reply_en = $5, status = $6, add_tags = $7, remove_tags = $8, priority = $9,
           version = version + 1, updated_at = now()
         WHERE id = $1 AND version = $2`,
        [id, expectedVersion, ...draftParams(draft)],
      );
      return affected > 0 ? this.written(tx, id, within) : null;
    });
  }

  /** False when it was gone already; `within` gets the macro as it was, in the same transaction as the delete. */
  async remove(id: string, within?: WithinWrite<StoredMacro>): Promise<boolean> {
    return runRetriedTransaction(this.db, async (tx) => {
      const gone = await this.find(id, tx);
      const { affected } = await SqlRunner.of(tx).write(`DELETE FROM macros WHERE id = $1`, [id]);
      if (affected === 0 || !gone) return false;
      await within?.(tx, gone);
      return true;
    });
  }

  private async written(tx: EntityManager, id: string, within: WithinWrite<StoredMacro> | undefined): Promise<StoredMacro | null> {
    const macro = await this.find(id, tx);
    if (macro) await within?.(tx, macro);
    return macro;
  }
}
