import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { RateLimiter, tooMany } from './rate-limiter.js';

/**
 * One sign-in attempt, decided atomically so parallel guesses cannot slip past a wait: refused while
 * the account or the address must wait; otherwise counted as a failure up front (undone on success)
 * and, past the free failures, the next attempt is made to wait 1 s, 2 s, 4 s ... up to the lock.
 * KEYS: account failures, account wait, address failures, address wait.
 * ARGV: window ms, lock ms, account free, account lock-after, address free, address lock-after.
 * Returns {0, ms to wait} when refused, {1, address wait set (0|1)} when let through.
 */
const BEGIN_ATTEMPT = `
local waitAccount = redis.call('PTTL', KEYS[2])
local waitAddress = redis.call('PTTL', KEYS[4])
if waitAccount > 0 or waitAddress > 0 then return {0, math.max(waitAccount, waitAddress)} end
local windowMs, lockMs = tonumber(ARGV[1]), tonumber(ARGV[2])
local function fail(key)
  local n = redis.call('INCR', key)
  if n == 1 then redis.call('PEXPIRE', key, windowMs) end
  return n
end
local function wait(n, free, lockAfter)
  if n >= lockAfter then return lockMs end
  if n <= free then return 0 end
  return math.min(1000 * 2 ^ (n - free - 1), lockMs)
end
local accountWait = wait(fail(KEYS[1]), tonumber(ARGV[3]), tonumber(ARGV[4]))
local addressWait = wait(fail(KEYS[3]), tonumber(ARGV[5]), tonumber(ARGV[6]))
if accountWait > 0 then redis.call('SET', KEYS[2], '1', 'PX', accountWait) end
if addressWait > 0 then redis.call('SET', KEYS[4], '1', 'PX', addressWait) end
return {1, addressWait > 0 and 1 or 0}`;

/** A success clears the account, and takes back only its own count (and wait) from the address. */
const SUCCEED = `
redis.call('DEL', KEYS[1], KEYS[2])
if tonumber(redis.call('GET', KEYS[3]) or '0') > 0 then redis.call('DECR', KEYS[3]) end
if ARGV[1] == '1' then redis.call('DEL', KEYS[4]) end
return 1`;

export interface LoginAttempt {
  /** Call once the password was right. */
  succeeded(): Promise<void>;
}

/** Progressive delay, then a short lock, for failed sign-ins per account and per client address. */
@Injectable()
export class LoginThrottle {

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** Throws 429 with Retry-After while the account or the address must wait; otherwise the attempt counts as failed unless `succeeded()` is called. */
  async begin(email: string, address: string): Promise<LoginAttempt> {
    const { login } = this.config.limits;
    const account = email.trim().toLowerCase();
    const keys = [
      this.limiter.key('login-failures', `account:${account}`),
      this.limiter.key('login-wait', `account:${account}`),
      this.limiter.key('login-failures', `address:${address}`),
      this.limiter.key('login-wait', `address:${address}`),
    ];
    const outcome = await this.limiter.evaluate<[number, number]>(
      BEGIN_ATTEMPT,
      keys,
      [login.failureWindowSeconds * 1000, login.lockSeconds * 1000, login.account.freeFailures, login.account.lockAfter, login.address.freeFailures, login.address.lockAfter],
      'Sign-in not throttled',
    );
    if (!outcome) return { succeeded: async () => undefined };
    if (outcome[0] === 0) {
      throw tooMany('login-throttled', 'Too many failed sign-ins', 'Too many failed sign-ins for this account or from this address.', outcome[1]);
    }
    const addressWaitSet = String(outcome[1]);
    return {
      succeeded: async () => void (await this.limiter.evaluate(SUCCEED, keys, [addressWaitSet], 'Sign-in success not recorded')),
    };
  }
}
