import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditActor, AuditEntryDraft, AuditOrigin } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { keysetInstant } from '../keyset-instant.js';

/** One stored entry, as the audit view and export read it. */
export interface AuditEntry {
  id: string;
  at: string;
  actor: AuditActor;
  address: string | null;
  userAgent: string | null;
  action: string;
  target: { type: string; id: string | null; label: string | null };
  before: unknown;
  after: unknown;
  requestId: string | null;
}

export interface AuditFilter {
  actorId?: string;
  /** `agent.` matches every agent act; `agent.role_changed` that one. */
  actionPrefix?: string;
  targetType?: string;
  targetId?: string;
  from?: Date;
  to?: Date;
  /** Entries strictly older than this (at, id) position: the keyset cursor. */
  after?: { at: string; id: string };
}

interface AuditRow {
  id: string;
  at_key: string;
  actor_type: 'agent' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  from_address: string | null;
  user_agent: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  target_label: string | null;
  before: unknown;
  after: unknown;
  request_id: string | null;
}

/** Microseconds kept, so the keyset cursor never skips two entries in the same millisecond. */
const AT_KEY = `${keysetInstant('at')} AS at_key`;

const toEntry = (r: AuditRow): AuditEntry => ({
  id: r.id,
  at: r.at_key,
  actor: r.actor_type === 'agent' && r.actor_id ? { type: 'agent', id: r.actor_id, name: r.actor_name ?? '', role: r.actor_role as never } : { type: 'system' },
  address: r.from_address,
  userAgent: r.user_agent,
  action: r.action,
  target: { type: r.target_type, id: r.target_id, label: r.target_label },
  before: r.before,
  after: r.after,
  requestId: r.request_id,
});

const likePrefix = (prefix: string) => prefix.replace(/[\\%_]/g, (c) => `\\${c}`) + '%';

/**
 * The audit_entries table: append and read, nothing else. There is no update path, and the only
 * delete is `purge`, through the database function the append-only trigger lets through.
 */
@Injectable()
export class AuditLog {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Appends one entry. With `tx`, inside that transaction, so it commits or rolls back with the
   * change it describes; without, on its own (for acts that change nothing transactional: a
   * sign-in, an export). `before`/`after` must already be masked.
   */
  async append(entry: AuditEntryDraft & { actor: AuditActor; origin: AuditOrigin }, tx?: EntityManager): Promise<void> {
    const actor = entry.actor.type === 'agent' ? entry.actor : null;
    await (tx ?? this.db.manager).query(
      `INSERT INTO audit_entries (actor_type, actor_id, actor_name, actor_role, from_address, user_agent, action, target_type, target_id, target_label, before, after, request_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13)`,
      [
        entry.actor.type, actor?.id ?? null, actor?.name ?? null, actor?.role ?? null,
        entry.origin.address, entry.origin.userAgent, entry.action,
        entry.target.type, entry.target.id, entry.target.label,
        entry.before === undefined ? null : JSON.stringify(entry.before),
        entry.after === undefined ? null : JSON.stringify(entry.after),
        entry.origin.requestId,
      ],
    );
  }

  /** Newest first, at most `limit`, by the filter; keyset pagination on (at, id). */
  async page(filter: AuditFilter, limit: number): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
    };
    if (filter.actorId) add((n) => `actor_id = ${n}`, filter.actorId);
    if (filter.actionPrefix) add((n) => `action LIKE ${n}`, likePrefix(filter.actionPrefix));
    if (filter.targetType) add((n) => `target_type = ${n}`, filter.targetType);
    if (filter.targetId) add((n) => `target_id = ${n}`, filter.targetId);
    if (filter.from) add((n) => `at >= ${n}`, filter.from);
    if (filter.to) add((n) => `at < ${n}`, filter.to);
    if (filter.after) {
      params.push(filter.after.at, filter.after.id);
      where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(limit);
    const rows: AuditRow[] = await this.db.query(
      `SELECT id, ${AT_KEY}, actor_type, actor_id, actor_name, actor_role, from_address, user_agent, action, target_type, target_id, target_label, before, after, request_id
       FROM audit_entries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toEntry);
  }

  /** Deletes up to `batch` entries older than `before` through the sanctioned database function; how many went. */
  async purge(before: Date, batch: number): Promise<number> {
    const rows: Array<{ removed: number }> = await this.db.query(`SELECT purge_audit_entries($1, $2) AS removed`, [before, batch]);
    return rows[0]?.removed ?? 0;
  }
}
