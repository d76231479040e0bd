import { createHmac, timingSafeEqual } from 'node:crypto';
import { deriveKey } from '@firsthand/access';

/** Where the browser returns after signing in: fixed paths, never a URL from the request (no open redirect). */
export const SIGN_IN_APPS = { console: '/agent', supervisor: '/supervisor', admin: '/admin/login' } as const;
export type SignInApp = keyof typeof SIGN_IN_APPS;

/** One started sign-in: what the callback must see again (state, nonce) and the PKCE verifier only we know. */
export interface SignInFlow {
  state: string;
  nonce: string;
  verifier: string;
  app: SignInApp;
  /** Epoch ms after which the flow is refused. */
  expiresAt: number;
}

export const FLOW_COOKIE = 'fh_oidc_flow';
export const FLOW_TTL_SECONDS = 600;

/**
 * The flow travels in a signed, short-lived HttpOnly cookie scoped to the callback's path: no
 * server-side store, and a callback from another browser (login CSRF, a stolen redirect) carries no
 * cookie, so it cannot complete.
 */
export class SignInFlowSeal {
  private readonly key: Buffer;

  constructor(rootSecret: string) {
    this.key = deriveKey(rootSecret, 'sign-in-flows');
  }

  seal(flow: SignInFlow): string {
    const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
    return `${body}.${this.mac(body)}`;
  }

  /** The flow, or null when the cookie is missing, altered or expired. */
  open(sealed: string | null, now = Date.now()): SignInFlow | null {
    if (!sealed || sealed.length > 4096) return null;
    const [body, mac] = sealed.split('.');
    if (!body || !mac) return null;
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    try {
      const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as SignInFlow;
      if (typeof flow.expiresAt !== 'number' || flow.expiresAt < now || !Object.hasOwn(SIGN_IN_APPS, flow.app)) return null;
      return flow;
    } catch {
      return null;
    }
  }

  private mac(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

/** Constant-time string comparison for the state. */
export function sameValue(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
