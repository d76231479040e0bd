import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request, { type Response } from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { pngOfSize } from '../../libs/attachments/src/testing/sample-files.js';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { testConfig } from '../support/test-services.js';

/**
 * The request limits through the real API, on real Redis and PostgreSQL. Each API here counts under
 * a namespace of its own (QUEUE_PREFIX), so other suites' requests from 127.0.0.1 never meet these
 * tight limits. Client addresses are told by X-Forwarded-For from 127.0.0.1, a trusted proxy by default.
 */
const TIGHT = {
  FIRSTHAND_LIMIT_API_PER_ADDRESS_PER_MINUTE: '60',
  FIRSTHAND_LIMIT_OPEN_TICKETS_PER_ADDRESS_PER_HOUR: '3',
  FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_TICKET_PER_HOUR: '3',
  FIRSTHAND_LIMIT_CUSTOMER_REPLIES_PER_ADDRESS_PER_HOUR: '5',
  FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE: '2',
  FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES: '3',
  FIRSTHAND_LOGIN_ACCOUNT_LOCK_AFTER: '5',
  FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES: '6',
  FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER: '8',
  FIRSTHAND_LOGIN_LOCK_SECONDS: '2',
};
const namespace = () => ({ QUEUE_PREFIX: `rl${randomBytes(4).toString('hex')}` });

let addresses = 0;
/** A fresh client address (benchmarking range), so each test starts with its own counts. */
const newAddress = () => `198.18.${++addresses >> 8}.${addresses & 255}`;

/** Retries `attempt` while it is refused (bounded), and expects `status` once it is let through. */
async function waitOut(attempt: () => Promise<Response>, status: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  let res = await attempt();
  while (res.status === 429 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 200));
    res = await attempt();
  }
  expect(res.status).toBe(status);
}

function expectRefused(res: Response, code: string): void {
  expect(res.status).toBe(429);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body).toMatchObject({ status: 429, type: `https://firsthand.dev/problems/${code}` });
  const retryAfter = Number(res.headers['retry-after']);
  expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
  expect(res.body.retryAfterSeconds).toBe(retryAfter);
}

const newIssue = (n: number) => ({
  subject: `Printer on fire ${n}`, description: 'Smoke everywhere.', channel: 'web', kind: 'problem',
  customer: { name: `Stranger ${n}`, email: `victim${n}@example.com` },
});

// One database for the file: the other API instances below open it too, each with its own settings.
let api: ApiHarness;
beforeAll(async () => {
  api = await startApi({ ...TIGHT, ...namespace() });
});
afterAll(async () => {
  await api.close();
});

