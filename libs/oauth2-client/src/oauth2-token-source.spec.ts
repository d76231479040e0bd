import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkTokenUrl, OAuth2TokenRefused, OAuth2TokenSource } from './oauth2-token-source.js';

/** A token endpoint on loopback (real HTTP) whose answers each test sets; it records every request's form. */
class TokenEndpoint {
  readonly requests: Array<Record<string, string>> = [];
  answer: (form: Record<string, string>, res: ServerResponse) => void = (_, res) => json(res, 200, { access_token: `token-${this.requests.length}`, expires_in: 3600, token_type: 'Bearer' });
  private server!: Server;

  async start(): Promise<string> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      let body = '';
      req.on('data', (d) => (body += d));
      req.on('end', () => {
        const form = Object.fromEntries(new URLSearchParams(body));
        this.requests.push({ ...form, method: req.method ?? '', contentType: req.headers['content-type'] ?? '' });
        this.answer(form, res);
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/oauth2/token`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

describe('OAuth2TokenSource (a real token endpoint on loopback)', () => {
  let endpoint: TokenEndpoint;
  let tokenUrl: string;

  beforeEach(async () => {
    endpoint = new TokenEndpoint();
    tokenUrl = await endpoint.start();
  });
  afterEach(() => endpoint.stop());

  it('asks with the client credentials grant and keeps the token while it is good', async () => {
    const source = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand', clientSecret: 's3cret', scope: 'https://outlook.office365.com/.default' });
    expect(await source.accessToken()).toBe('token-1');
    expect(await source.accessToken()).toBe('token-1');
    expect(endpoint.requests).toEqual([
      { grant_type: 'client_credentials', client_id: 'firsthand', client_secret: 's3cret', scope: 'https://outlook.office365.com/.default', method: 'POST', contentType: 'application/x-www-form-urlencoded' },
    ]);
  });

  it('asks with the refresh token grant, and uses the refresh token the endpoint rotates to next time', async () => {
    endpoint.answer = (form, res) => json(res, 200, { access_token: `for-${form.refresh_token}`, expires_in: 3600, refresh_token: `rotated-${endpoint.requests.length}` });
    const source = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand', refreshToken: 'first-refresh' });
    expect(await source.accessToken()).toBe('for-first-refresh');
    source.invalidate();
    expect(await source.accessToken()).toBe('for-rotated-1');
    expect(endpoint.requests.map((r) => [r.grant_type, r.refresh_token, r.client_secret])).toEqual([
      ['refresh_token', 'first-refresh', undefined],
      ['refresh_token', 'rotated-1', undefined],
    ]);
  });

  it('with a keeper, a rotated refresh token outlives the process, and each refresh starts from the latest kept', async () => {
    endpoint.answer = (form, res) => json(res, 200, { access_token: `for-${form.refresh_token}`, expires_in: 3600, refresh_token: `rotated-${endpoint.requests.length}` });
    let kept: string | null = null;
    const keeper = { load: async () => kept, save: async (token: string) => void (kept = token) };
    const first = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand', refreshToken: 'configured' }, { refreshTokens: keeper });
    expect(await first.accessToken()).toBe('for-configured');
    expect(kept).toBe('rotated-1');
    // A restart: a new source with the configured token starts from the kept one.
    const restarted = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand', refreshToken: 'configured' }, { refreshTokens: keeper });
    expect(await restarted.accessToken()).toBe('for-rotated-1');
    expect(kept).toBe('rotated-2');
    // The first source's next refresh uses what the other one rotated to, not its own older token.
    first.invalidate();
    expect(await first.accessToken()).toBe('for-rotated-2');
    expect(endpoint.requests.map((r) => r.refresh_token)).toEqual(['configured', 'rotated-1', 'rotated-2']);
  });

  it("with a keeper's exclusive refresh, two sources refreshing at once spend different tokens", async () => {
    endpoint.answer = (form, res) => json(res, 200, { access_token: `for-${form.refresh_token}`, expires_in: 3600, refresh_token: `after-${form.refresh_token}` });
    let kept: string | null = null;
    let queue = Promise.resolve();
    const keeper = {
      load: async () => kept,
      save: async (token: string) => void (kept = token),
      exclusive<T>(refresh: () => Promise<T>): Promise<T> {
        const run = queue.then(refresh);
        queue = run.then(() => undefined, () => undefined);
        return run;
      },
    };
    const settings = { tokenUrl, clientId: 'firsthand', refreshToken: 'configured' };
    const tokens = await Promise.all([new OAuth2TokenSource(settings, { refreshTokens: keeper }).accessToken(), new OAuth2TokenSource(settings, { refreshTokens: keeper }).accessToken()]);
    expect(tokens).toEqual(['for-configured', 'for-after-configured']);
    expect(endpoint.requests.map((r) => r.refresh_token)).toEqual(['configured', 'after-configured']);
  });

  it('carries on with the token in memory when the keeper fails, and keeps nothing for a client-credentials client', async () => {
    endpoint.answer = (form, res) => json(res, 200, { access_token: `for-${form.refresh_token ?? form.grant_type}`, expires_in: 3600, refresh_token: `rotated-${endpoint.requests.length}` });
    const broken = { load: async () => Promise.reject(new Error('database down')), save: async () => Promise.reject(new Error('database down')) };
    const source = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand', refreshToken: 'configured' }, { refreshTokens: broken });
    expect(await source.accessToken()).toBe('for-configured');
    source.invalidate();
    expect(await source.accessToken()).toBe('for-rotated-1');
    const saved: string[] = [];
    const app = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand' }, { refreshTokens: { load: async () => 'never-used', save: async (t) => void saved.push(t) } });
    expect(await app.accessToken()).toBe('for-client_credentials');
    expect(saved).toEqual([]);
  });

  it('asks again a minute before the token ends, and right away after invalidate()', async () => {
    let now = 1_000_000;
    endpoint.answer = (_, res) => json(res, 200, { access_token: `token-${endpoint.requests.length}`, expires_in: '120' });
    const source = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand' }, { now: () => now });
    expect(await source.accessToken()).toBe('token-1');
    now += 59_000;
    expect(await source.accessToken()).toBe('token-1');
    now += 2_000; // 61 s after it was asked for: less than a minute of its 120 s left
    expect(await source.accessToken()).toBe('token-2');
    source.invalidate();
    expect(await source.accessToken()).toBe('token-3');
  });

  it('sends one request for callers that ask at the same time', async () => {
    endpoint.answer = (_, res) => setTimeout(() => json(res, 200, { access_token: 'shared', expires_in: 3600 }), 50);
    const source = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand' });
    expect(await Promise.all(Array.from({ length: 10 }, () => source.accessToken()))).toEqual(Array(10).fill('shared'));
    expect(endpoint.requests).toHaveLength(1);
  });

  it("says what the endpoint refused with its error code and description, and keeps no token", async () => {
    endpoint.answer = (_, res) => json(res, 400, { error: 'invalid_grant', error_description: 'AADSTS70000: the refresh token has expired' });
    const source = new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand', clientSecret: 'never-in-a-message', refreshToken: 'old' });
    const refused = await source.accessToken().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuth2TokenRefused);
    expect((refused as Error).message).toBe('the token endpoint answered 400 invalid_grant: AADSTS70000: the refresh token has expired');
    expect((refused as OAuth2TokenRefused).temporary).toBe(false);
    endpoint.answer = (_, res) => json(res, 200, { access_token: 'now-good', expires_in: 3600 });
    expect(await source.accessToken()).toBe('now-good');
    expect(endpoint.requests).toHaveLength(2);
  });

  it.each([
    ['no access_token', (res: ServerResponse) => json(res, 200, { token_type: 'Bearer' }), /without an access_token/, false],
    ['not JSON', (res: ServerResponse) => res.writeHead(200, { 'content-type': 'text/html' }).end('<h1>proxy</h1>'), /without an access_token/, false],
    ['an error page (502)', (res: ServerResponse) => res.writeHead(502).end('bad gateway'), /answered 502 no error code/, true],
    ['"slow down" (429)', (res: ServerResponse) => json(res, 429, { error: 'slow_down' }), /answered 429 slow_down/, true],
    ['an answer over the size limit', (res: ServerResponse) => json(res, 200, { access_token: 'x'.repeat(70_000) }), /larger than 65536 bytes/, false],
    ['a redirect', (res: ServerResponse) => res.writeHead(302, { location: 'https://elsewhere.example/token' }).end(), /could not be asked/, true],
  ])('refuses %s', async (_, answer, message, temporary) => {
    endpoint.answer = (__, res) => answer(res);
    const refused = await new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand' }).accessToken().catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(OAuth2TokenRefused);
    expect((refused as Error).message).toMatch(message);
    expect((refused as OAuth2TokenRefused).temporary).toBe(temporary);
  });

  it('gives up on an endpoint that does not answer, after its timeout', async () => {
    endpoint.answer = () => undefined;
    const started = Date.now();
    await expect(new OAuth2TokenSource({ tokenUrl, clientId: 'firsthand' }, { timeoutMs: 200 }).accessToken()).rejects.toThrow('could not be asked: no answer in time');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('refuses a token URL that would send the secret in the clear to another machine', () => {
    expect(() => checkTokenUrl('http://login.example.com/token')).toThrow(/must be https/);
    expect(() => checkTokenUrl('ftp://127.0.0.1/token')).toThrow(/must be https/);
    expect(() => checkTokenUrl('not a url')).toThrow(/not a URL/);
    expect(checkTokenUrl('https://login.microsoftonline.com/contoso/oauth2/v2.0/token').host).toBe('login.microsoftonline.com');
    expect(checkTokenUrl('http://localhost:8080/token').port).toBe('8080');
  });
});
