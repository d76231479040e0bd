import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { SignInMethod } from './agent-sessions.js';

export interface StoredSecondFactor {
  secretSealed: string;
  confirmed: boolean;
  lastUsedStep: number | null;
}

export interface OpenChallenge {
  agentId: string;
  method: SignInMethod;
  address: string | null;
  userAgent: string | null;
}

/**
 * TOTP secrets (sealed by the caller), hashed recovery codes and the short-lived second-factor
 * challenges of password sign-ins. Replays and reuse are decided by the database: a step is
 * accepted only if it is later than the last one used, a code or a challenge only while unused.
 */
@Injectable()
export class SecondFactors {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async find(agentId: string): Promise<StoredSecondFactor | null> {
    const rows: Array<{ secret_sealed: string; confirmed_at: Date | null; last_used_step: string | null }> = await this.db.query(
      `SELECT secret_sealed, confirmed_at, last_used_step FROM agent_second_factors WHERE agent_id = $1`,
      [agentId],
    );
    const row = rows[0];
    return row ? { secretSealed: row.secret_sealed, confirmed: row.confirmed_at !== null, lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step) } : null;
  }

  /** Starts (or restarts) an enrolment with a new secret; refused (false) once one is confirmed. */
  async startEnrolment(agentId: string, secretSealed: string): Promise<boolean> {
    const rows: unknown[] = await this.db.query(
      `INSERT INTO agent_second_factors (agent_id, secret_sealed) VALUES ($1, $2)
       ON CONFLICT (agent_id) DO UPDATE SET secret_sealed = EXCLUDED.secret_sealed, created_at = now(), last_used_step = NULL
       WHERE agent_second_factors.confirmed_at IS NULL RETURNING agent_id`,
      [agentId, secretSealed],
    );
    return rows.length > 0;
  }

  /** Confirms a pending enrolment at `step` and stores the recovery codes' hashes, in one transaction. */
  async confirm(agentId: string, step: number, recoveryCodeHashes: string[]): Promise<boolean> {
    return this.db.transaction(async (manager) => {
      const [, count] = (await manager.query(
        `UPDATE agent_second_factors SET confirmed_at = now(), last_used_step = $2 WHERE agent_id = $1 AND confirmed_at IS NULL`,
        [agentId, step],
      )) as [unknown, number];
      if (count === 0) return false;
      await manager.query(`DELETE FROM agent_recovery_codes WHERE agent_id = $1`, [agentId]);
      await manager.query(`INSERT INTO agent_recovery_codes (agent_id, code_hash) SELECT $1, unnest($2::text[])`, [agentId, recoveryCodeHashes]);
      return true;
    });
  }

  /** Records a confirmed factor's code of `step` as used; false when that step (or a later one) was already used: a replay. */
  async useStep(agentId: string, step: number): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE agent_second_factors SET last_used_step = $2 WHERE agent_id = $1 AND confirmed_at IS NOT NULL AND (last_used_step IS NULL OR last_used_step < $2)`,
      [agentId, step],
    )) as [unknown, number];
    return count > 0;
  }

  /** Spends one recovery code; false when unknown or already spent. */
  async useRecoveryCode(agentId: string, codeHash: string): Promise<boolean> {
    const [, count] = (await this.db.query(
      `UPDATE agent_recovery_codes SET used_at = now() WHERE agent_id = $1 AND code_hash = $2 AND used_at IS NULL`,
      [agentId, codeHash],
    )) as [unknown, number];
    return count > 0;
  }

  async recoveryCodesLeft(agentId: string): Promise<number> {
    const rows: Array<{ n: number }> = await this.db.query(`SELECT count(*)::int AS n FROM agent_recovery_codes WHERE agent_id = $1 AND used_at IS NULL`, [agentId]);
    return rows[0].n;
  }

  async remove(agentId: string): Promise<void> {
    await this.db.transaction(async (manager) => {
      await manager.query(`DELETE FROM agent_recovery_codes WHERE agent_id = $1`, [agentId]);
      await manager.query(`DELETE FROM agent_second_factors WHERE agent_id = $1`, [agentId]);
    });
  }

  /**
   * An admin's reset for an agent who lost their authenticator: the secret and recovery codes go and
   * every session ends, in `tx`, so the next sign-in enrols afresh. 'not-on' when nothing was
   * enrolled (an unconfirmed enrolment is removed too), 'no-agent' for an unknown id.
   */
  async resetWithin(tx: EntityManager, agentId: string): Promise<'reset' | 'not-on' | 'no-agent'> {
    const agents: unknown[] = await tx.query(`SELECT 1 FROM agents WHERE id = $1 FOR NO KEY UPDATE`, [agentId]);
    if (agents.length === 0) return 'no-agent';
    const removed: Array<{ confirmed: boolean }> = await tx.query(
      // Through a CTE so the driver answers with plain rows, as for a SELECT.
      `WITH removed AS (DELETE FROM agent_second_factors WHERE agent_id = $1 RETURNING confirmed_at IS NOT NULL AS confirmed) SELECT * FROM removed`,
      [agentId],
    );
    await tx.query(`DELETE FROM agent_recovery_codes WHERE agent_id = $1`, [agentId]);
    if (!removed[0]?.confirmed) return 'not-on';
    await tx.query(`UPDATE agent_sessions SET revoked_at = now() WHERE agent_id = $1 AND revoked_at IS NULL`, [agentId]);
    return 'reset';
  }

  async openChallenge(challengeHash: string, challenge: OpenChallenge, ttlSeconds: number): Promise<void> {
    await this.db.query(`DELETE FROM sign_in_challenges WHERE expires_at < now() - interval '1 hour'`);
    await this.db.query(
      `INSERT INTO sign_in_challenges (challenge_hash, agent_id, method, address, user_agent, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [challengeHash, challenge.agentId, challenge.method, challenge.address, challenge.userAgent?.slice(0, 500) ?? null, ttlSeconds],
    );
  }

  /**
   * Counts one attempt on a live challenge and returns it, or null when it is unknown, expired,
   * already used or out of attempts: the count and the check are one statement, so parallel guesses
   * cannot exceed `maxAttempts`.
   */
  async attemptChallenge(challengeHash: string, maxAttempts: number): Promise<OpenChallenge | null> {
    // TypeORM answers an UPDATE with [rows, affected].
    const [rows]: [Array<{ agent_id: string; method: SignInMethod; address: string | null; user_agent: string | null }>, number] = await this.db.query(
      `UPDATE sign_in_challenges SET attempts = attempts + 1
       WHERE challenge_hash = $1 AND used_at IS NULL AND expires_at > now() AND attempts < $2
       RETURNING agent_id, method, address, user_agent`,
      [challengeHash, maxAttempts],
    );
    const row = rows[0];
    return row ? { agentId: row.agent_id, method: row.method, address: row.address, userAgent: row.user_agent } : null;
  }

  /** Marks a challenge used; false if it already was (two right codes raced). */
  async spendChallenge(challengeHash: string): Promise<boolean> {
    const [, count] = (await this.db.query(`UPDATE sign_in_challenges SET used_at = now() WHERE challenge_hash = $1 AND used_at IS NULL`, [challengeHash])) as [unknown, number];
    return count > 0;
  }
}
