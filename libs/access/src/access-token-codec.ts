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

/** Agent access tokens (HS256 JWT), issued by the API and checked by the API and every gateway. */
export class AccessTokenCodec {
  private readonly jwt: JwtService;

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
    try {
      const claims = await this.jwt.verifyAsync<AccessTokenClaims>(token);
      // Tokens without a session (issued before sessions existed) cannot be revoked, so they are refused.
      return typeof claims.sub === 'string' && typeof claims.sid === 'string' ? claims : null;
    } catch {
      return null;
    }
  }
}
