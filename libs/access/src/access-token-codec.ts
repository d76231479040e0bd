import { createSecretKey } from 'node:crypto';
import { JwtService } from '@nestjs/jwt';
import { deriveKey } from './derived-keys.js';

export interface AccessTokenClaims {
  sub: string;
  role: string;
  /** The server-side session (agent_sessions): the token is good only while it is live. */
  sid: string;
  /** 'enrolment': the holder must enrol a second factor first, and may do nothing else. */
  scope?: 'enrolment';
}

/** Verified tokens held per process; past it they are all forgotten (and verified again). */
const MAX_HELD_TOKENS = 10_000;

/** Agent access tokens (HS256 JWT), issued by the API and checked by the API and every gateway. */
export class AccessTokenCodec {
  private readonly jwt: JwtService;
  /**
   * Tokens this process verified, by their exact text, with their claims and expiry: an agent sends
   * the same token with every request, and verifying it (decode, HMAC, claim checks) was a tenth of
   * a ticket read's CPU. Only a verified token's own text finds its entry, and the entry ends at
   * the token's `exp`; whether its session is still live is checked per request elsewhere.
   */
  private readonly verified = new Map<string, { claims: AccessTokenClaims; expiresAtMs: number }>();

  constructor(rootSecret: string, ttlSeconds: number) {
    this.jwt = new JwtService({
      // A KeyObject made once: given a string, jsonwebtoken first tries it as a PEM public key (a
      // thrown error) and then builds a secret key, about 0.9 ms on every verify. The key bytes are
      // the UTF-8 of the base64 text, as before, so issued tokens stay valid.
      secret: createSecretKey(Buffer.from(deriveKey(rootSecret, 'access-tokens').toString('base64'), 'utf8')),
      signOptions: { algorithm: 'HS256', expiresIn: ttlSeconds, issuer: 'firsthand' },
      verifyOptions: { algorithms: ['HS256'], issuer: 'firsthand' },
    });
  }

  issue(claims: AccessTokenClaims): Promise<string> {
    return this.jwt.signAsync({ ...claims });
  }

  /** Null for anything that is not a valid, unexpired token of ours. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    const held = this.verified.get(token);
    if (held) {
      // The same moment jsonwebtoken calls expired: its clock in whole seconds reaching `exp`.
      if (Math.floor(Date.now() / 1000) * 1000 < held.expiresAtMs) return held.claims;
      this.verified.delete(token);
      return null;
    }
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token);
      // Tokens without a session (issued before sessions existed) cannot be revoked, so they are refused.
      if (typeof claims.sub !== 'string' || typeof claims.sid !== 'string') return null;
      if (typeof claims.exp === 'number') {
        if (this.verified.size >= MAX_HELD_TOKENS) this.verified.clear();
        // Frozen: one object answers every request with this token.
        this.verified.set(token, { claims: Object.freeze(claims), expiresAtMs: claims.exp * 1000 });
      }
      return claims;
    } catch {
      return null;
    }
  }
}
