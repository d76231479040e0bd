import { isIP } from 'node:net';
import type { EnvReader } from './env-reader.js';

/** How many requests one subject (an address, an account, a ticket) may make in a window. */
export interface RateRule {
  limit: number;
  windowSeconds: number;
}

/**
 * The API's request limits, counted in Redis so every API process shares them. Tests and the demo
 * raise or lower them through the environment; the defaults suit one helpdesk behind one proxy.
 */
export interface LimitSettings {
  /** The generous ceiling on every /api request from one client address. */
  apiPerAddress: RateRule;
  /** Tickets opened without an account (the new-issue form) from one address. */
  openTicketsPerAddress: RateRule;
  /** Customer replies on one ticket, and from one address over all tickets. */
  customerRepliesPerTicket: RateRule;
  customerRepliesPerAddress: RateRule;
  /** Uploads from one address, or from one signed-in agent. */
  uploadsPerClient: RateRule;
  login: LoginThrottleSettings;
  /** Article suggestions as a customer types (the new-issue form), and "this answered my question", from one address. */
  articleSuggestionsPerAddress: RateRule;
  deflectionsPerAddress: RateRule;
  /** Held mails one supervisor takes in: each opens or continues a ticket and may answer the sender by email. */
  mailTakeInsPerAgent: RateRule;
}

/**
 * Failed sign-ins, counted three ways. Past a count's free failures each failure makes the next
 * attempt wait 1 s, 2 s, 4 s ...; `lockAfter` failures lock for `lockSeconds`.
 * - `accountFromAddress`: one account from one client address (someone guessing from one place);
 * - `address`: one client address over all accounts;
 * - `account`: one account from all addresses (guessing spread over many). This one never locks: its
 *   wait stops growing at `maxDelaySeconds`, and it does not apply to an address that completed a
 *   sign-in to the account in the last `knownAddressDays`. Strangers rotating addresses are slowed
 *   to one guess per `maxDelaySeconds`, and cannot keep the owner out: wherever she signed in before,
 *   only the two other counts apply, and those only to the attacker's own addresses.
 * Codes (a second factor at sign-in, turning it off) can be tried only by someone past the password or
 * signed in, who cannot be a stranger locking the owner out: their count per account locks like
 * `accountFromAddress`, from every address.
 */
export interface LoginThrottleSettings {
  accountFromAddress: { freeFailures: number; lockAfter: number };
  address: { freeFailures: number; lockAfter: number };
  account: { freeFailures: number; maxDelaySeconds: number };
  lockSeconds: number;
  /** How long a failure is remembered (for the account count: since its last failure). */
  failureWindowSeconds: number;
  knownAddressDays: number;
}

export function limitSettings(read: EnvReader, uploadsPerMinute: number): LimitSettings {
  const login: LoginThrottleSettings = {
    accountFromAddress: {
      freeFailures: read.int('FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_FREE_FAILURES', 5, 0, 1000),
      lockAfter: read.int('FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER', 10, 1, 100_000),
    },
    address: {
      freeFailures: read.int('FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES', 20, 0, 100_000),
      lockAfter: read.int('FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER', 50, 1, 1_000_000),
    },
    account: {
      freeFailures: read.int('FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES', 10, 0, 100_000),
      maxDelaySeconds: read.int('FIRSTHAND_LOGIN_ACCOUNT_MAX_DELAY_SECONDS', 30, 1, 3600),
    },
    lockSeconds: read.int('FIRSTHAND_LOGIN_LOCK_SECONDS', 120, 1, 86_400),
    failureWindowSeconds: read.int('FIRSTHAND_LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
    knownAddressDays: read.int('FIRSTHAND_LOGIN_KNOWN_ADDRESS_DAYS', 30, 1, 365),
  };
  for (const [who, rule] of [['ACCOUNT_ADDRESS', login.accountFromAddress], ['ADDRESS', login.address]] as const) {
    if (rule.lockAfter <= rule.freeFailures) {
      read.problems.push(`FIRSTHAND_LOGIN_${who}_LOCK_AFTER must be more than FIRSTHAND_LOGIN_${who}_FREE_FAILURES`);
    }
  }
  // The account-wide lock is gone (it let anyone lock an agent out): a setting for it must not pass unnoticed.
  if (read.optionalString('FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER') !== undefined) {
    read.problems.push('FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER is no longer read: one account is locked per client address (FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER), and over all addresses only slowed (FIRSTHAND_LOGIN_ACCOUNT_MAX_DELAY_SECONDS)');
  }
  return {
    apiPerAddress: { limit: read.int('FIRSTHAND_LIMIT_API_PER_ADDRESS_PER_MINUTE', 1200, 1, 10_000_000), windowSeconds: 60 },
    openTicketsPerAddress: { limit: read.int('FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR', 20, 1, 10_000_000), windowSeconds: 3600 },
    customerRepliesPerTicket: { limit: read.int('FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_TICKET_PER_HOUR', 30, 1, 10_000_000), windowSeconds: 3600 },
    customerRepliesPerAddress: { limit: read.int('FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_ADDRESS_PER_HOUR', 120, 1, 10_000_000), windowSeconds: 3600 },
    uploadsPerClient: { limit: uploadsPerMinute, windowSeconds: 60 },
    login,
    articleSuggestionsPerAddress: { limit: read.int('FIRSTHAND_LIMIT_ARTICLE_SUGGESTIONS_PER_ADDRESS_PER_MINUTE', 60, 1, 10_000_000), windowSeconds: 60 },
    deflectionsPerAddress: { limit: read.int('FIRSTHAND_LIMIT_DEFLECTIONS_PER_ADDRESS_PER_HOUR', 30, 1, 10_000_000), windowSeconds: 3600 },
    mailTakeInsPerAgent: { limit: read.int('FIRSTHAND_LIMIT_MAIL_TAKE_INS_PER_AGENT_PER_HOUR', 200, 1, 10_000_000), windowSeconds: 3600 },
  };
}

const PROXY_PRESETS = ['loopback', 'linklocal', 'uniquelocal'];

/**
 * FIRSTHAND_TRUSTED_PROXIES: the peers whose X-Forwarded-For/-Host/-Proto are believed. Addresses,
 * CIDR ranges or the presets loopback, linklocal, uniquelocal, comma-separated; "none" trusts no one.
 */
export function trustedProxies(read: EnvReader): string[] {
  const raw = read.optionalString('FIRSTHAND_TRUSTED_PROXIES') ?? 'loopback';
  if (raw.toLowerCase() === 'none') return [];
  const entries = raw.split(',').map((e) => e.trim()).filter(Boolean);
  for (const entry of entries) {
    const [address, bits, extra] = entry.split('/');
    const family = isIP(address);
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (!PROXY_PRESETS.includes(entry) && (family === 0 || !validBits || extra !== undefined)) {
      read.problems.push(`FIRSTHAND_TRUSTED_PROXIES must list addresses, CIDR ranges, ${PROXY_PRESETS.join(', ')} or be "none", got "${entry}"`);
    }
  }
  return entries;
}
