// FIRSTHAND_DEMO_OIDC=1 for `npm start`: a local OpenID provider holding the demo roster, and the
// api's FIRSTHAND_OIDC_* settings pointed at it. Development only (see docs/sso.md).
import { randomBytes } from 'node:crypto';
import { startOidcProvider } from './oidc-provider.mjs';

/** The demo people (apps/api/src/demo/demo-seed.ts) by their provider login, the part before the @. */
const DEMO_PEOPLE = [
  ['wang.fang', 'Wang Fang'],
  ['li.wei', 'Li Wei'],
  ['zhang.min', 'Zhang Min'],
  ['sara.lopez', 'Sara Lopez'],
  ['chen.jie', 'Chen Jie'],
  ['tom.becker', 'Tom Becker'],
];

/** Starts the provider and writes the api's settings into `env`; returns its issuer and a banner. */
export async function startDemoOidc({ env, apiPort, port, host = '127.0.0.1' }) {
  const redirectBase = (env.FIRSTHAND_OIDC_REDIRECT_BASE?.trim() || env.PUBLIC_BASE_URL?.trim() || `http://localhost:${apiPort}`).replace(/\/+$/, '');
  const accounts = Object.fromEntries(DEMO_PEOPLE.map(([login, name]) => [login, { email: `${login}@firsthand.local`, email_verified: true, name }]));
  const adminEmail = env.FIRSTHAND_ADMIN_EMAIL?.trim().toLowerCase();
  if (adminEmail) accounts.admin = { email: adminEmail, email_verified: true, name: 'Administrator' };
  const client = { clientId: 'firsthand-demo', clientSecret: randomBytes(24).toString('base64url'), redirectUris: [`${redirectBase}/api/auth/oidc/callback`] };
  const provider = await startOidcProvider({ port, host, client, accounts });
  env.FIRSTHAND_OIDC_ISSUER = provider.issuer;
  env.FIRSTHAND_OIDC_CLIENT_ID = client.clientId;
  env.FIRSTHAND_OIDC_CLIENT_SECRET = client.clientSecret;
  env.FIRSTHAND_OIDC_REDIRECT_BASE = redirectBase;
  if (!env.FIRSTHAND_OIDC_PROVIDER_NAME?.trim()) env.FIRSTHAND_OIDC_PROVIDER_NAME = 'Demo ID';
  const banner = [
    `  Single sign-on  demo OpenID provider at ${provider.issuer} (FIRSTHAND_DEMO_OIDC)`,
    `    Open ${redirectBase}/supervisor, choose "Sign in with ${env.FIRSTHAND_OIDC_PROVIDER_NAME}", sign in as wang.fang`,
    `    (any password: a development provider). Logins: ${Object.keys(accounts).join(', ')}`,
    '',
  ].join('\n');
  return { issuer: provider.issuer, banner, close: provider.close };
}
