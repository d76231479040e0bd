import { OAuth2TokenSource } from '@firsthand/oauth2-client';
import { OAuth2RefreshTokenStore } from '@firsthand/persistence';
import { OAuth2RefreshTokenKeepers } from '../../apps/worker/src/email/oauth2-refresh-token-keepers.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { IdentityProvider } from '../support/identity-provider.js';

/** The worker's keeper of rotated OAuth2 refresh tokens, on a real database: sealed, shared, and forgiving. */
describe('rotated OAuth2 refresh tokens kept in PostgreSQL', () => {
  let api: ApiHarness;
  const client = { tokenUrl: 'https://login.example.com/token', clientId: 'firsthand', refreshToken: 'configured-1' };
  const keepers = (secret = api.config.secret) => new OAuth2RefreshTokenKeepers(api.app.get(OAuth2RefreshTokenStore), { ...api.config, secret });

  beforeAll(async () => {
    api = await startApi();
  });
  afterEach(() => api.database.db.query(`DELETE FROM oauth2_refresh_tokens`));
  afterAll(() => api.close());

  it('keeps nothing for a client-credentials client', () => {
    expect(keepers().for({ tokenUrl: client.tokenUrl, clientId: 'app' }, 'imap:m365')).toBeUndefined();
  });

  it('seals what it keeps, shares it between keepers of the same client, and starts afresh for a newly configured token', async () => {
    expect(await keepers().for(client, 'imap:gmail')!.load()).toBeNull();
    await keepers().for(client, 'imap:gmail')!.save('rotated-2');
    expect(await keepers().for(client, 'SMTP relay')!.load()).toBe('rotated-2');
    await keepers().for(client, 'imap:gmail')!.save('rotated-3');
    expect(await keepers().for(client, 'imap:gmail')!.load()).toBe('rotated-3');
    const rows: Array<{ sealed_token: string }> = await api.database.db.query(`SELECT sealed_token FROM oauth2_refresh_tokens`);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.sealed_token).not.toContain('rotated');
    expect(await keepers().for({ ...client, refreshToken: 'configured-2' }, 'imap:gmail')!.load()).toBeNull();
  });

  it('answers null, without throwing, for a token sealed under another FIRSTHAND_SECRET', async () => {
    await keepers('another-secret-of-at-least-32-characters!').for(client, 'imap:gmail')!.save('rotated-9');
    expect(await keepers().for(client, 'imap:gmail')!.load()).toBeNull();
  });

  it('lets processes sharing a client refresh one at a time, so a provider that takes each refresh token once never sees one twice', async () => {
    const idp = new IdentityProvider();
    await idp.start();
    try {
      const shared = { tokenUrl: idp.url('/token'), clientId: 'firsthand-worker', refreshToken: idp.issueRefreshToken() };
      // Four "processes": each its own keeper and token source, all asking at once.
      const sources = Array.from({ length: 4 }, (_, i) => new OAuth2TokenSource(shared, { refreshTokens: keepers().for(shared, `worker ${i}`)! }));
      const tokens = await Promise.all(sources.map((s) => s.accessToken()));
      expect(new Set(tokens).size).toBe(4);
      const spent = idp.tokenRequests.map((r) => r.refresh_token);
      expect(spent).toHaveLength(4);
      expect(new Set(spent).size).toBe(4);
      // The last one rotated to is what a fifth process starts from.
      const last = await keepers().for(shared, 'worker 5')!.load();
      expect(idp.refreshTokens).toEqual(new Set([last]));
    } finally {
      await idp.stop();
    }
  });
});
