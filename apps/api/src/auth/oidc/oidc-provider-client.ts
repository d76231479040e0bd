import { Inject, Injectable, Logger } from '@nestjs/common';
import * as client from 'openid-client';
import { FIRSTHAND_CONFIG, type FirsthandConfig, type OidcSettings } from '@firsthand/config';
import { HttpProblem } from '../../http/problem.js';

/** Why the provider's answer was not believed; each is shown to the person in plain words. */
export type TokenRefusal = 'wrong-issuer' | 'wrong-audience' | 'token-expired' | 'nonce-mismatch' | 'bad-signature' | 'provider-refused';

export class TokenRefused extends Error {
  constructor(readonly reason: TokenRefusal, detail: string) {
    super(detail);
  }
}

/** The ID token's claims once every check passed. */
export type VerifiedClaims = Record<string, unknown> & { sub: string };

/**
 * The configured OpenID provider, through openid-client: discovery (cached; retried after a failure),
 * the authorization URL with PKCE (S256), state and nonce, and the code exchange, which validates the
 * ID token's issuer, audience, expiry and nonce, and (non-repudiation checks on) its signature
 * against the provider's published keys, so a token forged on the way is refused too.
 */
@Injectable()
export class OidcProviderClient {
  private readonly logger = new Logger('OidcProviderClient');
  private discovered: Promise<client.Configuration> | null = null;
  readonly settings: OidcSettings | null;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.settings = config.oidc;
  }

  get redirectUri(): string {
    return `${this.required().redirectBase}/api/auth/oidc/callback`;
  }

  async authorizationUrl(checks: { state: string; nonce: string; verifier: string }): Promise<URL> {
    const settings = this.required();
    const configuration = await this.configuration();
    return client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: settings.scopes.join(' '),
      state: checks.state,
      nonce: checks.nonce,
      code_challenge: await client.calculatePKCECodeChallenge(checks.verifier),
      code_challenge_method: 'S256',
    });
  }

  /** Exchanges the code (the callback's query string) and returns the ID token's claims, or throws TokenRefused. */
  async exchange(query: string, checks: { state: string; nonce: string; verifier: string }): Promise<VerifiedClaims> {
    const configuration = await this.configuration();
    try {
      const tokens = await client.authorizationCodeGrant(configuration, new URL(`${this.redirectUri}?${query}`), {
        pkceCodeVerifier: checks.verifier,
        expectedState: checks.state,
        expectedNonce: checks.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims) throw new TokenRefused('provider-refused', 'The provider sent no ID token.');
      return claims as VerifiedClaims;
    } catch (error) {
      if (error instanceof TokenRefused) throw error;
      const refusal = refusalOf(error);
      this.logger.warn(`OpenID sign-in refused (${refusal}): ${(error as Error).message}`);
      throw new TokenRefused(refusal, (error as Error).message);
    }
  }

  private required(): OidcSettings {
    if (!this.settings) throw new HttpProblem(404, 'oidc-not-configured', 'Single sign-on is not configured', 'This deployment has no OpenID provider (FIRSTHAND_OIDC_ISSUER).');
    return this.settings;
  }

  private configuration(): Promise<client.Configuration> {
    const settings = this.required();
    this.discovered ??= client
      .discovery(new URL(settings.issuer), settings.clientId, settings.clientSecret, undefined, {
        // Plain HTTP only reaches here for a loopback issuer (the config refuses it elsewhere).
        execute: [
          ...(new URL(settings.issuer).protocol === 'http:' ? [client.allowInsecureRequests] : []),
          client.enableNonRepudiationChecks,
        ],
        timeout: 10,
      })
      .catch((error: unknown) => {
        this.discovered = null;
        this.logger.error(`OpenID provider discovery failed at ${settings.issuer}: ${(error as Error).message}`);
        throw new HttpProblem(503, 'oidc-provider-unavailable', 'Identity provider unavailable', 'The identity provider cannot be reached; try again in a moment, or sign in with a password if allowed.', { retryAfterSeconds: 10 });
      });
    return this.discovered;
  }
}

/** openid-client wraps oauth4webapi's error (whose own cause names the claim): read the whole chain. */
function refusalOf(error: unknown): TokenRefusal {
  const chain: Array<{ code?: string; message?: string; claim?: string }> = [];
  for (let e = error as { code?: string; message?: string; cause?: unknown; claim?: string } | undefined; e && typeof e === 'object' && chain.length < 5; e = e.cause as typeof e) {
    chain.push(e);
  }
  const codes = chain.map((e) => e.code);
  const claim = chain.map((e) => e.claim).find((c) => typeof c === 'string') ?? chain.map((e) => /"(\w+)"/.exec(e.message ?? '')?.[1]).find(Boolean);
  const messages = chain.map((e) => e.message ?? '').join(' | ');
  if (codes.includes('OAUTH_JWT_TIMESTAMP_CHECK_FAILED')) return claim === 'exp' || claim === undefined ? 'token-expired' : 'provider-refused';
  if (codes.includes('OAUTH_JWT_CLAIM_COMPARISON_FAILED') || codes.includes('OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED')) {
    if (claim === 'iss') return 'wrong-issuer';
    if (claim === 'aud' || claim === 'azp') return 'wrong-audience';
    if (claim === 'nonce') return 'nonce-mismatch';
  }
  if (/signature/i.test(messages) || codes.includes('OAUTH_KEY_SELECTION_FAILED')) return 'bad-signature';
  return 'provider-refused';
}
