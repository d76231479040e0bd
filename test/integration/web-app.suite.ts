import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The default attachment limits, which client-config gives the pages to check before sending. */
const ATTACHMENT_LIMITS = { maxFileBytes: 10 * 1024 * 1024, maxFilesPerMessage: 10, maxMessageBytes: 25 * 1024 * 1024 };

/** The API serving the web app: pages, assets, headers, run-time config, and the routes the screens added. */
describe('web app served by the API', () => {
  let api: ApiHarness;
  let dir: string;
  const page = (name: string) => `<!doctype html><title>${name}</title><script type="module" src="/assets/${name}-abc123.js"></script>`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'firsthand-web-'));
    mkdirSync(join(dir, 'assets'));
    for (const name of ['index', 'agent', 'track', 'supervisor']) writeFileSync(join(dir, `${name}.html`), page(name));
    const script = 'console.log("agent console");'.repeat(40);
    writeFileSync(join(dir, 'assets', 'agent-abc123.js'), script);
    writeFileSync(join(dir, 'assets', 'agent-abc123.js.gz'), gzipSync(script));
    api = await startApi({ FIRSTHAND_WEB_DIR: dir, GATEWAY_PORT: '3901' });
  });

  afterAll(async () => {
    await api?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves each screen\'s page on its routes, never cached, under a strict CSP that allows the gateway', async () => {
    for (const [path, name] of [['/', 'index'], ['/new', 'index'], ['/agent', 'agent'], ['/agent/tickets/5f0c3ad8-8f1e-4c55-9f43-0c0e6c1d3f11', 'agent'], ['/track/FH-7K3QX', 'track'], ['/supervisor', 'supervisor']]) {
      const res = await api.http.get(path).set('Host', 'helpdesk.example:3000').expect(200);
      expect(res.text).toBe(page(name));
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers['content-security-policy']).toBe(
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self' http://helpdesk.example:3901 ws://helpdesk.example:3901; " +
          "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
      );
      expect(res.headers['referrer-policy']).toBe('no-referrer');
    }
  });

  it('serves hashed assets for a year, precompressed where the browser accepts it', async () => {
    const res = await api.http.get('/assets/agent-abc123.js').set('Accept-Encoding', 'gzip').expect(200);
    expect(res.headers['cache-control']).toContain('immutable');
    expect(res.headers['cache-control']).toContain('max-age=31536000');
    expect(res.headers['content-encoding']).toBe('gzip');
    expect(res.text).toContain('agent console');
    await api.http.get('/assets/missing-abc.js').expect(404);
  });

  it('never shadows the API, health or metrics routes', async () => {
    const unknown = await api.http.get('/api/nothing-here').expect(404);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    await api.http.get('/agentx').expect(404);
    await api.http.get('/track/FH-7K3QX/extra').expect(404);
    expect((await api.http.get('/metrics')).text).not.toContain('<!doctype html>');
  });

  it('answers a browser asking for a page that does not exist with a page in both languages; the API, health and metrics keep problem+json', async () => {
    const page = await api.http.get('/nonexistent').set('accept', 'text/html,application/xhtml+xml').expect(404);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; img-src 'self'/);
    expect(page.text).toContain('Page not found');
    expect(page.text).toContain('页面不存在');
    expect(page.text).toContain('href="/help"');
    for (const path of ['/api/nonexistent', '/health/nonexistent', '/metrics/nonexistent']) {
      const res = await api.http.get(path).set('accept', 'text/html').expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const script = await api.http.get('/nonexistent').set('accept', 'application/json').expect(404);
    expect(script.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('tells pages where the gateway is; a forged Host cannot write into the answer', async () => {
    await api.http.get('/api/client-config').set('Host', '127.0.0.1:3000').expect(200, { gatewayUrl: 'http://127.0.0.1:3901', sso: null, passwordLogin: true, attachments: ATTACHMENT_LIMITS });
    await api.http.get('/api/client-config').set('Host', 'evil.example; script-src *').expect(200, { gatewayUrl: 'http://localhost:3901', sso: null, passwordLogin: true, attachments: ATTACHMENT_LIMITS });
    await api.http.get('/api/client-config').set('Host', 'desk.example').set('X-Forwarded-Proto', 'https').expect(200, { gatewayUrl: 'https://desk.example:3901', sso: null, passwordLogin: true, attachments: ATTACHMENT_LIMITS });
  });

  it('answers 503 with a hint on UI routes when the web app is not built', async () => {
    const bare = await startApi({ FIRSTHAND_WEB_DIR: join(dir, 'nowhere') });
    try {
      const res = await bare.http.get('/agent').expect(503);
      expect(res.text).toContain('npm run build');
    } finally {
      await bare.close();
    }
  });

  it('uses PUBLIC_GATEWAY_URL when set', async () => {
    const behindProxy = await startApi({ FIRSTHAND_WEB_DIR: dir, PUBLIC_GATEWAY_URL: 'https://live.helpdesk.example/' });
    try {
      await behindProxy.http.get('/api/client-config').expect(200, { gatewayUrl: 'https://live.helpdesk.example', sso: null, passwordLogin: true, attachments: ATTACHMENT_LIMITS });
      const res = await behindProxy.http.get('/supervisor').expect(200);
      expect(res.headers['content-security-policy']).toContain("connect-src 'self' https://live.helpdesk.example wss://live.helpdesk.example;");
    } finally {
      await behindProxy.close();
    }
  });

  describe('what the screens need from the API', () => {
    let f: HelpdeskFactory;
    let li: TestAgent;
    let zhang: TestAgent;

    beforeAll(async () => {
      f = new HelpdeskFactory(api);
      const team = await f.team('Front Desk', true);
      li = await f.agent('agent', team, 'Li Wei');
      zhang = await f.agent('agent', team, 'Zhang Min');
    });

    it('GET /api/colleagues: any signed-in agent sees who is active, without emails', async () => {
      await api.http.get('/api/colleagues').expect(401);
      const res = await api.http.get('/api/colleagues').set(li.auth).expect(200);
      const names = res.body.items.map((c: { name: string }) => c.name);
      expect(names).toEqual(expect.arrayContaining(['Li Wei', 'Zhang Min']));
      expect(JSON.stringify(res.body)).not.toContain('@');
      expect(Object.keys(res.body.items[0]).sort()).toEqual(['id', 'name', 'presence', 'role', 'teamId']);
    });

    it('GET /api/tickets?handoffTo=me lists the tickets proposed to the caller', async () => {
      const ticket = await f.customerTicket();
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      await api.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: zhang.id, note: 'You know this customer' }).expect(200);
      const offered = await api.http.get('/api/tickets?handoffTo=me').set(zhang.auth).expect(200);
      expect(offered.body.items.map((t: { id: string }) => t.id)).toEqual([ticket.id]);
      const none = await api.http.get('/api/tickets?handoffTo=me').set(li.auth).expect(200);
      expect(none.body.items).toEqual([]);
      const bad = await api.http.get('/api/tickets?handoffTo=someone').set(li.auth).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['handoffTo']);
    });
  });
});
