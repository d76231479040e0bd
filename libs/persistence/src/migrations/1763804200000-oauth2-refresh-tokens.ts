import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The refresh tokens an OAuth2 token endpoint rotated for a mailbox or the mail relay, sealed with a
 * key derived from FIRSTHAND_SECRET, so a worker restarting does not go back to the configured
 * token (which the provider may have let expire or revoked). Keyed by a hash of the token URL,
 * client id and configured token: configuring a new token starts afresh.
 */
export class OAuth2RefreshTokens1763804200000 implements MigrationInterface {
  name = 'OAuth2RefreshTokens1763804200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE oauth2_refresh_tokens (
        client_key text PRIMARY KEY,
        sealed_token text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE oauth2_refresh_tokens`);
  }
}
