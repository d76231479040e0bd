/**
 * How a mailbox that takes no passwords (Microsoft 365, Gmail) lets the poller in: OAuth2 access
 * tokens from the provider's token endpoint, either for the application itself (client credentials,
 * Microsoft 365's app-only access) or on behalf of the mailbox's user (a refresh token).
 */
export interface OAuth2ClientSettings {
  /** The provider's token endpoint: https, or http only on a loopback address. */
  tokenUrl: string;
  clientId: string;
  clientSecret?: string | null;
  /** Given: the refresh_token grant. Absent: the client_credentials grant. */
  refreshToken?: string | null;
  /** e.g. `https://outlook.office365.com/.default` for Microsoft 365's client credentials. */
  scope?: string | null;
}

/**
 * The token endpoint refused, or answered something that is not a token: the message says which,
 * without secrets. `temporary`: it could not be reached, or said "not now" (429, 5xx), so asking
 * again later may work; otherwise the client's setup is wrong (invalid_client, invalid_grant…).
 */
export class OAuth2TokenRefused extends Error {
  constructor(
    message: string,
    readonly temporary = false,
  ) {
    super(message);
    this.name = 'OAuth2TokenRefused';
  }
}

const LOOPBACK = new Set(['127.0.0.1', '[::1]', 'localhost']);

/** Throws when the URL could carry the client's secret in the clear to another machine. */
export function checkTokenUrl(tokenUrl: string): URL {
  let url: URL;
  try {
    url = new URL(tokenUrl);
  } catch {
    throw new OAuth2TokenRefused('the token URL is not a URL');
  }
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.has(url.hostname))) return url;
  throw new OAuth2TokenRefused('the token URL must be https (http only on a loopback address): the request carries the client secret');
}

/**
 * Where a refresh token the endpoint rotates is kept beyond this process (PostgreSQL, sealed), so a
 * restart does not go back to the configured one, which a provider may have let expire or revoked
 * since (Microsoft's last 90 days; stricter ones revoke it at its first reuse). It must not throw:
 * a keeper that cannot read or write leaves the token source with what it holds in memory.
 */
export interface RefreshTokenKeeper {
  /** The latest rotated refresh token kept for this client (another process may have rotated it), or null. */
  load(): Promise<string | null>;
  save(refreshToken: string): Promise<void>;
  /**
   * Runs one refresh (load, ask the endpoint, save) while no other process refreshes this client,
   * so two never spend the same token (a provider that takes each only once would revoke them all).
   */
  exclusive?<T>(refresh: () => Promise<T>): Promise<T>;
}

const DEFAULT_LIFETIME_SECONDS = 3600;
/** A token this close to its expiry is not handed out: a login must not start with one that ends mid-way. */
const RENEW_BEFORE_MS = 60_000;

/**
 * Hands out an access token, asking the endpoint only when it has none still good for a minute or
 * more; callers arriving during a request share it. A refresh token the endpoint rotates is kept in
 * memory and, with a `refreshTokens` keeper, beyond the process: each refresh starts from the
 * keeper's latest (another process sharing the client may have rotated it). `invalidate()` after the
 * mail server refused a token makes the next call ask for a new one.
 */
export class OAuth2TokenSource {
  private readonly url: URL;
  private current: { token: string; renewAt: number } | null = null;
  private pending: Promise<string> | null = null;
  private refreshToken: string | null;

  constructor(
    private readonly settings: OAuth2ClientSettings,
    private readonly options: { timeoutMs?: number; maxAnswerBytes?: number; now?: () => number; refreshTokens?: RefreshTokenKeeper } = {},
  ) {
    this.url = checkTokenUrl(settings.tokenUrl);
    this.refreshToken = settings.refreshToken ?? null;
  }

  accessToken(): Promise<string> {
    if (this.current && this.now() < this.current.renewAt) return Promise.resolve(this.current.token);
    this.pending ??= this.request().finally(() => (this.pending = null));
    return this.pending;
  }

  invalidate(): void {
    this.current = null;
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private request(): Promise<string> {
    const keeper = this.refreshToken ? this.options.refreshTokens : undefined;
    return keeper?.exclusive ? keeper.exclusive(() => this.requestWith(keeper)) : this.requestWith(keeper);
  }

  private async requestWith(keeper: RefreshTokenKeeper | undefined): Promise<string> {
    if (keeper) this.refreshToken = (await keeper.load().catch(() => null)) ?? this.refreshToken;
    const form = new URLSearchParams({ client_id: this.settings.clientId });
    if (this.settings.clientSecret) form.set('client_secret', this.settings.clientSecret);
    if (this.refreshToken) {
      form.set('grant_type', 'refresh_token');
      form.set('refresh_token', this.refreshToken);
    } else form.set('grant_type', 'client_credentials');
    if (this.settings.scope) form.set('scope', this.settings.scope);
    const asked = this.now();
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form.toString(),
        // A redirect would send the secret on to wherever it points.
        redirect: 'error',
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      const { name, message, cause: reason } = error as Error & { cause?: Error };
      const cause = name === 'TimeoutError' ? 'no answer in time' : `${message}${reason ? ` (${reason.message})` : ''}`;
      throw new OAuth2TokenRefused(`the token endpoint ${this.url.origin} could not be asked: ${cause}`, true);
    }
    const body = await this.readJson(response);
    if (!response.ok) {
      const error = typeof body?.error === 'string' ? body.error.slice(0, 100) : 'no error code';
      const description = typeof body?.error_description === 'string' ? `: ${body.error_description.slice(0, 300)}` : '';
      throw new OAuth2TokenRefused(`the token endpoint answered ${response.status} ${error}${description}`, response.status === 429 || response.status >= 500);
    }
    const token = body?.access_token;
    if (typeof token !== 'string' || token.length === 0 || token.length > 16_384) throw new OAuth2TokenRefused('the token endpoint answered without an access_token');
    // Some endpoints send the lifetime as a string ("3599"); none at all means the usual hour.
    const stated = Number(body?.expires_in);
    const lifetime = Number.isFinite(stated) && stated > 0 ? stated : DEFAULT_LIFETIME_SECONDS;
    const rotated = typeof body?.refresh_token === 'string' && body.refresh_token.length > 0 && body.refresh_token.length <= 16_384 && this.refreshToken && body.refresh_token !== this.refreshToken ? body.refresh_token : null;
    if (rotated) {
      this.refreshToken = rotated;
      await keeper?.save(rotated).catch(() => undefined);
    }
    // Timed from when it was asked for: the endpoint's clock started no earlier.
    this.current = { token, renewAt: asked + Math.max(0, lifetime * 1000 - RENEW_BEFORE_MS) };
    return token;
  }

  /** The answer as JSON, within a size limit; null when it is not JSON (a proxy's error page). */
  private async readJson(response: Response): Promise<Record<string, unknown> | null> {
    const limit = this.options.maxAnswerBytes ?? 64 * 1024;
    const reader = response.body?.getReader();
    if (!reader) return null;
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw new OAuth2TokenRefused(`the token endpoint's answer is larger than ${limit} bytes`);
      }
      chunks.push(value);
    }
    try {
      const parsed: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }
}
