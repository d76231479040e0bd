import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** Rotated OAuth2 refresh tokens, as sealed strings (the worker seals and opens them), by client key. */
@Injectable()
export class OAuth2RefreshTokenStore {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async read(clientKey: string): Promise<string | null> {
    const rows: Array<{ sealed_token: string }> = await this.db.query(`SELECT sealed_token FROM oauth2_refresh_tokens WHERE client_key = $1`, [clientKey]);
    return rows[0]?.sealed_token ?? null;
  }

  /**
   * Runs `work` holding this client's lock (a transaction-level advisory lock on one pooled
   * connection), so processes sharing a client refresh one at a time. `locked` is called once the
   * lock is held: a failure before it means the database could not be reached, not that `work` failed.
   */
  async exclusively<T>(clientKey: string, work: () => Promise<T>, locked: () => void = () => undefined): Promise<T> {
    return this.db.transaction(async (tx) => {
      await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('oauth2-refresh:' || $1, 0))`, [clientKey]);
      locked();
      return work();
    });
  }

  async write(clientKey: string, sealedToken: string): Promise<void> {
    await this.db.query(
      `INSERT INTO oauth2_refresh_tokens (client_key, sealed_token) VALUES ($1, $2)
       ON CONFLICT (client_key) DO UPDATE SET sealed_token = EXCLUDED.sealed_token, updated_at = now()`,
      [clientKey, sealedToken],
    );
  }
}
