import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { isSupervisorRole, type ActingAgent, type CannedReplyScope, type Locale } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';
import { runRetriedTransaction, type WithinWrite } from '../retried-transaction.js';

export interface CannedReplyRecord {
  id: string;
  scope: CannedReplyScope;
  ownerId: string | null;
  teamId: string | null;
  title: string;
  shortcut: string;
  bodyEn: string | null;
  bodyZhCn: string | null;
  useCount: number;
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface CannedReplyContent {
  title: string;
  shortcut: string;
  bodyEn: string | null;
  bodyZhCn: string | null;
}

export interface CannedReplySearch {
  /** Matched in the shortcut, title and both bodies, case-insensitively; exact and prefix shortcut matches first. */
  text?: string;
  scope?: CannedReplyScope;
  /** Replies written in this language come before the others. */
  language: Locale;
  limit: number;
}

export type CannedReplyWrite = { outcome: 'saved'; reply: CannedReplyRecord } | { outcome: 'limit-reached' } | { outcome: 'shortcut-taken' } | { outcome: 'not-found' };

interface Row {
  id: string;
  scope: CannedReplyScope;
  owner_id: string | null;
  team_id: string | null;
  title: string;
  shortcut: string;
  body_en: string | null;
  body_zh_cn: string | null;
  use_count: number;
  last_used_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

const toRecord = (r: Row): CannedReplyRecord => ({
  id: r.id,
  scope: r.scope,
  ownerId: r.owner_id,
  teamId: r.team_id,
  title: r.title,
  shortcut: r.shortcut,
  bodyEn: r.body_en,
  bodyZhCn: r.body_zh_cn,
  useCount: r.use_count,
  lastUsedAt: r.last_used_at,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);
const isUniqueViolation = (error: unknown) => (error as { code?: string; driverError?: { code?: string } })?.code === '23505' || (error as { driverError?: { code?: string } })?.driverError?.code === '23505';

/**
 * Which replies an agent sees, in SQL; the same rule as maySeeCannedReply in the domain: their own
 * personal ones, and their team's (every team's for supervisors and admins).
 */
function visibleTo(agent: ActingAgent, params: unknown[]): string {
  params.push(agent.id);
  const own = `(r.scope = 'personal' AND r.owner_id = $${params.length})`;
  if (isSupervisorRole(agent.role)) return `(${own} OR r.scope = 'team')`;
  if (!agent.teamId) return own;
  params.push(agent.teamId);
  return `(${own} OR (r.scope = 'team' AND r.team_id = $${params.length}))`;
}

/** Canned replies: personal and team, their content and how often they were used. */
@Injectable()
export class CannedReplyStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async search(agent: ActingAgent, search: CannedReplySearch): Promise<CannedReplyRecord[]> {
    const params: unknown[] = [];
    const where = [visibleTo(agent, params)];
    if (search.scope) {
      params.push(search.scope);
      where.push(`r.scope = $${params.length}`);
    }
    params.push(search.language === 'zh-CN' ? 'body_zh_cn' : 'body_en');
    const languageFirst = `(CASE WHEN $${params.length} = 'body_zh_cn' THEN r.body_zh_cn IS NOT NULL ELSE r.body_en IS NOT NULL END) DESC`;
    let matchFirst = '';
    const text = search.text?.trim();
    if (text) {
      params.push(`%${escapeLike(text)}%`, `${escapeLike(text)}%`, text);
      const [contains, prefix, exact] = [params.length - 2, params.length - 1, params.length];
      where.push(`(r.shortcut ILIKE $${contains} OR r.title ILIKE $${contains} OR r.body_en ILIKE $${contains} OR r.body_zh_cn ILIKE $${contains})`);
      matchFirst = `lower(r.shortcut) = lower($${exact}) DESC, r.shortcut ILIKE $${prefix} DESC, `;
    }
    params.push(search.limit);
    const rows: Row[] = await this.db.query(
      `SELECT r.* FROM canned_replies r WHERE ${where.join(' AND ')}
       ORDER BY ${matchFirst}${languageFirst}, r.scope = 'personal' DESC, r.use_count DESC, lower(r.title), r.id
       LIMIT $${params.length}`,
      params,
    );
    return rows.map(toRecord);
  }

  async find(id: string, em: EntityManager = this.db.manager): Promise<CannedReplyRecord | null> {
    const rows: Row[] = await em.query(`SELECT * FROM canned_replies WHERE id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Adds a reply unless its owner (the agent, or the team) already has `limit`: the count and the
   * insert run under one advisory lock per owner, so concurrent creations cannot pass the limit together.
   * `within` runs in the same transaction once the reply is written (its audit entry).
   */
  async create(
    owner: { scope: 'personal'; agentId: string } | { scope: 'team'; teamId: string },
    content: CannedReplyContent,
    createdBy: string,
    limit: number,
    within?: WithinWrite<CannedReplyRecord>,
  ): Promise<CannedReplyWrite> {
    const ownerColumn = owner.scope === 'personal' ? 'owner_id' : 'team_id';
    const ownerId = owner.scope === 'personal' ? owner.agentId : owner.teamId;
    return runRetriedTransaction(this.db, async (tx) => {
      const sql = SqlRunner.of(tx);
      await sql.rows(`SELECT pg_advisory_xact_lock(hashtext('canned_replies:' || $1))`, [ownerId]);
      const counted = await sql.one<{ n: number }>(`SELECT count(*)::int AS n FROM canned_replies WHERE scope = $1 AND ${ownerColumn} = $2`, [owner.scope, ownerId]);
      if ((counted?.n ?? 0) >= limit) return { outcome: 'limit-reached' };
      const { rows } = await sql.write<Row>(
        `INSERT INTO canned_replies (scope, ${ownerColumn}, title, shortcut, body_en, body_zh_cn, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING *`,
        [owner.scope, ownerId, content.title, content.shortcut, content.bodyEn, content.bodyZhCn, createdBy],
      );
      if (!rows[0]) return { outcome: 'shortcut-taken' };
      const reply = toRecord(rows[0]);
      await within?.(tx, reply);
      return { outcome: 'saved', reply };
    });
  }

  /** `within` runs in the same transaction once the reply is written; a taken shortcut writes nothing. */
  async update(id: string, content: CannedReplyContent, within?: WithinWrite<CannedReplyRecord>): Promise<CannedReplyWrite> {
    try {
      return await runRetriedTransaction(this.db, async (tx): Promise<CannedReplyWrite> => {
        // The guard keeps a taken shortcut from reaching the unique index (and the error log); the index still decides a race.
        const { rows } = await SqlRunner.of(tx).write<Row>(
          `UPDATE canned_replies r SET title = $2, shortcut = $3, body_en = $4, body_zh_cn = $5, updated_at = now()
           WHERE r.id = $1 AND NOT EXISTS (
             SELECT 1 FROM canned_replies o WHERE o.id <> r.id AND o.scope = r.scope AND lower(o.shortcut) = lower($3)
               AND o.owner_id IS NOT DISTINCT FROM r.owner_id AND o.team_id IS NOT DISTINCT FROM r.team_id)
           RETURNING r.*`,
          [id, content.title, content.shortcut, content.bodyEn, content.bodyZhCn],
        );
        if (!rows[0]) return (await this.find(id, tx)) ? { outcome: 'shortcut-taken' } : { outcome: 'not-found' };
        const reply = toRecord(rows[0]);
        await within?.(tx, reply);
        return { outcome: 'saved', reply };
      });
    } catch (error) {
      if (isUniqueViolation(error)) return { outcome: 'shortcut-taken' };
      throw error;
    }
  }

  /** False when it was gone already; `within` runs in the same transaction as the delete. */
  async delete(id: string, within?: WithinWrite<CannedReplyRecord>): Promise<boolean> {
    return runRetriedTransaction(this.db, async (tx) => {
      const { rows } = await SqlRunner.of(tx).write<Row>(`DELETE FROM canned_replies WHERE id = $1 RETURNING *`, [id]);
      if (!rows[0]) return false;
      await within?.(tx, toRecord(rows[0]));
      return true;
    });
  }

  /** One use, counted in the row itself: concurrent uses each add one. Null when the reply is gone. */
  async recordUse(id: string): Promise<number | null> {
    const result = (await this.db.query(`UPDATE canned_replies SET use_count = use_count + 1, last_used_at = now() WHERE id = $1 RETURNING use_count`, [id])) as [Array<{ use_count: number }>, number];
    return result[0][0]?.use_count ?? null;
  }
}
