import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { TRACKING_TOKEN_SLOT } from '@firsthand/access';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { testConfig } from '../support/test-services.js';

/** Issue 13: response headers, JSON-only bodies, the queue board's sign-out, and no tracking token at rest. */
describe('security headers, JSON-only bodies, admin sign-out, tokens at rest', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let admin: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    admin = await f.agent('admin', null, 'Root');
    agent = await f.agent('agent', team, 'Li Wei');
  });
  afterAll(() => api.close());

  function expectNotFramable(res: { headers: Record<string, string> }) {
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  }

  it('HTML pages cannot be framed; every response is nosniff; no HSTS while the public URL is http', async () => {
    expectNotFramable(await api.http.get('/admin/login').expect(200));
    expectNotFramable(await api.http.get('/api/docs').redirects(1).expect(200));
    const responses = [
      await api.http.get('/api/tickets').set(agent.auth).expect(200),
      await api.http.get('/api/tickets').expect(401),
      await api.http.get('/api/no-such-route').expect(404),
      await api.http.get('/admin/login.js').expect(200),
      await api.http.get('/health/live').expect(200),
    ];
    for (const res of responses) {
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['strict-transport-security']).toBeUndefined();
    }
  });

  it('HSTS is sent when the public URL is https', async () => {
    const app: NestFastifyApplication = await createApiApp(testConfig(api.database.url, { FIRSTHAND_RUN_MIGRATIONS: 'false', PUBLIC_BASE_URL: 'https://help.example.test' }));
    try {
      for (const path of ['/health/live', '/admin/login', '/api/no-such-route']) {
        const res = await request(app.getHttpServer()).get(path);
        expect(res.headers['strict-transport-security']).toBe('max-age=31536000');
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    } finally {
      await app.close();
    }
  });

  it('JSON routes take JSON only: a form-encoded login gets no token, form and text bodies store nothing (415 problem+json)', async () => {
    const form = await api.http.post('/api/auth/login').type('form').send({ email: agent.email, password: TEST_PASSWORD });
    expect(form.status).toBe(415);
    expect(form.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(form.body).toMatchObject({ status: 415, type: expect.stringContaining('unsupported-media-type') });
    expect(form.body.errors).toEqual([{ field: 'Content-Type', messages: [expect.stringContaining('application/x-www-form-urlencoded')] }]);
    expect(form.body.accessToken).toBeUndefined();

    const before = await f.counts();
    const ticket = { subject: 'Sent by a form', description: 'x', customer: { name: 'Ana', email: 'ana-form@example.com' } };
    const refused = [
      await api.http.post('/api/tickets').type('form').send('subject=Sent+by+a+form&description=x&customer[name]=Ana&customer[email]=ana-form@example.com'),
      await api.http.post('/api/tickets').set('content-type', 'text/plain').send(JSON.stringify(ticket)),
      await api.http.post('/api/tickets').field('subject', 'Sent by a form'),
      await api.http.post('/api/tickets').set('content-type', '').send(JSON.stringify(ticket)),
    ];
    for (const res of refused) {
      expect(res.status).toBe(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await f.counts()).toEqual(before);
    // JSON (with a charset) still goes through, and so does a bodiless POST.
    await api.http.post('/api/tickets').set('content-type', 'application/json; charset=utf-8').send(JSON.stringify(ticket)).expect(201);
    await api.http.post('/admin/session').set(admin.auth).expect(204);
  });

  it('signing out of the queue board ends its session server-side: the cookie replayed afterwards is refused', async () => {
    const sessionsOf = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM admin_board_sessions WHERE agent_id = $1`, [admin.id]))[0].n as number;
    const before = await sessionsOf();
    const session = await api.http.post('/admin/session').set(admin.auth).expect(204);
    const cookie = String(session.headers['set-cookie']).split(';')[0];
    const value = decodeURIComponent(cookie.slice(cookie.indexOf('=') + 1));
    // The cookie is a board session, not a bearer token: it opens nothing in the API.
    expect(value).not.toBe(admin.token);
    await api.http.get('/api/tickets').set('Authorization', `Bearer ${value}`).expect(401);
    await api.http.get('/admin/queues/api/queues').set('Cookie', cookie).expect(200);

    const out = await api.http.post('/admin/logout').set('Cookie', cookie).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^fh_admin=; .*Max-Age=0/);
    await api.http.get('/admin/queues/api/queues').set('Cookie', cookie).expect(401);
    const page = await api.http.get('/admin/queues').set('Cookie', cookie).expect(303);
    expect(page.headers.location).toBe('/admin/login');
    expect(await sessionsOf()).toBe(before);
  });

  it('the migration takes every tracking token out of stored notifications, messages and events', async () => {
    const db = api.database.db;
    const ticket = await f.customerTicket();
    const link = `http://localhost:3000/track/${ticket.code}#token=${ticket.trackingToken}`;
    const slotted = `http://localhost:3000/track/${ticket.code}#token=${TRACKING_TOKEN_SLOT}`;
    // Back to the schema before the fix, then rows as the worker and mail intake used to write them.
    for (;;) {
      const [last] = await db.query(`SELECT timestamp FROM migrations ORDER BY id DESC LIMIT 1`);
      if (Number(last.timestamp) < 1763800200000) break;
      await db.undoLastMigration({ transaction: 'each' });
    }
    const insert = `INSERT INTO notifications (id, dedupe_key, ticket_id, kind, recipient_type, recipient_name, channel, address, locale, subject, text_body, html_body, payload, status, max_attempts)
      VALUES (gen_random_uuid(), $1, $2, 'claimed', 'customer', 'Ana', $3, 'x', 'en', 's', $4, $5, $6, $7, 5)`;
    await db.query(insert, [`old-email-${ticket.id}`, ticket.id, 'email', `Follow your issue: ${link}\nRate: ${link}&rate`, `<a href="${link}">Follow</a> <a href="${link}&amp;rate">Rate</a>`, null, 'pending']);
    await db.query(insert, [`old-sms-${ticket.id}`, ticket.id, 'sms', `Li Wei is on it. ${link}`, null, null, 'sent']);
    await db.query(insert, [`old-hook-${ticket.id}`, ticket.id, 'webhook', '{}', null, JSON.stringify({ data: { body: `> ${link}` } }), 'sent']);
    await db.query(`INSERT INTO messages (id, ticket_id, event_seq, author_type, author_id, visibility, body)
      VALUES (gen_random_uuid(), $1, 1, 'customer', gen_random_uuid(), 'public', $2)`, [ticket.id, `Thanks!\n> Follow your issue: ${link}`]);
    await db.query(`UPDATE ticket_events SET payload = payload || jsonb_build_object('quoted', $2::text) WHERE ticket_id = $1 AND seq = 1`, [ticket.id, `> ${link}`]);
    const holding = `SELECT (SELECT count(*) FROM notifications n WHERE n::text LIKE $1) + (SELECT count(*) FROM messages m WHERE m::text LIKE $1)
      + (SELECT count(*) FROM ticket_events e WHERE e::text LIKE $1) AS n`;
    expect(Number((await db.query(holding, [`%${ticket.trackingToken}%`]))[0].n)).toBe(5);

    await db.runMigrations({ transaction: 'each' });
    expect(Number((await db.query(holding, [`%${ticket.trackingToken}%`]))[0].n)).toBe(0);
    const rows: Array<{ channel: string; text_body: string; html_body: string | null; payload: unknown }> = await db.query(
      `SELECT channel, text_body, html_body, payload FROM notifications WHERE ticket_id = $1 AND dedupe_key LIKE 'old-%' ORDER BY channel`,
      [ticket.id],
    );
    expect(rows.map((r) => r.channel)).toEqual(['email', 'sms', 'webhook']);
    expect(rows[0].text_body).toBe(`Follow your issue: ${slotted}\nRate: ${slotted}&rate`);
    expect(rows[0].html_body).toBe(`<a href="${slotted}">Follow</a> <a href="${slotted}&amp;rate">Rate</a>`);
    expect(rows[1].text_body).toBe(`Li Wei is on it. ${slotted}`);
    expect(rows[2].payload).toEqual({ data: { body: `> ${slotted}` } });
    const [message] = await db.query(`SELECT body FROM messages WHERE ticket_id = $1`, [ticket.id]);
    expect(message.body).toBe(`Thanks!\n> Follow your issue: ${slotted}`);
  });
});
