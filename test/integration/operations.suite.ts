import { CustomerErasures } from '@firsthand/persistence';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('operations: Prometheus, the queue board, webhook endpoints and the notifications API', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agent: TestAgent;
  let supervisor: TestAgent;
  let admin: TestAgent;

  beforeAll(async () => {
    api = await startApi({ METRICS_BEARER_TOKEN: 'scrape-me-please', WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false' });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    agent = await f.agent('agent', team);
    supervisor = await f.agent('supervisor', team);
    admin = await f.agent('admin', null);
  });
  afterAll(() => api.close());

  it('GET /metrics: Prometheus text with request, queue and backlog series, behind its token', async () => {
    await api.http.get('/health/live').expect(200);
    await api.http.get('/metrics').expect(401);
    const res = await api.http.get('/metrics').set('Authorization', 'Bearer scrape-me-please').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    expect(res.text).toMatch(/firsthand_api_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} [1-9]/);
    expect(res.text).toMatch(/firsthand_queue_jobs\{queue="ticket-events",state="waiting"\} \d+/);
    expect(res.text).toMatch(/firsthand_job_outbox_backlog\{state="waiting"\} \d+/);
  });

  it('the queue board is for signed-in admins only', async () => {
    const anonymous = await api.http.get('/admin/queues').expect(303);
    expect(anonymous.headers.location).toBe('/admin/login');
    await api.http.get('/admin/queues/api/queues').expect(401);
    await api.http.get('/admin/login').expect(200).expect('content-type', /text\/html/);
    await api.http.post('/admin/session').set(supervisor.auth).expect(403);
    const session = await api.http.post('/admin/session').set(admin.auth).expect(204);
    const cookie = String(session.headers['set-cookie']);
    expect(cookie).toMatch(/^fh_admin=.+; HttpOnly; SameSite=Strict; Path=\/admin/);
    const jar = cookie.split(';')[0];
    await api.http.get('/admin/queues').set('Cookie', jar).expect(200).expect('content-type', /text\/html/);
    const queues = await api.http.get('/admin/queues/api/queues').set('Cookie', jar).expect(200);
    expect(queues.body.queues.map((q: { name: string }) => q.name).sort()).toEqual(['notifications', 'sla-timers', 'ticket-events', 'ticket-maintenance']);
    // A token that no longer belongs to an admin opens nothing, whatever the cookie says.
    await api.database.db.query(`UPDATE agents SET role = 'supervisor' WHERE id = $1`, [admin.id]);
    await api.http.get('/admin/queues/api/queues').set('Cookie', jar).expect(401);
    await api.database.db.query(`UPDATE agents SET role = 'admin' WHERE id = $1`, [admin.id]);
  });

  describe('webhook endpoints (admin)', () => {
    it('refuses private, loopback, link-local and non-http targets, and non-admins; stores nothing', async () => {
      for (const url of ['http://127.0.0.1:9/hook', 'http://10.1.2.3/hook', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/hook', 'http://localhost/hook']) {
        const res = await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url }).expect(400);
        // The reason and host let a page say why in its own language.
        expect(res.body.errors).toEqual([{ field: 'url', messages: [expect.stringMatching(/Refused webhook target/)], reason: 'not-public-address', values: { host: new URL(url).host } }]);
      }
      await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: 'ftp://example.com/x' }).expect(400);
      await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: 'https://93.184.216.34/hook', secret: 'mine' }).expect(400);
      await api.http.post('/api/webhook-endpoints').set(supervisor.auth).send({ url: 'https://93.184.216.34/hook' }).expect(403);
      const [{ n }] = await api.database.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints`);
      expect(n).toBe(0);
    });

    it('trusts only the ranges in WEBHOOK_ALLOWED_CIDRS (loopback, as npm start sets it): never the metadata address nor other private networks', async () => {
      const loopbackOnly = await startApi({ WEBHOOK_ALLOW_PRIVATE_TARGETS: 'false', WEBHOOK_ALLOWED_CIDRS: '127.0.0.1/32,::1/128' });
      try {
        const owner = await new HelpdeskFactory(loopbackOnly).agent('admin', null);
        for (const url of ['http://127.0.0.1:9/hook', 'http://[::1]:9/hook']) await loopbackOnly.http.post('/api/webhook-endpoints').set(owner.auth).send({ url }).expect(201);
        for (const url of ['http://169.254.169.254/latest/meta-data', 'http://10.1.2.3/hook', 'http://127.0.0.2/hook']) {
          const res = await loopbackOnly.http.post('/api/webhook-endpoints').set(owner.auth).send({ url }).expect(400);
          expect(res.body.errors).toEqual([{ field: 'url', messages: [expect.stringMatching(/Refused webhook target/)], reason: 'not-public-address', values: { host: new URL(url).host } }]);
        }
      } finally {
        await loopbackOnly.close();
      }
    });

    it('registers a public endpoint, returns its secret once and stores it sealed; removal stops it', async () => {
      const created = await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: 'https://93.184.216.34/hook', description: 'CRM' }).expect(201);
      expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
      const [row] = await api.database.db.query(`SELECT secret FROM webhook_endpoints WHERE id = $1`, [created.body.endpoint.id]);
      expect(row.secret).not.toContain(created.body.secret.slice(6));
      const list = await api.http.get('/api/webhook-endpoints').set(admin.auth).expect(200);
      expect(JSON.stringify(list.body)).not.toContain(created.body.secret.slice(6));
      const removed = await api.http.delete(`/api/webhook-endpoints/${created.body.endpoint.id}`).set(admin.auth).expect(200);
      expect(removed.body.active).toBe(false);
      await api.http.delete('/api/webhook-endpoints/00000000-0000-4000-8000-000000000000').set(admin.auth).expect(404);
    });

    it('at most 20 active endpoints, even registered at once: the rest are 409 and stored nowhere; removing one makes room', async () => {
      const active = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE active`))[0].n as number;
      const room = 20 - (await active());
      const answers = await Promise.all(Array.from({ length: room + 5 }, (_, i) => api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: `https://93.184.216.34/hook-${i}` })));
      expect(answers.filter((a) => a.status === 201)).toHaveLength(room);
      const refused = answers.filter((a) => a.status === 409);
      expect(refused).toHaveLength(5);
      expect(refused[0].body).toMatchObject({ type: expect.stringContaining('webhook-endpoint-limit'), limit: 20 });
      expect(await active()).toBe(20);
      const one = answers.find((a) => a.status === 201)!.body.endpoint.id as string;
      await api.http.delete(`/api/webhook-endpoints/${one}`).set(admin.auth).expect(200);
      await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: 'https://93.184.216.34/hook-again' }).expect(201);
    });
  });

  describe('notifications API', () => {
    it('lists for supervisors only, validates its filters, and 404s unknown notifications', async () => {
      await api.http.get('/api/notifications').set(agent.auth).expect(403);
      const bad = await api.http.get('/api/notifications').query({ status: 'failed,bogus', limit: 0 }).set(supervisor.auth).expect(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['limit', 'status']);
      await api.http.get('/api/notifications').query({ status: 'failed' }).set(supervisor.auth).expect(200, { items: [], nextCursor: null });
      await api.http.get('/api/notifications/not-a-uuid').set(supervisor.auth).expect(400);
      await api.http.post('/api/notifications/00000000-0000-4000-8000-000000000000/retry').set(supervisor.auth).expect(404);
    });

    it("agents see a ticket's notifications only when they may see the ticket", async () => {
      const ticket = await f.customerTicket();
      await api.http.get(`/api/tickets/${ticket.id}/notifications`).set(agent.auth).expect(200, { items: [] });
      const outsider = await f.agent('agent', await f.team('Elsewhere'));
      await api.http.get(`/api/tickets/${ticket.id}/notifications`).set(outsider.auth).expect(404);
      await api.http.get(`/api/tickets/${ticket.id}/notifications`).query({ recipient: 'customer' }).set(outsider.auth).expect(404);
    });

    it("lists a ticket's notifications to one kind of recipient, and refuses an unknown kind", async () => {
      const ticket = await f.customerTicket();
      for (const [key, type, address] of [['c', 'customer', 'mei@example.com'], ['a', 'agent', 'li@firsthand.local'], ['e', 'endpoint', 'https://hooks.example.com/fh']]) {
        await api.database.db.query(
          `INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, attempts, max_attempts)
           SELECT gen_random_uuid(), $2, ticket_id, id, 'received', $3, 'x', CASE WHEN $3 = 'endpoint' THEN 'webhook' ELSE 'email' END, $4, 'en', 'Hello', 'sent', 1, 5
           FROM ticket_events WHERE ticket_id = $1 AND seq = 1`,
          [ticket.id, `recipients-${ticket.id}-${key}`, type, address],
        );
      }
      const addresses = async (query: Record<string, string>) =>
        (await api.http.get(`/api/tickets/${ticket.id}/notifications`).query(query).set(agent.auth).expect(200)).body.items.map((n: { address: string }) => n.address).sort();
      expect(await addresses({})).toEqual(['https://hooks.example.com/fh', 'li@firsthand.local', 'mei@example.com']);
      expect(await addresses({ recipient: 'customer' })).toEqual(['mei@example.com']);
      expect(await addresses({ recipient: 'agent' })).toEqual(['li@firsthand.local']);
      expect(await addresses({ recipient: 'endpoint' })).toEqual(['https://hooks.example.com/fh']);
      const bad = await api.http.get(`/api/tickets/${ticket.id}/notifications`).query({ recipient: 'everyone' }).set(agent.auth).expect(400);
      expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['recipient']);
    });

    it("an erased customer's failed notifications leave the dead letters and cannot be sent again", async () => {
      const ticket = await f.customerTicket();
      const store = (key: string, recipientType: string, address: string) =>
        api.database.db.query(
          `INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, attempts, max_attempts, last_error)
           SELECT gen_random_uuid(), $2, ticket_id, id, 'agent_replied', $3, 'Mei Chen', 'email', $4, 'en', 'Hello Mei', 'failed', 5, 5, 'mailbox full'
           FROM ticket_events WHERE ticket_id = $1 AND seq = 1 RETURNING id`,
          [ticket.id, key, recipientType, address],
        );
      const [[toCustomer], [toAgent]] = await Promise.all([store(`erase-${ticket.id}-c`, 'customer', 'mei@example.com'), store(`erase-${ticket.id}-a`, 'agent', 'li@firsthand.local')]);
      const failedIds = async () =>
        (await api.http.get('/api/notifications').query({ status: 'failed', ticketId: ticket.id }).set(supervisor.auth).expect(200)).body.items.map((n: { id: string }) => n.id).sort();
      expect(await failedIds()).toEqual([toCustomer.id, toAgent.id].sort());

      await api.app.get(CustomerErasures).eraseNotifications([ticket.id], 'Erased customer 7');
      expect(await failedIds()).toEqual([]);
      for (const id of [toCustomer.id, toAgent.id]) {
        const refused = await api.http.post(`/api/notifications/${id}/retry`).set(supervisor.auth).expect(409);
        expect(refused.body).toMatchObject({ notificationStatus: 'suppressed' });
      }
      const rows = await api.database.db.query(`SELECT recipient_type, status, address, text_body FROM notifications WHERE ticket_id = $1 ORDER BY recipient_type`, [ticket.id]);
      expect(rows).toEqual([
        { recipient_type: 'agent', status: 'suppressed', address: 'li@firsthand.local', text_body: '[erased]' },
        { recipient_type: 'customer', status: 'suppressed', address: 'erased', text_body: '[erased]' },
      ]);
    });
  });
});
