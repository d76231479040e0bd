import { Inject, Injectable, Logger } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig, type RateRule } from '@firsthand/config';
import { RedisProbe } from '../health/redis-probe.js';
import { HttpProblem } from '../http/problem.js';

/**
 * One fixed window per key, started by its first request: count, set the expiry once, read what
 * is left of the window, in one round trip. Redis keeps the time, so API processes whose clocks
 * differ still share one window.
 */
const COUNT_IN_WINDOW = `
local n = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** How long a limit may hold a request up waiting for Redis; a limit is not worth more. */
const LIMIT_WAIT_MS = 1000;
/** After Redis failed to answer, limits are skipped for this long rather than each request waiting again. */
const SKIP_AFTER_FAILURE_MS = 5000;

export interface RateRefusal {
  code: string;
  title: string;
  /** Says who is limited and how much, for the problem's detail. */
  detail: (rule: RateRule) => string;
}

/**
 * The API's one request limiter, shared by every API process through Redis. When Redis cannot be
 * reached requests are let through: the limits protect against floods, and refusing every request
 * during an outage would be worse than letting a flood through for its length.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger('RateLimiter');
  private skipUntil = 0;

  constructor(
    readonly redis: RedisProbe,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** Redis key of one limit and subject, in this deployment's namespace. */
  key(name: string, subject: string): string {
    return `${this.config.queuePrefix}:limit:${name}:${subject}`;
  }

  /** Counts one request of `subject` against `rule`; throws 429 with the seconds to wait once the window's allowance is spent. */
  async take(name: string, subject: string, rule: RateRule, refusal: RateRefusal): Promise<void> {
    const counted = await this.count(this.key(name, subject), rule.windowSeconds * 1000);
    if (counted && counted.count > rule.limit) throw tooMany(refusal.code, refusal.title, refusal.detail(rule), counted.remainingMs);
  }

  /**
   * A script run on Redis for a limit, or null when Redis did not answer within `LIMIT_WAIT_MS`.
   * After a failure the limits stand aside for a few seconds, so that during an outage (or a hung
   * Redis) only the first requests wait, and a request with several limits waits once at most.
   */
  async evaluate<T>(script: string, keys: string[], args: Array<string | number>, what: string): Promise<T | null> {
    if (Date.now() < this.skipUntil) return null;
    let timer: NodeJS.Timeout | undefined;
    try {
      const answer = this.redis.client.eval(script, keys.length, ...keys, ...args) as Promise<T>;
      const late = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${LIMIT_WAIT_MS} ms`)), LIMIT_WAIT_MS);
      });
      return await Promise.race([answer, late]);
    } catch (error) {
      this.skipUntil = Date.now() + SKIP_AFTER_FAILURE_MS;
      this.logger.warn(`${what} (Redis: ${(error as Error).message}); limits stand aside for ${SKIP_AFTER_FAILURE_MS / 1000} s`);
      return null;
    } finally {
      clearTimeout(timer);
    }
  }

  private async count(key: string, windowMs: number): Promise<{ count: number; remainingMs: number } | null> {
    const answer = await this.evaluate<[number, number]>(COUNT_IN_WINDOW, [key], [windowMs], 'Request not counted');
    return answer ? { count: answer[0], remainingMs: answer[1] } : null;
  }
}

/** A 429 problem; the filter turns retryAfterSeconds into the Retry-After header. */
export function tooMany(code: string, title: string, detail: string, remainingMs: number): HttpProblem {
  const retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new HttpProblem(429, code, title, `${detail} Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}
