import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

const hashOf = (session: string) => createHash('sha256').update(session).digest('hex');

/**
 * Sign-ins to the queue board, held server-side so signing out ends them: the board's cookie
 * carries a random session id (only its SHA-256 is stored), not an access token, and a cookie
 * replayed after sign-out, or after it expired, opens nothing.
 */
@Injectable()
export class AdminBoardSessions {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** A new session for the agent; returns the id for the cookie (shown only here). */
  async open(agentId: string, ttlSeconds: number, tx?: EntityManager): Promise<string> {
    const em = tx ?? this.db.manager;
    const session = randomBytes(32).toString('base64url');
    // Expired sessions are dropped as new ones open, so the table stays as small as the live ones.
    await em.query(`DELETE FROM admin_board_sessions WHERE expires_at < now()`);
    await em.query(`INSERT INTO admin_board_sessions (session_hash, agent_id, expires_at) VALUES ($1, $2, now() + make_interval(secs => $3))`, [
      hashOf(session),
      agentId,
      ttlSeconds,
    ]);
    return session;
  }

  /** The agent a live session belongs to, or null for an unknown, closed or expired one. */
  async agentOf(session: string): Promise<string | null> {
    const rows: Array<{ agent_id: string }> = await this.db.query(
      `SELECT agent_id FROM admin_board_sessions WHERE session_hash = $1 AND expires_at > now()`,
      [hashOf(session)],
    );
    return rows[0]?.agent_id ?? null;
  }

  /** Ends the session; answers whose it was (null when it was unknown or already closed). */
  async close(session: string, tx?: EntityManager): Promise<string | null> {
    const rows: Array<{ agent_id: string }> = await (tx ?? this.db.manager).query(
      `WITH closed AS (DELETE FROM admin_board_sessions WHERE session_hash = $1 RETURNING agent_id) SELECT agent_id FROM closed`,
      [hashOf(session)],
    );
    return rows[0]?.agent_id ?? null;
  }
}
