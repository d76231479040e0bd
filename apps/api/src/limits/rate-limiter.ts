import { performance } from 'node:perf_hooks';
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

/**
 * The same window, but taking `ARGV[2]` requests at once (a lease): answers the count after the
 * lease and the window's remaining milliseconds. The caller keeps what fits under the limit.
 */
const LEASE_IN_WINDOW = `
local n = redis.call('INCRBY', KEYS[1], ARGV[2])
local ttl = redis.call('PTTL', KEYS[1])
if ttl < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]); ttl = tonumber(ARGV[1]) end
return {n, ttl}`;

/** A lease used up within this long grows (doubles) for the next one; a slower one goes back to a single request. */
const BUSY_LEASE_MS = 1000;
/** A busy client's next lease is taken in the background once this share of the current one is left. */
const REFILL_AT_SHARE = 0.25;
/** Leases are at most this many requests, and at most a fiftieth of the limit: small limits stay exact. */
const MAX_LEASE = 64;
/** Subjects held per process; past it the leases are forgotten (their unused requests are lost, never added). */
const MAX_LEASED_SUBJECTS = 10_000;

interface Lease {
  /** Requests this process may still let through in the window without asking Redis. */
  left: number;
  /** When the window ends (performance.now() clock), and when this lease was taken. */
  windowEnds: number;
  takenAt: number;
  /** The size of the next lease. */
  next: number;
  /** Set once the window's count passed the limit: once `left` is used, every request is refused until the window ends. */
  refused: boolean;
}

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
  private readonly leases = new Map<string, Lease>();
  private readonly leasing = new Map<string, Promise<number | null>>();

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
   * `take` for a limit counted on every request (the per-address API ceiling): this process takes
   * several requests of the shared window from Redis at once while they are used quickly, and
   * answers the rest from memory, so a busy client costs a Redis round trip per lease rather than
   * per request. The shared limit still holds across processes: a lease is counted in Redis when it
   * is taken, and only the part that fits under the limit is granted; what a process leased and did
   * not use is lost to the client (never more than the limit, at worst a little less). Once the
   * window is spent, refusals come from memory until it ends. A quiet client leases one request at
   * a time, which is exactly `take`. A busy client's next lease is taken before the current one runs
   * out, and a new window starts at the size the last one reached: its requests do not queue behind
   * a Redis round trip each time a lease ends (under load that queue was tens of milliseconds).
   */
  async takeLeased(name: string, subject: string, rule: RateRule, refusal: RateRefusal): Promise<void> {
    const key = this.key(name, subject);
    // Requests arriving while a lease is being taken wait for it rather than each taking one (a few
    // times at most: under a burst the next lease is bigger).
    for (let waits = 0; ; waits++) {
      if (this.fromLease(key, rule, refusal)) return;
      const pending = this.leasing.get(key);
      if (!pending || waits === 3) break;
      await pending;
    }
    const taking = this.lease(key, rule);
    this.leasing.set(key, taking);
    let refusedForMs: number | null;
    try {
      refusedForMs = await taking;
    } finally {
      if (this.leasing.get(key) === taking) this.leasing.delete(key);
    }
    if (refusedForMs !== null) throw tooMany(refusal.code, refusal.title, refusal.detail(rule), refusedForMs);
  }

  /**
   * The part of `takeLeased` that needs no Redis: true when this process's lease lets the request
   * through (one used), a 429 thrown while the window is spent, false when `takeLeased` must be
   * awaited. Lets a hook pass a request without a promise.
   */
  takeHeld(name: string, subject: string, rule: RateRule, refusal: RateRefusal): boolean {
    return this.fromLease(this.key(name, subject), rule, refusal);
  }

  /** True when the lease lets this request through (one used); throws while the window is spent; false when a new lease is needed. */
  private fromLease(key: string, rule: RateRule, refusal: RateRefusal): boolean {
    const now = performance.now();
    const lease = this.leases.get(key);
    if (!lease || lease.windowEnds <= now) return false;
    if (lease.left > 0) {
      lease.left--;
      if (lease.next > 1 && lease.left <= lease.next * REFILL_AT_SHARE && !lease.refused && !this.leasing.has(key)) this.refill(key, rule);
      return true;
    }
    if (lease.refused) throw tooMany(refusal.code, refusal.title, refusal.detail(rule), lease.windowEnds - now);
    return false;
  }

  /** The next lease, taken while the current one still lets requests through; they do not wait for it. */
  private refill(key: string, rule: RateRule): void {
    const taking = this.lease(key, rule, false).catch(() => null);
    this.leasing.set(key, taking);
    void taking.finally(() => {
      if (this.leasing.get(key) === taking) this.leasing.delete(key);
    });
  }

  /**
   * Takes a lease from Redis: null when it lets the asking request through (or Redis did not
   * answer), else the window's remaining ms. A refill (`forRequest` false) keeps every granted request.
   */
  private async lease(key: string, rule: RateRule, forRequest = true): Promise<number | null> {
    const before = this.leases.get(key);
    const now = performance.now();
    const cap = Math.max(1, Math.min(MAX_LEASE, Math.floor(rule.limit / 50)));
    // Busy means the last lease was taken less than BUSY_LEASE_MS ago, in this window or the one before.
    const size = before ? Math.min(cap, now - before.takenAt < BUSY_LEASE_MS ? before.next * 2 : 1) : 1;
    const answer = await this.evaluate<[number, number]>(LEASE_IN_WINDOW, [key], [rule.windowSeconds * 1000, size], 'Request not counted');
    if (!answer) return null;
    const [count, remainingMs] = answer;
    const granted = Math.max(0, size - Math.max(0, count - rule.limit));
    // Leases taken side by side in one window add up: each was counted in Redis.
    const held = this.leases.get(key);
    const left = (held && held.windowEnds > performance.now() ? held.left : 0) + Math.max(0, granted - (forRequest ? 1 : 0));
    if (this.leases.size >= MAX_LEASED_SUBJECTS && !held) this.leases.clear();
    // The window is taken to end `remainingMs` after the question was sent: never later than Redis's own end.
    this.leases.set(key, { left, windowEnds: now + remainingMs, takenAt: now, next: size, refused: granted === 0 });
    return granted > 0 ? null : remainingMs;
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
