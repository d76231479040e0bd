import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_FREE_FAILURES: '3',
  FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER: '5',
  FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES: '6',
  FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER: '8',
  // Over all addresses: three free, then 1 s and at most 2 s, shorter than the 4 s lock so a test can tell them apart.
  FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES: '3',
  FIRSTHAND_LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '2',
  FIRSTHAND_LOGIN_LOCK_SECONDS: '4',
};
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
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

/** Sends `attempt` again the moment each wait ends (its Retry-After) until it is let through; answers that answer and when it was sent. */
async function whenLetThrough(attempt: () => Promise<Response>): Promise<{ res: Response; sentAt: number }> {
  let sentAt = Date.now();
  let res = await attempt();
  for (let tries = 0; res.status === 429 && tries < 10; tries++) {
    await sleep(Number(res.headers['retry-after']) * 1000);
    sentAt = Date.now();
    res = await attempt();
  }
  return { res, sentAt };
}

/**
 * A wrong guess let through (401), then the next one at once: refused, and its Retry-After is the wait
 * the guess set, to the second. Only a machine stalled a whole second between the two makes it less,
 * by the seconds that passed: allowed for, so a loaded machine does not fail the test.
 */
async function expectWaitAfterFailure(attempt: () => Promise<Response>, seconds: number): Promise<void> {
  const { res, sentAt } = await whenLetThrough(attempt);
  expect(res.status).toBe(401);
  const refused = await attempt();
  expectRefused(refused, 'login-throttled');
  const retryAfter = Number(refused.headers['retry-after']);
  expect(retryAfter).toBeLessThanOrEqual(seconds);
  expect(retryAfter).toBeGreaterThanOrEqual(seconds - Math.floor((Date.now() - sentAt) / 1000));
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
  let team: Awaited<ReturnType<HelpdeskFactory['team']>>;
  let li: TestAgent;
  let zhang: TestAgent;

  beforeAll(async () => {
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    [li, zhang] = [await f.agent('agent', team, 'Li Wei'), await f.agent('agent', team, 'Zhang Min')];
  });
  const login = (email: string, password: string, from: string) =>
    api.http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });
  const outbox = async () =>
    (await api.database.db.query(`SELECT (SELECT count(*)::int FROM job_outbox) + (SELECT count(*)::int FROM notifications) AS n`))[0].n as number;

  it('50 wrong passwords for one account from one address: a few 401s, then 429 with Retry-After; other accounts from that address still sign in', async () => {
    const home = newAddress();
    await login(li.email, TEST_PASSWORD, home).expect(200);
    const from = newAddress();
    const statuses: number[] = [];
    let refused: Response | undefined;
    const started = Date.now();
    for (let i = 0; i < 50; i++) {
      const res = await login(li.email, 'wrong-password', from);
      statuses.push(res.status);
      if (res.status === 429 && refused === undefined) {
        refused = res;
        // Over all addresses the account waits too: from an address Li never signed in from, even the
        // right password waits, never longer than the account's longest wait (2 s) ...
        const stranger = await login(li.email, TEST_PASSWORD, newAddress());
        if (stranger.status !== 200) expectRefused(stranger, 'login-throttled');
        expect(stranger.status === 200 || Number(stranger.headers['retry-after']) <= 2).toBe(true);
        // ... and from where she signed in before, she is not held back at all.
        await login(li.email, TEST_PASSWORD, home).expect(200);
      }
    }
    // Three free failures, the fourth makes the next attempt wait 1 s; refused attempts are not even checked.
    // Once that second has passed (if the loop lasts that long) one more failure locks Li's account from
    // this address for 4 s, and so on: at most one more checked guess a second, however fast they come.
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 429]);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(4 + Math.ceil((Date.now() - started) / 1000));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(50 - 4 - Math.ceil((Date.now() - started) / 1000));
    expectRefused(refused!, 'login-throttled');
    // The address is not locked for another account.
    await login(zhang.email, TEST_PASSWORD, from).expect(200);
  });

  it('an attacker rotating addresses keeps the account hot, yet its owner signs in at once from where she signed in before', async () => {
    const chen = await f.agent('agent', team, 'Chen Jie');
    const home = newAddress();
    await login(chen.email, TEST_PASSWORD, home).expect(200);
    // The attacker: a new address for every guess, each sent the moment the account's last wait ends.
    const guess = async (n: number) => expect((await whenLetThrough(() => login(chen.email, `guess-${n}`, newAddress()))).res.status).toBe(401);
    for (let n = 0; n < 4; n++) await guess(n);
    for (let n = 4; n < 7; n++) {
      await guess(n);
      // Hot (2 s after each guess): a stranger's next guess must wait ...
      expectRefused(await login(chen.email, 'one-more-guess', newAddress()), 'login-throttled');
      // ... but not the owner, from an address she signed in from.
      await login(chen.email, TEST_PASSWORD, home).expect(200);
    }
    // From an address she never used, she waits at most the account's longest wait (2 s) once the attacker pauses.
    const travelling = newAddress();
    const { res } = await whenLetThrough(async () => {
      const answer = await login(chen.email, TEST_PASSWORD, travelling);
      if (answer.status === 429) expect(Number(answer.headers['retry-after'])).toBeLessThanOrEqual(2);
      return answer;
    });
    expect(res.status).toBe(200);
  });

  it('the lock of an account from one address is temporary, does not touch its owner elsewhere, and a success there clears it', async () => {
    const home = newAddress();
    await login(zhang.email, TEST_PASSWORD, home).expect(200);
    const from = newAddress();
    for (let i = 0; i < 3; i++) await login(zhang.email, 'wrong-password', from).expect(401);
    // The fourth failure makes the next attempt wait 1 s; once it has, the fifth locks Zhang's account from this address for 4 s:
    // the lock, not the account's own wait over all addresses, which stops at 2 s.
    await expectWaitAfterFailure(() => login(zhang.email, 'wrong-password', from), 1);
    await expectWaitAfterFailure(() => login(zhang.email, 'wrong-password', from), 4);
    expectRefused(await login(zhang.email, TEST_PASSWORD, from), 'login-throttled');
    await login(zhang.email, TEST_PASSWORD, home).expect(200);
    await waitOut(() => login(zhang.email, TEST_PASSWORD, from), 200);
    // Cleared: without it, this sixth failure from here would lock again, and the right password wait 4 s.
    await login(zhang.email, 'wrong-password', from).expect(401);
    await login(zhang.email, TEST_PASSWORD, from).expect(200);
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

  it('the ceiling counts the route a request reaches, however its path is spelled (percent-encoded, absolute-form)', async () => {
    const from = newAddress();
    // Each spelling reaches the API route itself (answered, not a 404 or a page).
    await api.http.get('/%61pi/client-config').set('X-Forwarded-For', newAddress()).expect(200);
    for (let i = 0; i < 60; i++) await api.http.get(i % 2 ? '/%61pi/client-config' : '/api/client%2Dconfig').set('X-Forwarded-For', from).expect(200);
    expectRefused(await api.http.get('/api/client-config').set('X-Forwarded-For', from), 'too-many-requests');
    expect((await api.http.get('/%61pi/client-config').set('X-Forwarded-For', from)).status).toBe(429);
    // The admin board counts too: its sign-out answers anyone, and works the database.
    expect((await api.http.post('/admin/logout').set('X-Forwarded-For', from).set('Cookie', 'fh_admin=x')).status).toBe(429);
    expect((await api.http.post('/admin/logout').set('X-Forwarded-For', newAddress()).set('Cookie', 'fh_admin=x')).status).toBe(204);
    // The absolute form (`GET http://host/api/... HTTP/1.1`) needs a raw request to a listening server.
    const server = api.app.getHttpServer() as Server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const absolute = await new Promise<number>((resolve, reject) => {
        httpRequest({ host: '127.0.0.1', port, path: `http://127.0.0.1:${port}/api/client-config`, headers: { 'X-Forwarded-For': from } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        }).on('error', reject).end();
      });
      expect(absolute).toBe(429);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('behind a trusted proxy (loopback by default) the forwarded client address and host are used', async () => {
    const res = await api.http.get('/api/client-config').set('X-Forwarded-For', newAddress()).set('X-Forwarded-Host', 'desk.example');
    expect(res.body.gatewayUrl).toBe('http://desk.example:3001');
  });
});

describe('sign-in waits, step by step (free failures far from the lock)', () => {
  let steps: NestFastifyApplication;
  let http: ReturnType<typeof request>;
  let f: HelpdeskFactory;
  let team: Awaited<ReturnType<HelpdeskFactory['team']>>;

  beforeAll(async () => {
    steps = await createApiApp(testConfig(api.database.url, {
      ...TIGHT, ...namespace(), FIRSTHAND_RUN_MIGRATIONS: 'false',
      FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_FREE_FAILURES: '2', FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER: '10',
      FIRSTHAND_LOGIN_ACCOUNT_FREE_FAILURES: '2', FIRSTHAND_LOGIN_ACCOUNT_MAX_DELAY_SECONDS: '4',
      FIRSTHAND_LOGIN_ADDRESS_FREE_FAILURES: '1000', FIRSTHAND_LOGIN_ADDRESS_LOCK_AFTER: '2000', FIRSTHAND_LOGIN_LOCK_SECONDS: '60',
    }));
    http = request(steps.getHttpServer());
    f = new HelpdeskFactory(api);
    team = await f.team('Night Desk', false);
  });
  afterAll(async () => {
    await steps.close();
  });
  const login = (email: string, password: string, from: string) =>
    http.post('/api/auth/login').set('X-Forwarded-For', from).send({ email, password });

  it('one account from one address: two free failures, then waits of 1 s, 2 s, 4 s', async () => {
    const wu = await f.agent('agent', team, 'Wu Fang');
    const from = newAddress();
    // Signed in from here before: the account's own wait over all addresses spares it, so what shows is this address's.
    await login(wu.email, TEST_PASSWORD, from).expect(200);
    for (let i = 0; i < 2; i++) await login(wu.email, 'wrong-password', from).expect(401);
    for (const seconds of [1, 2, 4]) await expectWaitAfterFailure(() => login(wu.email, 'wrong-password', from), seconds);
  });

  it('one account from rotating addresses: two free failures, then 1 s, 2 s, 4 s, and never more than 4 s (no lock)', async () => {
    const qian = await f.agent('agent', team, 'Qian Yu');
    const stranger = () => login(qian.email, 'wrong-password', newAddress());
    for (let i = 0; i < 2; i++) await stranger().expect(401);
    for (const seconds of [1, 2, 4, 4]) await expectWaitAfterFailure(stranger, seconds);
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
    expect(config.body).toEqual({ gatewayUrl: 'http://127.0.0.1:3901', sso: null, passwordLogin: true, attachments: expect.any(Object) });
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
    const guess = (http: ReturnType<typeof request>, address: string) => http.post('/api/auth/login').set('X-Forwarded-For', address).send({ email: 'shared@example.com', password: 'nope' });
    for (let i = 0; i < 4; i++) await guess(a.http, from).expect(401);
    // The fifth failure locks the account from that address for 4 s, and makes every new address wait 2 s.
    await waitOut(() => guess(a.http, from), 401);
    expectRefused(await guess(bHttp, from), 'login-throttled');
    expectRefused(await guess(bHttp, newAddress()), 'login-throttled');
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
