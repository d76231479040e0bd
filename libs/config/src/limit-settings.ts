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
}

/**
 * Failed sign-ins: the first `freeFailures` cost nothing, each later one makes the next attempt wait
 * (1 s, 2 s, 4 s ...), and `lockAfter` failures lock for `lockSeconds`. Kept short, and a success
 * clears the account, so an attacker cannot keep a victim out for long.
 */
export interface LoginThrottleSettings {
  account: { freeFailures: number; lockAfter: number };
  address: { freeFailures: number; lockAfter: number };
  lockSeconds: number;
  /** How long a failure is remembered. */
  failureWindowSeconds: number;
}

export function limitSettings(read: EnvReader, uploadsPerMinute: number): LimitSettings {
  const login = {
    account: {
      freeFailures: read.int('FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES', 5, 0, 1000),
      lockAfter: read.int('FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER', 10, 1, 100_000),
    },
    address: {
      freeFailures: read.int('FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES', 20, 0, 100_000),
      lockAfter: read.int('FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER', 50, 1, 1_000_000),
    },
    lockSeconds: read.int('FIRSTHAND_LOGIN_LOCK_SECONDS', 120, 1, 86_400),
    failureWindowSeconds: read.int('FIRSTHAND_LOGIN_FAILURE_WINDOW_SECONDS', 900, 1, 86_400),
  };
  for (const [who, rule] of Object.entries(login)) {
    if (typeof rule === 'object' && rule.lockAfter <= rule.freeFailures) {
      read.problems.push(`FIRSTHAND_LOGIN_${who.toUpperCase()}_LOCK_AFTER must be more than FIRSTHAND_LOGIN_${who.toUpperCase()}_FREE_FAILURES`);
    }
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
