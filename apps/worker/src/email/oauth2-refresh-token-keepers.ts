import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { SecretBox } from '@firsthand/access';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { OAuth2ClientSettings, RefreshTokenKeeper } from '@firsthand/oauth2-client';
import { OAuth2RefreshTokenStore } from '@firsthand/persistence';

/**
 * Keeps the refresh tokens an OAuth2 endpoint rotates for the IMAP mailboxes and the mail relay in
 * PostgreSQL, sealed (a database dump alone does not log anyone in to the mailbox). One key per
 * token URL, client and configured token, so every worker sharing a client shares the latest token,
 * and configuring a new one starts afresh. Failures are logged and leave the token in memory.
 */
@Injectable()
export class OAuth2RefreshTokenKeepers {
  private readonly logger = new Logger('OAuth2RefreshTokens');
  private readonly box: SecretBox;

  constructor(
    private readonly store: OAuth2RefreshTokenStore,
    @Inject(FIRSTHAND_CONFIG) config: FirsthandConfig,
  ) {
    this.box = new SecretBox(config.secret, 'oauth2-refresh-tokens');
  }

  /** The keeper for a client, or undefined for one without a refresh token (client credentials: nothing to keep). */
  for(client: OAuth2ClientSettings, usedBy: string): RefreshTokenKeeper | undefined {
    if (!client.refreshToken) return undefined;
    const key = createHash('sha256').update(JSON.stringify([client.tokenUrl, client.clientId, client.refreshToken])).digest('hex');
    return {
      load: async () => {
        try {
          const sealed = await this.store.read(key);
          return sealed === null ? null : this.box.open(sealed);
        } catch (error) {
          // A token sealed under another FIRSTHAND_SECRET cannot be opened: the configured one is used.
          this.logger.warn(`${usedBy}: the kept OAuth2 refresh token could not be read (${(error as Error).message}); using the one in memory`);
          return null;
        }
      },
      // One refresh of this client at a time across processes; without the database, refresh anyway (as without a keeper).
      exclusive: async <T>(refresh: () => Promise<T>): Promise<T> => {
        let locked = false;
        try {
          return await this.store.exclusively(key, refresh, () => (locked = true));
        } catch (error) {
          if (locked) throw error;
          this.logger.warn(`${usedBy}: no lock for the OAuth2 refresh (${(error as Error).message}); refreshing without it`);
          return refresh();
        }
      },
      save: async (refreshToken) => {
        try {
          await this.store.write(key, this.box.seal(refreshToken));
        } catch (error) {
          this.logger.warn(`${usedBy}: the rotated OAuth2 refresh token could not be kept (${(error as Error).message}); it is held in memory until a restart`);
        }
      },
    };
  }
}
