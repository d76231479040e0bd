import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { deriveKey } from './derived-keys.js';

/**
 * Secrets the server must use again (webhook signing keys) are stored sealed with AES-256-GCM under
 * a key derived from the root secret: a database dump alone does not let anyone sign as us.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(rootSecret: string, purpose: 'webhook-secrets' | 'second-factor-secrets' | 'oauth2-refresh-tokens' = 'webhook-secrets') {
    this.key = deriveKey(rootSecret, purpose);
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const sealed = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), sealed.toString('base64url')].join('.');
  }

  open(box: string): string {
    const [version, iv, tag, sealed] = box.split('.');
    if (version !== 'v1' || !iv || !tag || sealed === undefined) throw new Error('Not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(sealed, 'base64url')), decipher.final()]).toString('utf8');
  }
}
