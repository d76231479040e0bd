import { createHmac } from 'node:crypto';

/** One root secret, separate keys per purpose: leaking a derived key exposes only its use. */
export function deriveKey(rootSecret: string, purpose: 'access-tokens' | 'tracking-tokens' | 'webhook-secrets' | 'sign-in-flows' | 'second-factor-secrets' | 'oauth2-refresh-tokens'): Buffer {
  return createHmac('sha256', rootSecret).update(`firsthand:${purpose}`).digest();
}