describe('request limits (one API, tight limits)', () => {
  let f: HelpdeskFactory;
  let li: TestAgent;
  let zhang: TestAgent;

  beforeAll(async () => {
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    [li, zhang] = [await f.agent('agent', team, 'Li Wei'), await f.agent('agent', team, 'Zhang Min')];
  });
  const login = (email: string, password: string, from: string) =>
    api.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const outbox = async () =>
    (await api.database.db.query(`SELECT (SELECT count(*)::int FROM job_outbox) + (SELECT count(*)::int FROM notifications) AS n`))[0].n as number;

  it('50 wrong passwords for one account: a few 401s, then 429 with Retry-After; other accounts from that address still sign in', async () => {
    const from = newAddress();
    const statuses: number[] = [];
    let refused: Response | undefined;
    const started = Date.now();
    for (let i = 0; i < 50; i++) {
      const res = await login(li.email, 'wrong-password', from);
      statuses.push(res.status);
      if (res.status === 429 && refused === undefined) {
        refused = res;
        // Per account: while it waits, the right password from another address waits too.
        expectRefused(await login(li.email, TEST_PASSWORD, newAddress()), 'login-throttled');
      }
    }
    // Three free failures, the fourth makes the next attempt wait 1 s; refused attempts are not even checked.
    // Once that second has passed (if the loop lasts that long) one more failure locks the account for 2 s, and so on:
    // at most one more checked guess a second, however fast they come.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 429]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4 + Math.ceil((Date.now() - started) / 1000));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50 - 4 - Math.ceil((Date.now() - started) / 1000));
    expectRefused(refused!, 'login-throttled');
    // The address is not locked for another account.
    await login(zhang.email, TEST_PASSWORD, from).expect(200);
  });

  it('the lock is temporary, and a success clears the account\'s failures', async () => {
    const from = newAddress();
    for (let i = 0; i < 4; i++) await login(zhang.email, 'wrong-password', from).expect(401);
    // The fourth failure made the next attempt wait 1 s; once it has, the fifth locks the account for 2 s.
    expectRefused(await login(zhang.email, 'wrong-password', from), 'login-throttled');
    await waitOut(() => login(zhang.email, 'wrong-password', from), 401);
    const locked = await login(zhang.email, TEST_PASSWORD, from);
    expectRefused(locked, 'login-throttled');
    expect(Number(locked.headers['retry-after'])).toBe(2);
    await waitOut(() => login(zhang.email, TEST_PASSWORD, from), 200);
    // Cleared: without it, the next failure would lock again. (A new address, so its own count stays out of it.)
    const elsewhere = newAddress();
    for (let i = 0; i < 3; i++) await login(zhang.email, 'wrong-password', elsewhere).expect(401);
    await login(zhang.email, TEST_PASSWORD, elsewhere).expect(200);
  });

  it('many accounts guessed from one address lock that address, not the accounts elsewhere', async () => {
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(`nobody${i}@example.com`, 'guess', from)).status);
    expect(statuses.slice(0, 7)).toEqual(Array(7).fill(401));
    expect(statuses.slice(7).every((s) => s === 429)).toBe(true);
    expectRefused(await login('nobody99@example.com', 'guess', from), 'login-throttled');
    await login('nobody0@example.com', 'guess', newAddress()).expect(401);
  });

  it('40 anonymous new tickets from one address: 3 opened, the rest 429 and nothing written or sent', async () => {
    const from = newAddress();
    const before = await f.counts();
    const outboxBefore = await outbox();
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 40; i++) {
      const res = await api.http.post('/api/tickets').set('X-Forwarded-For', from).send(newIssue(i));
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expect(statuses.slice(3).every((s) => s === 429)).toBe(true);
    expectRefused(refused!, 'too-many-tickets');
    const after = await f.counts();
    expect(after.tickets - before.tickets).toBe(3);
    expect(after.customers - before.customers).toBe(3);
    // What three tickets queue up, and no more: a refused one sends nothing.
    const perTicket = (await outbox()) - outboxBefore;
    await api.http.post('/api/tickets').set('X-Forwarded-For', from).send(newIssue(99)).expect(429);
    expect((await outbox()) - outboxBefore).toBe(perTicket);
    // Another address, and an agent opening for a customer, are not held back by it.
    await api.http.post('/api/tickets').set('X-Forwarded-For', newAddress()).send(newIssue(100)).expect(201);
    await api.http.post('/api/tickets').set('X-Forwarded-For', from).set(li.auth).send(newIssue(101)).expect(201);
  });

  it('40 customer replies on one ticket: 3 written, the rest 429, no message and no notice more', async () => {
    const ticket = await api.http.post('/api/tickets').set('X-Forwarded-For', newAddress()).send(newIssue(200)).expect(201);
    const { code, id, trackingToken } = ticket.body;
    const reply = (from: string, token = trackingToken as string) =>
      api.http.post(`/api/track/${code}/messages`).set('X-Forwarded-For', from).set('X-Tracking-Token', token).send({ body: 'Any news?' });
    // Wrong tokens from anywhere do not spend the ticket's allowance.
    for (let i = 0; i < 4; i++) await reply(newAddress(), 'not-the-token').expect(404);
    const statuses: number[] = [];
    let refused: Response | undefined;
    for (let i = 0; i < 40; i++) {
      // From a new address each time: the per-ticket limit is what refuses.
      const res = await reply(newAddress());
      statuses.push(res.status);
      if (res.status === 429 && refused === undefined) {
        refused = res;
        const snapshot = await f.snapshot(id);
        const outboxAtRefusal = await outbox();
        await reply(newAddress()).expect(429);
        expect(await f.snapshot(id)).toEqual(snapshot);
        expect(await outbox()).toBe(outboxAtRefusal);
      }
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(3);
    expectRefused(refused!, 'too-many-replies');
  });

  it('customer replies from one address are capped over all tickets', async () => {
    const from = newAddress();
    const tickets = [];
    for (let i = 0; i < 3; i++) tickets.push((await api.http.post('/api/tickets').set('X-Forwarded-For', newAddress()).send(newIssue(300 + i)).expect(201)).body);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = tickets[i % 3];
      statuses.push((await api.http.post(`/api/track/${t.code}/messages`).set('X-Forwarded-For', from).set('X-Tracking-Token', t.trackingToken).send({ body: `Reply ${i}` })).status);
    }
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429]);
  });

  it('every /api route has a per-address ceiling; pages and health do not', async () => {
    const from = newAddress();
    for (let i = 0; i < 60; i++) await api.http.get('/api/client-config').set('X-Forwarded-For', from).expect(200);
    const refused = await api.http.get('/api/client-config').set('X-Forwarded-For', from);
    expectRefused(refused, 'too-many-requests');
    await api.http.get('/health/live').set('X-Forwarded-For', from).expect((res) => expect(res.status).not.toBe(429));
    await api.http.get('/api/client-config').set('X-Forwarded-For', newAddress()).expect(200);
  });

  it('behind a trusted proxy (loopback by default) the forwarded client address and host are used', async () => {
    const res = await api.http.get('/api/client-config').set('X-Forwarded-For', newAddress()).set('X-Forwarded-Host', 'desk.example');
    expect(res.body.gatewayUrl).toBe('http://desk.example:3001');
  });
});

