/** What a secret's value becomes in the audit log. */
export const MASKED = '•••';

/**
 * Keys whose values are secrets whatever their shape: password hashes, webhook and client secrets,
 * TOTP secrets and recovery codes, tokens of any kind, API keys. Matched on the key name, in any
 * case and with `_`/`-` ignored, so `password_hash`, `webhookSecret` and `X-Api-Key` all match.
 */
const SECRET_KEY = /(password|passwd|secret|token|totp|recoverycode|apikey|privatekey|credential|otp$|hash$)/;

export function isSecretKey(key: string): boolean {
  return SECRET_KEY.test(key.toLowerCase().replace(/[_\-\s]/g, ''));
}

const MAX_DEPTH = 8;

/**
 * A copy of `value` safe to keep in the audit log: every value under a secret key becomes "•••"
 * (null and absent stay as they are, so "a secret was set" and "none" still differ). Dates become
 * ISO strings; anything deeper than 8 levels is cut, so a hostile body cannot make a huge entry.
 */
export function maskSecrets(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value !== 'object') return typeof value === 'bigint' ? value.toString() : value;
  if (depth >= MAX_DEPTH) return MASKED;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
    if (item === undefined) continue;
    copy[key] = isSecretKey(key) && item !== null ? MASKED : maskSecrets(item, depth + 1);
  }
  return copy;
}
