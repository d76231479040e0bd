import { loadConfig } from './firsthand-config.js';

describe('request limits and trusted proxies', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379', FIRSTHAND_SECRET: 'x'.repeat(32) };

  it('defaults: generous per-address ceiling, tight anonymous and login limits, loopback the only trusted proxy', () => {
    const config = loadConfig(valid);
    expect(config.limits).toEqual({
      apiPerAddress: { limit: 1200, windowSeconds: 60 },
      openTicketsPerAddress: { limit: 20, windowSeconds: 3600 },
      customerRepliesPerTicket: { limit: 30, windowSeconds: 3600 },
      customerRepliesPerAddress: { limit: 120, windowSeconds: 3600 },
      uploadsPerClient: { limit: 30, windowSeconds: 60 },
      login: {
        accountFromAddress: { freeFailures: 5, lockAfter: 10 },
        address: { freeFailures: 20, lockAfter: 50 },
        account: { freeFailures: 10, maxDelaySeconds: 30 },
        lockSeconds: 120,
        failureWindowSeconds: 900,
        knownAddressDays: 30,
      },
      articleSuggestionsPerAddress: { limit: 60, windowSeconds: 60 },
      deflectionsPerAddress: { limit: 30, windowSeconds: 3600 },
      mailTakeInsPerAgent: { limit: 200, windowSeconds: 3600 },
    });
    expect(config.trustedProxies).toEqual(['loopback']);
  });

  it('raised or lowered through the environment, the upload limit under its old name', () => {
    const config = loadConfig({ ...valid, FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR: '500', FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE: '7', FIRSTHAND_LOGIN_LOCK_SECONDS: '5' });
    expect(config.limits.openTicketsPerAddress.limit).toBe(500);
    expect(config.limits.uploadsPerClient.limit).toBe(7);
    expect(config.limits.login.lockSeconds).toBe(5);
  });

  it('a lock that comes before the free failures are spent is refused', () => {
    expect(() => loadConfig({ ...valid, FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_FREE_FAILURES: '10', FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER: '10' })).toThrow(/FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER/);
    expect(() => loadConfig({ ...valid, FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES: '60' })).toThrow(/FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER/);
  });

  it('the account-wide lock is gone: its old setting is named rather than silently ignored', () => {
    expect(() => loadConfig({ ...valid, FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER: '10' })).toThrow(/FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER is no longer read/);
    const config = loadConfig({ ...valid, FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES: '3', FIRSTHAND_LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '8', FIRSTHAND_LOGIN_KNOWN_ADDRESS_DAYS: '7' });
    expect(config.limits.login.account).toEqual({ freeFailures: 3, maxDelaySeconds: 8 });
    expect(config.limits.login.knownAddressDays).toBe(7);
  });

  it('trusted proxies: addresses, CIDR ranges and presets; "none" trusts no one; anything else is named', () => {
    expect(loadConfig({ ...valid, FIRSTHAND_TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7,::1,uniquelocal' }).trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', '::1', 'uniquelocal']);
    expect(loadConfig({ ...valid, FIRSTHAND_TRUSTED_PROXIES: 'none' }).trustedProxies).toEqual([]);
    for (const bad of ['proxy.example', '10.0.0.0/33', '*', '10.0.0.1/8/1']) {
      expect(() => loadConfig({ ...valid, FIRSTHAND_TRUSTED_PROXIES: bad })).toThrow(/FIRSTHAND_TRUSTED_PROXIES/);
    }
  });
});