describe('forwarded headers from a peer that is not a trusted proxy', () => {
  let untrusting: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let webDir: string;

  beforeAll(async () => {
    webDir = mkdtempSync(join(tmpdir(), 'firsthand-limits-web-'));
    writeFileSync(join(webDir, 'index.html'), '<!doctype html><title>Firsthand</title>');
    untrusting = await createApiApp(testConfig(api.database.url, {
      ...TIGHT, ...namespace(), FIRSTHAND_RUN_MIGRATIONS: 'false', FIRSTHAND_TRUSTED_PROXIES: '10.0.0.0/8', FIRSTHAND_WEB_DIR: webDir, GATEWAY_PORT: '3901',
    }));
    http = request(untrusting.getHttpServer());
  });
  afterAll(async () => {
    await untrusting.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it('a different X-Forwarded-For on every upload does not reset the upload limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) {
      const res = await http.post('/api/uploads').set('X-Forwarded-For', `198.51.100.${i + 1}`)
        .attach('file', pngOfSize(2000), { filename: 'photo.png', contentType: 'image/png' });
      statuses.push(res.status);
      if (res.status === 429) expectRefused(res, 'too-many-uploads');
    }
    expect(statuses).toEqual([201, 201, 429, 429]);
  });

  it('X-Forwarded-Host does not change the gateway URL handed to the page, nor its CSP', async () => {
    const config = await http.get('/api/client-config').set('Host', '127.0.0.1:3000').set('X-Forwarded-Host', 'evil.example').set('X-Forwarded-Proto', 'https').expect(200);
    expect(config.body).toEqual({ gatewayUrl: 'http://127.0.0.1:3901', sso: null, passwordLogin: true });
    const page = await http.get('/').set('Host', '127.0.0.1:3000').set('X-Forwarded-Host', 'evil.example').expect(200);
    const csp = page.headers['content-security-policy'] as string;
    expect(csp).toContain('connect-src \'self\' http://127.0.0.1:3901 ws://127.0.0.1:3901');
    expect(csp).not.toContain('evil.example');
  });
});

describe('limits shared by two API processes', () => {
  let a: ApiHarness;
  let b: NestFastifyApplication;
  let bHttp: ReturnType<typeof request>;

  beforeAll(async () => {
    a = api;
    b = await createApiApp(api.config);
    bHttp = request(b.getHttpServer());
  });
  afterAll(async () => {
    await b.close();
  });

  it('new tickets from one address are counted once over both', async () => {
    const from = newAddress();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) {
      const http = i % 2 === 0 ? a.http : bHttp;
      statuses.push((await http.post('/api/tickets').set('X-Forwarded-For', from).send(newIssue(400 + i))).status);
    }
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
  });

  it('a login lock taken on one is kept by the other', async () => {
    const from = newAddress();
    for (let i = 0; i < 4; i++) await a.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email: 'shared@example.com', password: 'nope' }).expect(401);
    const res = await bHttp.post('/api/auth/login').set('X-Forwarded-For', newAddress()).send({ email: 'shared@example.com', password: 'nope' });
    expectRefused(res, 'login-throttled');
  });
});

describe('the per-address API ceiling counted in leases by two API processes', () => {
  // 400 a minute: each process leases up to 8 requests at once from Redis while they go quickly.
  const LIMIT = 400;
  let apps: NestFastifyApplication[];
  let clients: Array<ReturnType<typeof request>>;

  beforeAll(async () => {
    const config = { ...api.config, queuePrefix: namespace().QUEUE_PREFIX, limits: { ...api.config.limits, apiPerAddress: { limit: LIMIT, windowSeconds: 60 } } };
    apps = [await createApiApp(config), await createApiApp(config)];
    clients = apps.map((app) => request(app.getHttpServer()));
  });
  afterAll(async () => {
    await Promise.all(apps.map((app) => app.close()));
  });

  it('a busy address gets exactly the limit over both, then only 429s from either', async () => {
    const from = newAddress();
    const statuses: number[] = [];
    // Bursts of 20 concurrent requests, alternating between the processes, past the limit (bounded).
    for (let burst = 0; burst < 25; burst++) {
      const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => clients[(burst + i) % 2].get('/api/client-config').set('X-Forwarded-For', from)));
      statuses.push(...answers.map((res) => res.status));
    }
    expect(statuses.filter((s) => s !== 200 && s !== 429)).toEqual([]);
    const allowed = statuses.filter((s) => s === 200).length;
    // Never more than the shared limit, and nothing leased is lost while the requests keep coming.
    expect(allowed).toBe(LIMIT);
    // Once refused, refused everywhere until the window ends (a lease's rest may be used just after the first 429).
    expect(statuses.slice(LIMIT + 60).every((s) => s === 429)).toBe(true);
    for (const client of clients) expectRefused(await client.get('/api/client-config').set('X-Forwarded-For', from), 'too-many-requests');
    // Another address is not touched by it.
    await clients[1].get('/api/client-config').set('X-Forwarded-For', newAddress()).expect(200);
  });
});
