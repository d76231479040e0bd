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

  /** A new session for the agent, tied to the sign-in session it was opened from; returns the id for the cookie (shown only here). */
  async open(agentId: string, agentSessionId: string, ttlSeconds: number, tx?: EntityManager): Promise<string> {
    const em = tx ?? this.db.manager;
    const session = randomBytes(32).toString('base64url');
    // Expired sessions are dropped as new ones open, so the table stays as small as the live ones.
    await em.query(`DELETE FROM admin_board_sessions WHERE expires_at < now()`);
    await em.query(
      // Never longer than the sign-in it came from.
      `INSERT INTO admin_board_sessions (session_hash, agent_id, agent_session_id, expires_at)
       SELECT $1, $2, $3, LEAST(now() + make_interval(secs => $4), s.expires_at) FROM agent_sessions s WHERE s.id = $3`,
      [hashOf(session), agentId, agentSessionId, ttlSeconds],
    );
    return session;
  }

  /** The agent a live session belongs to, or null for an unknown, closed or expired one, or one whose sign-in ended. */
  async agentOf(session: string): Promise<string | null> {
    const rows: Array<{ agent_id: string }> = await this.db.query(
      `SELECT b.agent_id FROM admin_board_sessions b JOIN agent_sessions s ON s.id = b.agent_session_id
       WHERE b.session_hash = $1 AND b.expires_at > now() AND s.revoked_at IS NULL AND s.expires_at > now()`,
      [hashOf(session)],
    );
    return rows[0]?.agent_id ?? null;
  }

  /** Ends the board session and the sign-in it came from; answers whose it was (null when it was unknown or already closed). */
  async close(session: string, tx?: EntityManager): Promise<string | null> {
    const closeIn = async (em: EntityManager): Promise<string | null> => {
      const rows: Array<{ agent_id: string; agent_session_id: string }> = await em.query(
        `WITH closed AS (DELETE FROM admin_board_sessions WHERE session_hash = $1 RETURNING agent_id, agent_session_id) SELECT agent_id, agent_session_id FROM closed`,
        [hashOf(session)],
      );
      if (rows[0]) await em.query(`UPDATE agent_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [rows[0].agent_session_id]);
      return rows[0]?.agent_id ?? null;
    };
    return tx ? closeIn(tx) : this.db.transaction(closeIn);
  }
}
