import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { deriveKey } from './derived-keys.js';

/**
 * The customer's secret link to one ticket. Only its SHA-256 is stored. When the creation carried
 * an Idempotency-Key the token is derived from it with a server key, so a retried creation hands
 * back the same token without the database ever holding it.
 */
export class TrackingTokenCodec {
  private readonly key: Buffer;

  constructor(rootSecret: string) {
    this.key = deriveKey(rootSecret, 'tracking-tokens');
  }

  issue(idempotency?: { scope: string; key: string }): string {
    if (!idempotency) return randomBytes(32).toString('base64url');
    return createHmac('sha256', this.key).update(`${idempotency.scope}\n${idempotency.key}`).digest('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }

  matches(token: string, storedHash: string): boolean {
    const candidate = Buffer.from(this.hash(token), 'hex');
    const stored = Buffer.from(storedHash, 'hex');
    return candidate.length === stored.length && timingSafeEqual(candidate, stored);
  }
}
