import { loadConfig } from './firsthand-config.js';

describe('sign-in settings (OpenID Connect, password login)', () => {
  const valid = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/db', REDIS_URL: 'redis://127.0.0.1:6379', FIRSTHAND_SECRET: 'x'.repeat(32) };
  const oidc = { ...valid, FIRSTHAND_OIDC_ISSUER: 'https://id.example.com', FIRSTHAND_OIDC_CLIENT_ID: 'firsthand', FIRSTHAND_OIDC_CLIENT_SECRET: 's3cret' };

  it('is off by default, with password login on', () => {
    const config = loadConfig(valid);
    expect(config.oidc).toBeNull();
    expect(config.passwordLogin).toEqual({ enabled: true, breakGlassEmail: null });
  });

  it('reads the provider, scopes, role map and provisioning', () => {
    const config = loadConfig({
      ...oidc,
      FIRSTHAND_OIDC_ROLE_CLAIM: 'groups',
      FIRSTHAND_OIDC_ROLE_MAP: 'helpdesk-admins:admin, helpdesk-leads:supervisor',
      FIRSTHAND_OIDC_PROVISIONING: 'create',
      FIRSTHAND_OIDC_PROVISION_TEAM: 'Front Desk',
      FIRSTHAND_OIDC_PROVISION_ROLE: 'senior',
      FIRSTHAND_PASSWORD_LOGIN: 'off',
      FIRSTHAND_BREAK_GLASS_EMAIL: 'Root@Example.com',
    });
    expect(config.oidc).toMatchObject({
      issuer: 'https://id.example.com',
      redirectBase: 'http://localhost:3000',
      scopes: ['openid', 'email', 'profile'],
      roleClaim: 'groups',
      roleMap: { 'helpdesk-admins': 'admin', 'helpdesk-leads': 'supervisor' },
      provisioning: { mode: 'create', team: 'Front Desk', role: 'senior' },
    });
    expect(config.passwordLogin).toEqual({ enabled: false, breakGlassEmail: 'root@example.com' });
  });

  it('names every bad setting at start', () => {
    const bad = () => loadConfig({
      ...valid,
      FIRSTHAND_OIDC_ISSUER: 'http://id.example.com',
      FIRSTHAND_OIDC_SCOPES: 'profile',
      FIRSTHAND_OIDC_ROLE_CLAIM: 'groups',
      FIRSTHAND_OIDC_ROLE_MAP: 'admins:root',
      FIRSTHAND_OIDC_PROVISIONING: 'maybe',
      FIRSTHAND_OIDC_PROVISION_ROLE: 'admin',
    });
    expect(bad).toThrow(/FIRSTHAND_OIDC_ISSUER must be https/);
    for (const name of ['FIRSTHAND_OIDC_CLIENT_ID is required', 'FIRSTHAND_OIDC_CLIENT_SECRET is required', 'SCOPES must include openid', 'FIRSTHAND_OIDC_ROLE_MAP entries', 'FIRSTHAND_OIDC_PROVISIONING must be one of', 'FIRSTHAND_OIDC_PROVISION_ROLE must be one of']) {
      expect(bad).toThrow(name);
    }
    expect(() => loadConfig({ ...oidc, FIRSTHAND_OIDC_ISSUER: 'http://127.0.0.1:9000' })).not.toThrow();
    expect(() => loadConfig({ ...valid, FIRSTHAND_OIDC_CLIENT_ID: 'x' })).toThrow(/without FIRSTHAND_OIDC_ISSUER/);
  });

  it('password login off needs a provider and a break-glass admin', () => {
    expect(() => loadConfig({ ...valid, FIRSTHAND_PASSWORD_LOGIN: 'off', FIRSTHAND_BREAK_GLASS_EMAIL: 'root@example.com' })).toThrow(/needs FIRSTHAND_OIDC_ISSUER/);
    expect(() => loadConfig({ ...oidc, FIRSTHAND_PASSWORD_LOGIN: 'off' })).toThrow(/needs FIRSTHAND_BREAK_GLASS_EMAIL/);
    expect(() => loadConfig({ ...oidc, FIRSTHAND_PASSWORD_LOGIN: 'sometimes' })).toThrow(/FIRSTHAND_PASSWORD_LOGIN must be one of on, off/);
  });
});
