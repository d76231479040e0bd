import { Inject, Injectable } from '@nestjs/common';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { RateLimiter, tooMany } from './rate-limiter.js';

/**
 * One attempt, decided atomically so parallel guesses cannot slip past a wait: refused while the
 * account from this address, the address, or the account must wait (the account's wait spares an
 * address it lists as known); otherwise counted as a failure up front (taken back on success) and,
 * past the free failures, the next attempt is made to wait 1 s, 2 s, 4 s ... up to the lock, or for
 * the account up to its longest wait. The account's count is forgotten only after a quiet window,
 * so a steady trickle of guesses never earns the free ones back.
 * KEYS: failures and wait of the account from the address, of the address, of the account; the account's known addresses.
 * ARGV: window ms, lock ms, free and lock-after of the account from the address, of the address,
 *       of the account (lock-after 0: never), the account's longest wait ms, spare known addresses (1|0), address, now ms.
 * Returns {0, ms to wait} when refused, {1, address wait set (0|1), account wait set (0|1)} when let through.
 */
const BEGIN_ATTEMPT = `
local windowMs, lockMs = tonumber(ARGV[1]), tonumber(ARGV[2])
local known = ARGV[10] == '1' and tonumber(redis.call('ZSCORE', KEYS[7], ARGV[11]) or '0') > tonumber(ARGV[12])
local waitPair, waitAddress, waitAccount = redis.call('PTTL', KEYS[2]), redis.call('PTTL', KEYS[4]), redis.call('PTTL', KEYS[6])
local longest = math.max(waitPair, waitAddress, known and 0 or waitAccount)
if longest > 0 then return {0, longest} end
local function fail(key, sliding)
  local n = redis.call('INCR', key)
  if n == 1 or sliding then redis.call('PEXPIRE', key, windowMs) end
  return n
end
local function wait(n, free, lockAfter, longestMs)
  if lockAfter > 0 and n >= lockAfter then return lockMs end
  if n <= free then return 0 end
  return math.min(1000 * 2 ^ (n - free - 1), longestMs)
end
local pairWait = wait(fail(KEYS[1], false), tonumber(ARGV[3]), tonumber(ARGV[4]), lockMs)
local addressWait = wait(fail(KEYS[3], false), tonumber(ARGV[5]), tonumber(ARGV[6]), lockMs)
local accountWait = wait(fail(KEYS[5], true), tonumber(ARGV[7]), tonumber(ARGV[8]), tonumber(ARGV[9]))
-- A known address passing a wait it is spared leaves that wait alone: its success would otherwise end the attacker's.
if waitAccount > 0 then accountWait = 0 end
if pairWait > 0 then redis.call('SET', KEYS[2], '1', 'PX', pairWait) end
if addressWait > 0 then redis.call('SET', KEYS[4], '1', 'PX', addressWait) end
if accountWait > 0 then redis.call('SET', KEYS[6], '1', 'PX', accountWait) end
return {1, addressWait > 0 and 1 or 0, accountWait > 0 and 1 or 0}`;

/** Addresses remembered per account: an agent signs in from a few places; more would only grow the key. */
const KNOWN_ADDRESSES_KEPT = 20;

/**
 * A success clears the account from this address, takes back only its own count (and wait) from the
 * address and the account, and, for a completed sign-in, remembers the address as known to the account.
 * ARGV: address wait set, account wait set, remember (1|0), address, now ms, known for ms.
 */
const SUCCEED = `
redis.call('DEL', KEYS[1], KEYS[2])
local function takeBack(failures, wait, setByThis)
  if tonumber(redis.call('GET', failures) or '0') > 0 then redis.call('DECR', failures) end
  if setByThis == '1' then redis.call('DEL', wait) end
end
takeBack(KEYS[3], KEYS[4], ARGV[1])
takeBack(KEYS[5], KEYS[6], ARGV[2])
if ARGV[3] == '1' then
  local now, knownMs = tonumber(ARGV[5]), tonumber(ARGV[6])
  redis.call('ZADD', KEYS[7], now + knownMs, ARGV[4])
  redis.call('ZREMRANGEBYSCORE', KEYS[7], '-inf', now)
  redis.call('ZREMRANGEBYRANK', KEYS[7], 0, -${KNOWN_ADDRESSES_KEPT + 1})
  redis.call('PEXPIRE', KEYS[7], knownMs)
end
return 1`;

/**
 * Who can make the attempt. A password sign-in: anyone. A code (the second factor at sign-in, or
 * turning it off): only someone past the password or signed in, so its account count may lock the
 * account everywhere without letting a stranger keep the owner out.
 */
export type AttemptBy = 'anyone' | 'credential-holder';

export interface LoginAttempt {
  /** Call once the password or code was right; `signedIn` when this completed a sign-in (the address becomes known to the account). */
  succeeded(outcome?: { signedIn: boolean }): Promise<void>;
}

/**
 * Progressive delay, then a short lock, for failed sign-ins of one account from one address and of
 * one address; for one account over all addresses, a delay that stops growing and spares the
 * addresses it signed in from (LoginThrottleSettings says why).
 */
@Injectable()
export class LoginThrottle {

  constructor(
    private readonly limiter: RateLimiter,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
  ) {}

  /** Throws 429 with Retry-After while a wait applies; otherwise the attempt counts as failed unless `succeeded()` is called. */
  async begin(email: string, address: string, by: AttemptBy = 'anyone'): Promise<LoginAttempt> {
    const { login } = this.config.limits;
    const account = email.trim().toLowerCase();
    const accountCount = by === 'anyone' ? 'account' : 'account-codes';
    const keys = [
      this.limiter.key('login-failures', `account-address:${account}:${address}`),
      this.limiter.key('login-wait', `account-address:${account}:${address}`),
      this.limiter.key('login-failures', `address:${address}`),
      this.limiter.key('login-wait', `address:${address}`),
      this.limiter.key('login-failures', `${accountCount}:${account}`),
      this.limiter.key('login-wait', `${accountCount}:${account}`),
      this.limiter.key('login-known', `account:${account}`),
    ];
    const accountRule = by === 'anyone'
      ? [login.account.freeFailures, 0, login.account.maxDelaySeconds * 1000, 1]
      : [login.accountFromAddress.freeFailures, login.accountFromAddress.lockAfter, login.lockSeconds * 1000, 0];
    const outcome = await this.limiter.evaluate<[number, number, number?]>(
      BEGIN_ATTEMPT,
      keys,
      [
        login.failureWindowSeconds * 1000, login.lockSeconds * 1000,
        login.accountFromAddress.freeFailures, login.accountFromAddress.lockAfter, login.address.freeFailures, login.address.lockAfter,
        ...accountRule, address, Date.now(),
      ],
      'Sign-in not throttled',
    );
    if (!outcome) return { succeeded: async () => undefined };
    if (outcome[0] === 0) {
      throw tooMany('login-throttled', 'Too many failed sign-ins', 'Too many failed sign-ins for this account or from this address.', outcome[1]);
    }
    const [, addressWaitSet, accountWaitSet] = outcome;
    return {
      succeeded: async ({ signedIn } = { signedIn: false }) => void (await this.limiter.evaluate(
        SUCCEED,
        keys,
        [addressWaitSet, accountWaitSet ?? 0, signedIn ? 1 : 0, address, Date.now(), login.knownAddressDays * 86_400_000],
        'Sign-in success not recorded',
      )),
    };
  }
}
