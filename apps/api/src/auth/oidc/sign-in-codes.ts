import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { RedisProbe } from '../../health/redis-probe.js';
import { HttpProblem } from '../../http/problem.js';

/** What a callback decided, waiting for the browser to collect it. */
export interface PendingSignIn {
  agentId: string;
  ip: string;
  userAgent: string | null;
}

const CODE_TTL_SECONDS = 60;

/**
 * One-time codes between the provider's callback and the web app: the callback puts a code, never a
 * token, in the URL fragment (not sent to servers, not in access logs); the app trades it once by
 * POST within a minute. Only the code's SHA-256 is a Redis key, and GETDEL makes a second use fail.
 */
@Injectable()
export class SignInCodes {
  constructor(
    private readonly redis: RedisProbe,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  async put(pending: PendingSignIn): Promise<string> {
    const code = randomBytes(32).toString('base64url');
    try {
      await this.redis.client.set(this.key(code), JSON.stringify(pending), 'EX', CODE_TTL_SECONDS);
    } catch {
      throw unavailable();
    }
    return code;
  }

  /** The pending sign-in, once; null for an unknown, used or expired code. */
  async take(code: string): Promise<PendingSignIn | null> {
    let raw: string | null;
    try {
      raw = await this.redis.client.getdel(this.key(code));
    } catch {
      throw unavailable();
    }
    return raw ? (JSON.parse(raw) as PendingSignIn) : null;
  }

  private key(code: string): string {
    return `${this.config.queuePrefix}:oidc-code:${createHash('sha256').update(code).digest('hex')}`;
  }
}

const unavailable = () => new HttpProblem(503, 'sign-in-unavailable', 'Sign-in unavailable', 'Sign-in codes cannot be kept or read now (Redis); sign in again in a moment.', { retryAfterSeconds: 5 });
