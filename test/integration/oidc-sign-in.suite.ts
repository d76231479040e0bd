import { generateKeyPairSync } from 'node:crypto';
import type { OidcSettings } from '@firsthand/config';
import { startOidcProvider, type LocalOidcProvider } from '../../scripts/lib/oidc-provider.mjs';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { jwtClaims, signInAtProvider, signJwt } from '../support/oidc-browser-flow.js';

const REDIRECT_BASE = 'http://localhost:3000';
const CLIENT = { clientId: 'firsthand-test', clientSecret: 'firsthand-test-secret-value', redirectUris: [`${REDIRECT_BASE}/api/auth/oidc/callback`] };

describe('OpenID Connect sign-in against a real provider', () => {
  let provider: LocalOidcProvider;
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let supervisor: TestAgent;
  let agent: TestAgent;
  let leaving: TestAgent;
  const accounts: Record<string, { email: string; email_verified: boolean; name?: string; groups?: string[] }> = {};

  beforeAll(async () => {
    provider = await startOidcProvider({ client: CLIENT, accounts });
    api = await startApi({
      FIRSTHAND_OIDC_ISSUER: provider.issuer,
      FIRSTHAND_OIDC_CLIENT_ID: CLIENT.clientId,
      FIRSTHAND_OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      FIRSTHAND_OIDC_REDIRECT_BASE: REDIRECT_BASE,
      FIRSTHAND_OIDC_SCOPES: 'openid email profile groups',
      FIRSTHAND_OIDC_PROVIDER_NAME: 'Example ID',
      FIRSTHAND_OIDC_PER_ADDRESS_PER_MINUTE: '1000',
      FIRSTHAND_OIDC_ROLE_CLAIM: 'groups',
      FIRSTHAND_OIDC_ROLE_MAP: 'helpdesk-staff:agent,helpdesk-leads:supervisor',
      FIRSTHAND_ADMIN_EMAIL: 'root@firsthand.test',
      FIRSTHAND_ADMIN_PASSWORD: 'admin-password-1',
    });
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    agent = await f.agent('agent', team, 'Li Wei');
    leaving = await f.agent('agent', team, 'Zhao Lei');
    await api.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [leaving.id]);
    Object.assign(accounts, {
      // The provider spells the email differently: matched case-insensitively.
      'wang.fang': { email: supervisor.email.toUpperCase(), email_verified: true, name: 'Wang Fang', groups: ['helpdesk-leads'] },
      'li.wei': { email: agent.email, email_verified: true, groups: ['helpdesk-staff', 'helpdesk-leads'] },
      'zhao.lei': { email: leaving.email, email_verified: true, groups: ['helpdesk-staff'] },
      unverified: { email: agent.email, email_verified: false, groups: ['helpdesk-staff'] },
      visitor: { email: supervisor.email, email_verified: true, groups: ['everyone'] },
      newcomer: { email: 'chen.jing@firsthand.test', email_verified: true, name: 'Chen Jing', groups: ['helpdesk-staff'] },
      'second-newcomer': { email: 'sun.li@firsthand.test', email_verified: true, name: 'Sun Li', groups: ['helpdesk-staff'] },
    });
  });
  afterAll(async () => {
    await api?.close();
    await provider?.close();
  });
  afterEach(() => provider.rewriteTokenAnswer(null));

  const settings = () => api.config.oidc as OidcSettings;
  const agentCount = async () => Number((await api.database.db.query(`SELECT count(*) AS n FROM agents`))[0].n);

  /** Start at Firsthand, sign in at the provider as `login`, and return the flow cookie and the provider's redirect back. */
  async function throughProvider(login: string, app = 'supervisor') {
    const start = await api.http.get(`/api/auth/oidc/start?app=${app}`).set('Host', 'localhost:3000').expect(302);
    const cookie = (start.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('fh_oidc_flow='))!;
    expect(cookie).toMatch(/HttpOnly; SameSite=Lax; Path=\/api\/auth\/oidc; Max-Age=600/);
    const authorization = new URL(start.headers.location as string);
    expect(authorization.origin).toBe(provider.issuer);
    expect(authorization.searchParams.get('code_challenge_method')).toBe('S256');
    for (const param of ['state', 'nonce', 'code_challenge']) expect(authorization.searchParams.get(param)).toMatch(/^[\w-]{20,}$/);
    const back = await signInAtProvider(authorization.href, login);
    return { flowCookie: cookie.split(';')[0], back };
  }

  async function callback(flowCookie: string | null, back: URL) {
    const request = api.http.get(`${back.pathname}${back.search}`);
    const answer = await (flowCookie ? request.set('Cookie', flowCookie) : request).expect(303);
    return answer.headers.location as string;
  }

  const fragment = (location: string, name: string) => new URLSearchParams(location.slice(location.indexOf('#') + 1)).get(name);

  it('tells the web app about the provider', async () => {
    const config = await api.http.get('/api/client-config').expect(200);
    expect(config.body).toMatchObject({ sso: { providerName: 'Example ID', startPath: '/api/auth/oidc/start' }, passwordLogin: true });
  });

  it('sends a browser on another host name to the redirect host first, so the flow cookie comes back', async () => {
    const start = await api.http.get('/api/auth/oidc/start?app=supervisor').set('Host', '127.0.0.1:3000').expect(302);
    expect(start.headers.location).toBe(`${REDIRECT_BASE}/api/auth/oidc/start?app=supervisor&hop=1`);
    expect(start.headers['set-cookie']).toBeUndefined();
    const hop = await api.http.get('/api/auth/oidc/start?app=supervisor&hop=1').set('Host', '127.0.0.1:3000').expect(302);
    expect(hop.headers.location).toMatch(new RegExp(`^${provider.issuer}/`));
  });

  it('signs a supervisor in: code flow with PKCE, a one-time code in the fragment, traded once for a working token', async () => {
    const { flowCookie, back } = await throughProvider('wang.fang');
    const location = await callback(flowCookie, back);
    expect(location).toMatch(/^\/supervisor#sso-code=[\w-]{40,}$/);
    const code = fragment(location, 'sso-code')!;
    const signedIn = await api.http.post('/api/auth/oidc/exchange').send({ code }).expect(200);
    expect(signedIn.body.agent).toEqual({ id: supervisor.id, name: 'Wang Fang', email: supervisor.email, role: 'supervisor', teamId: team });
    await api.http.get('/api/agents').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(200);
    const again = await api.http.post('/api/auth/oidc/exchange').send({ code }).expect(400);
    expect(again.body.type).toMatch(/sign-in-code-invalid$/);
    // A revocable session like any sign-in, and in the audit log as an SSO sign-in.
    const [session] = await api.database.db.query(`SELECT method FROM agent_sessions WHERE agent_id = $1 ORDER BY created_at DESC LIMIT 1`, [supervisor.id]);
    expect(session).toEqual({ method: 'oidc' });
    const [audited] = await api.database.db.query(`SELECT actor_id, after->>'method' AS method FROM audit_entries WHERE action = 'sign_in.succeeded' AND target_id = $1 ORDER BY at DESC LIMIT 1`, [supervisor.id]);
    expect(audited).toEqual({ actor_id: supervisor.id, method: 'oidc' });
    await api.http.post('/api/auth/logout').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(204);
    await api.http.get('/api/agents').set('Authorization', `Bearer ${signedIn.body.accessToken}`).expect(401);
  });

  it('maps the provider\'s groups to the highest Firsthand role, and refuses someone no group maps', async () => {
    const { flowCookie, back } = await throughProvider('li.wei', 'console');
    const location = await callback(flowCookie, back);
    expect(location).toMatch(/^\/agent#sso-code=/);
    const signedIn = await api.http.post('/api/auth/oidc/exchange').send({ code: fragment(location, 'sso-code') }).expect(200);
    expect(signedIn.body.agent).toMatchObject({ id: agent.id, role: 'supervisor' });
    const [row] = await api.database.db.query(`SELECT role FROM agents WHERE id = $1`, [agent.id]);
    expect(row.role).toBe('supervisor');

    const visitor = await throughProvider('visitor');
    expect(await callback(visitor.flowCookie, visitor.back)).toBe('/supervisor#sso-error=no-mapped-role');
  });

  it('refuses a wrong state, a callback from a browser that never started, and a replayed flow; nothing created', async () => {
    settings().provisioning = { mode: 'create', team: 'Front Desk', role: 'agent' };
    try {
      const before = await agentCount();
      const forged = await throughProvider('newcomer');
      const wrongState = new URL(forged.back);
      wrongState.searchParams.set('state', 'attacker-chosen-state-value-000');
      expect(await callback(forged.flowCookie, wrongState)).toBe('/supervisor#sso-error=state-mismatch');
      expect(await callback(null, forged.back)).toBe('/agent#sso-error=sign-in-expired');
      const tampered = forged.flowCookie.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
      expect(await callback(tampered, forged.back)).toBe('/agent#sso-error=sign-in-expired');
      expect(await agentCount()).toBe(before);
      expect(await api.database.db.query(`SELECT 1 FROM agents WHERE email = 'chen.jing@firsthand.test'`)).toHaveLength(0);
      const refusals = await api.database.db.query(`SELECT after->>'detail' AS detail FROM audit_entries WHERE action = 'sign_in.failed' AND after->>'method' = 'oidc'`);
      expect(refusals.map((r: { detail: string }) => r.detail)).toEqual(expect.arrayContaining(['state-mismatch', 'sign-in-expired']));
    } finally {
      settings().provisioning = { mode: 'refuse' };
    }
  });

  it('refuses ID tokens with a wrong nonce, issuer or audience, an expired one, or one signed by another key; nothing created', async () => {
    settings().provisioning = { mode: 'create', team: 'Front Desk', role: 'agent' };
    const stranger = { ...generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ format: 'jwk' }), kid: provider.signingKey.kid };
    const now = Math.floor(Date.now() / 1000);
    const cases: Array<[string, (claims: Record<string, unknown>) => Record<string, unknown>, Record<string, unknown>]> = [
      ['nonce-mismatch', (c) => ({ ...c, nonce: 'another-nonce-value' }), provider.signingKey],
      ['wrong-issuer', (c) => ({ ...c, iss: 'http://127.0.0.1:1/other-issuer' }), provider.signingKey],
      ['wrong-audience', (c) => ({ ...c, aud: 'someone-else' }), provider.signingKey],
      ['token-expired', (c) => ({ ...c, iat: now - 7200, exp: now - 3600 }), provider.signingKey],
      ['bad-signature', (c) => c, stranger],
    ];
    try {
      const before = await agentCount();
      for (const [reason, change, key] of cases) {
        provider.rewriteTokenAnswer((answer) => ({ ...answer, id_token: signJwt(change(jwtClaims(answer.id_token as string)), key) }));
        const { flowCookie, back } = await throughProvider('newcomer');
        expect([reason, await callback(flowCookie, back)]).toEqual([reason, `/supervisor#sso-error=${reason}`]);
      }
      expect(await agentCount()).toBe(before);
    } finally {
      settings().provisioning = { mode: 'refuse' };
    }
  });

  it('refuses an unverified email, a deactivated agent and, with provisioning refuse, an unknown person; nothing created', async () => {
    const before = await agentCount();
    for (const [login, reason] of [['unverified', 'email-unverified'], ['zhao.lei', 'agent-deactivated'], ['newcomer', 'unknown-agent']]) {
      const { flowCookie, back } = await throughProvider(login);
      expect([login, await callback(flowCookie, back)]).toEqual([login, `/supervisor#sso-error=${reason}`]);
    }
    expect(await agentCount()).toBe(before);
    const [row] = await api.database.db.query(`SELECT active FROM agents WHERE id = $1`, [leaving.id]);
    expect(row.active).toBe(false);
  });

  it('with provisioning create, a first sign-in creates the agent in the configured team and mapped role', async () => {
    settings().provisioning = { mode: 'create', team: 'Front Desk', role: 'senior' };
    try {
      const { flowCookie, back } = await throughProvider('newcomer', 'admin');
      const location = await callback(flowCookie, back);
      expect(location).toMatch(/^\/admin\/login#sso-code=/);
      const signedIn = await api.http.post('/api/auth/oidc/exchange').send({ code: fragment(location, 'sso-code') }).expect(200);
      expect(signedIn.body.agent).toMatchObject({ name: 'Chen Jing', email: 'chen.jing@firsthand.test', role: 'agent', teamId: team });
    } finally {
      settings().provisioning = { mode: 'refuse' };
    }
  });

  it('the team newcomers join may be named by its id; while it is named by its name, it is not renamed', async () => {
    const admin = await f.agent('admin', team, 'Gao Min');
    settings().provisioning = { mode: 'create', team: 'front desk', role: 'agent' };
    try {
      const refused = await api.http.patch(`/api/teams/${team}`).set(admin.auth).send({ name: 'Front Office' }).expect(409);
      expect(refused.body).toMatchObject({ type: 'https://firsthand.dev/problems/team-named-in-settings', teamId: team, namedIn: [{ setting: 'FIRSTHAND_OIDC_PROVISION_TEAM', entry: 'front desk' }] });
      // Named by its id, the team may be renamed, and newcomers still join it.
      settings().provisioning = { mode: 'create', team: team.toUpperCase(), role: 'agent' };
      await api.http.patch(`/api/teams/${team}`).set(admin.auth).send({ name: 'Front Office' }).expect(200);
      const { flowCookie, back } = await throughProvider('second-newcomer');
      const signedIn = await api.http.post('/api/auth/oidc/exchange').send({ code: fragment(await callback(flowCookie, back), 'sso-code') }).expect(200);
      expect(signedIn.body.agent).toMatchObject({ email: 'sun.li@firsthand.test', teamId: team });
    } finally {
      settings().provisioning = { mode: 'refuse' };
      await api.http.patch(`/api/teams/${team}`).set(admin.auth).send({ name: 'Front Desk' }).expect(200);
    }
  });

  it('bad input at the edges: unknown app, malformed code, a provider error; problems, nothing changed', async () => {
    const app = await api.http.get('/api/auth/oidc/start?app=https://evil.example').expect(400);
    expect(app.body.detail).toMatch(/app must be one of console, supervisor, admin/);
    const code = await api.http.post('/api/auth/oidc/exchange').send({ code: 'x' }).expect(400);
    expect(code.headers['content-type']).toMatch(/problem\+json/);
    await api.http.post('/api/auth/oidc/exchange').send({ code: 'a'.repeat(43), extra: 1 }).expect(400);
    await api.http.post('/api/auth/oidc/exchange').send({ code: 'a'.repeat(43) }).expect(400);
    const start = await api.http.get('/api/auth/oidc/start').set('Host', 'localhost:3000').expect(302);
    const flowCookie = (start.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const state = new URL(start.headers.location as string).searchParams.get('state');
    const denied = await api.http.get(`/api/auth/oidc/callback?error=access_denied&state=${state}`).set('Cookie', flowCookie).expect(303);
    expect(denied.headers.location).toBe('/agent#sso-error=provider-refused');
  });

  it('limits sign-in steps per address', async () => {
    settings().perAddressPerMinute = 1;
    try {
      const refused = await api.http.get('/api/auth/oidc/start').expect(429);
      expect(refused.headers['retry-after']).toMatch(/^\d+$/);
      expect(refused.body.type).toMatch(/too-many-sign-ins$/);
      await api.http.post('/api/auth/oidc/exchange').send({ code: 'a'.repeat(43) }).expect(429);
    } finally {
      settings().perAddressPerMinute = 1000;
    }
  });

  it('password sign-in turned off: refused for everyone but the break-glass admin', async () => {
    const saved = { ...api.config.passwordLogin };
    api.config.passwordLogin = { enabled: false, breakGlassEmail: 'root@firsthand.test' };
    try {
      const refused = await api.http.post('/api/auth/login').send({ email: agent.email, password: TEST_PASSWORD }).expect(403);
      expect(refused.body.type).toMatch(/password-login-off$/);
      await api.http.post('/api/auth/login').send({ email: 'ROOT@firsthand.test', password: 'admin-password-1' }).expect(200);
      expect((await api.http.get('/api/client-config').expect(200)).body.passwordLogin).toBe(false);
    } finally {
      api.config.passwordLogin = saved;
    }
  });
});
