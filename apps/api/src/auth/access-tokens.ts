import { Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import type { AccessTokenClaims } from './authenticated-agent.js';
import { deriveKey } from './derived-keys.js';

@Injectable()
export class AccessTokens {
  private readonly jwt: JwtService;

  constructor(@Inject(FIRSTHAND_CONFIG) config: FirsthandConfig) {
    this.jwt = new JwtService({
      secret: deriveKey(config.secret, 'access-tokens').toString('base64'),
      signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds, issuer: 'firsthand' },
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
      return typeof claims.sub === 'string' ? claims : null;
    } catch {
      return null;
    }
  }
}
