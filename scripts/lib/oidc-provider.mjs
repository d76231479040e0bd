// A local OpenID provider (oidc-provider) for the demo (`FIRSTHAND_DEMO_OIDC=1 npm start`) and the tests.
// Development only: its sign-in page (oidc-provider's dev interactions) accepts any password for a
// known account id, and it listens on loopback over plain HTTP.
import { createServer } from 'node:http';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import Provider from 'oidc-provider';

/**
 * @param {{
 *   port?: number, host?: string,
 *   client: { clientId: string, clientSecret: string, redirectUris: string[] },
 *   accounts: Record<string, { email: string, email_verified: boolean, name?: string, groups?: string[] }>,
 *   idTokenTtlSeconds?: number,
 * }} options
 */
export async function startOidcProvider({ port = 0, host = '127.0.0.1', client, accounts, idTokenTtlSeconds = 3600 }) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: `local-${randomBytes(4).toString('hex')}`, use: 'sig', alg: 'RS256' };
  /** Tests may rewrite the token endpoint's answer (to hand the client a forged ID token). */
  let tokenAnswer = null;

  let provider = null;
  const server = createServer((req, res) => {
    if (tokenAnswer && req.method === 'POST' && req.url?.startsWith('/token')) return rewriteAnswer(req, res, provider.callback(), tokenAnswer);
    provider.callback()(req, res);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const issuer = `http://${host}:${server.address().port}`;
  provider = new Provider(issuer, {
    clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: client.redirectUris, grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(24).toString('base64url')] },
    scopes: ['openid', 'email', 'profile', 'groups'],
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'], groups: ['groups'] },
    // The scope's claims go into the ID token itself: Firsthand reads the email and groups from it.
    conformIdTokenClaims: false,
    pkce: { required: () => true },
    ttl: { IdToken: idTokenTtlSeconds, AccessToken: 600, AuthorizationCode: 60, Interaction: 600, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: true } },
    async findAccount(_ctx, id) {
      const account = Object.hasOwn(accounts, id) ? accounts[id] : undefined;
      if (!account) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...account }) };
    },
    // No consent screen: the demo client is first-party.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId ?? ctx.oidc.session.grantIdFor(ctx.oidc.client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client.clientId, accountId: ctx.oidc.session.accountId });
      grant.addOIDCScope('openid email profile groups');
      await grant.save();
      return grant;
    },
  });
  return {
    issuer,
    /** The provider's signing key (private JWK), for tests that forge tokens it would have signed. */
    signingKey,
    /** Replace (or with null, stop replacing) the token endpoint's JSON answer. */
    rewriteTokenAnswer(rewrite) {
      tokenAnswer = rewrite;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function rewriteAnswer(req, res, handler, rewrite) {
  const chunks = [];
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  res.write = (chunk) => (chunks.push(Buffer.from(chunk)), true);
  res.end = (chunk) => {
    if (chunk) chunks.push(Buffer.from(chunk));
    Promise.resolve()
      .then(() => rewrite(JSON.parse(Buffer.concat(chunks).toString('utf8'))))
      .then((answer) => {
        const body = Buffer.from(JSON.stringify(answer));
        res.setHeader('content-length', body.length);
        write(body);
        end();
      })
      .catch(() => end());
    return res;
  };
  handler(req, res);
}
