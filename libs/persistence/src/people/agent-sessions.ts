import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type SignInMethod = 'password' | 'oidc';

export interface SessionOpening {
  method: SignInMethod;
  ttlSeconds: number;
  enrolmentOnly: boolean;
  address: string | null;
  userAgent: string | null;
}

export interface AgentSessionRecord {
  id: string;
  method: SignInMethod;
  enrolmentOnly: boolean;
  createdAt: string;
  lastSeenAt: string;
  expiresAt: string;
  userAgent: string | null;
  address: string | null;
}

interface SessionRow {
  id: string;
  method: SignInMethod;
  enrolment_only: boolean;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
  address: string | null;
}

/**
 * Server-side sign-in sessions; an access token is good only while its session is live. Revoking
 * one (or locking the agent) reaches every process at commit through the agent-change feed.
 */
@Injectable()
export class AgentSessions {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async open(agentId: string, opening: SessionOpening): Promise<string> {
    // Sessions long expired are dropped as the agent signs in again, so the table stays small.
    await this.db.query(`DELETE FROM agent_sessions WHERE agent_id = $1 AND expires_at < now() - interval '1 day'`, [agentId]);
    const rows: Array<{ id: string }> = await this.db.query(
      `INSERT INTO agent_sessions (agent_id, method, enrolment_only, expires_at, address, user_agent)
       VALUES ($1, $2, $3, now() + make_interval(secs => $4), $5, $6) RETURNING id`,
      [agentId, opening.method, opening.enrolmentOnly, opening.ttlSeconds, opening.address, opening.userAgent?.slice(0, 500) ?? null],
    );
    return rows[0].id;
  }

  /** The agent's live sessions, newest first. */
  async listLive(agentId: string): Promise<AgentSessionRecord[]> {
    const rows: SessionRow[] = await this.db.query(
      `SELECT id, method, enrolment_only, created_at, last_seen_at, expires_at, user_agent, address FROM agent_sessions
       WHERE agent_id = $1 AND revoked_at IS NULL AND expires_at > now() ORDER BY created_at DESC LIMIT 100`,
      [agentId],
    );
    return rows.map((row) => ({
      id: row.id,
      method: row.method,
      enrolmentOnly: row.enrolment_only,
      createdAt: row.created_at.toISOString(),
      lastSeenAt: row.last_seen_at.toISOString(),
      expiresAt: row.expires_at.toISOString(),
      userAgent: row.user_agent,
      address: row.address,
    }));
  }

  /** Ends one session of the agent; false when it was not live. */
  async revoke(agentId: string, sessionId: string): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE agent_sessions SET revoked_at = now() WHERE id = $1 AND agent_id = $2 AND revoked_at IS NULL`, [sessionId, agentId])) as [unknown, number];
    return count > 0;
  }

  /** Ends every live session of the agent; returns how many. */
  async revokeAll(agentId: string): Promise<number> {
    const [, count] = (await this.db.query(`UPDATE agent_sessions SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL`, [agentId])) as [unknown, number];
    return count;
  }

  /**
   * Locks or unlocks an agent; a lock ends every session in the same transaction. Returns false for
   * an unknown agent.
   */
  async setLocked(agentId: string, locked: boolean): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [, count] = (await manager.query(
        locked ? `UPDATE agents SET locked_at = COALESCE(locked_at, now()) WHERE id = $1` : `UPDATE agents SET locked_at = NULL WHERE id = $1`,
        [agentId],
      )) as [unknown, number];
      if (count === 0) return false;
      if (locked) await manager.query(`UPDATE agent_sessions SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL`, [agentId]);
      return true;
    });
  }
}
