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

  private async count(key: string, windowMs: number): Promise<{ count: number; remainingMs: number } | null> {
    try {
      const [count, remainingMs] = (await this.redis.client.eval(COUNT_IN_WINDOW, 1, key, windowMs)) as [number, number];
      return { count, remainingMs };
    } catch (error) {
      this.logger.warn(`Request not counted (Redis): ${(error as Error).message}`);
      return null;
    }
  }
}

/** A 429 problem; the filter turns retryAfterSeconds into the Retry-After header. */
export function tooMany(code: string, title: string, detail: string, remainingMs: number): HttpProblem {
  const retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
  return new HttpProblem(429, code, title, `${detail} Try again in ${retryAfterSeconds} s.`, { retryAfterSeconds });
}
