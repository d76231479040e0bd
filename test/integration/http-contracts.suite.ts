import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { dayKey } from '@firsthand/domain';
import type { Response } from 'supertest';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument, type SchemaNode } from '../support/openapi-contract.js';

/**
 * The API's answers against its own OpenAPI document: each real body must be exactly what the
 * document declares for that route and status (the schema classes there implement the types in
 * @firsthand/http-contracts, which the web app reads).
 */
describe('HTTP contracts: real answers match the OpenAPI document', () => {
  let api: ApiHarness;
  let contract: OpenApiContract;
  let li: TestAgent;
  let zhang: TestAgent;
  let supervisor: TestAgent;
  let ticket: { id: string; code: string; trackingToken: string };

  /** Asserts the answer's status and that its body is exactly what the document declares. */
  function conforms(res: Response, method: string, path: string, status: number): void {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(contract.problems(contract.responseSchema(method, path, status), res.body)).toEqual([]);
  }

  const track = (path = '') => `/api/track/${ticket.code}${path}`;

  beforeAll(async () => {
    api = await startApi();
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    [li, zhang, supervisor] = await Promise.all([f.agent('agent', team, 'Li Wei'), f.agent('agent', team, 'Zhang Min'), f.agent('supervisor', team, 'Wang Fang')]);
    contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
  });
  afterAll(() => api.close());

  it('signing in', async () => {
    const res = await api.http.post('/api/auth/login').send({ email: li.email, password: TEST_PASSWORD });
    conforms(res, 'post', '/api/auth/login', 200);
  });

  it('opening a ticket, and the idempotent replay', async () => {
    const body = { subject: 'Refund not received', description: 'Paid twice.', channel: 'web', kind: 'problem', customer: { name: 'Wang Fang', email: 'wf@example.com' } };
    const opened = await api.http.post('/api/tickets').set('Idempotency-Key', 'contract-1').send(body);
    conforms(opened, 'post', '/api/tickets', 201);
    ticket = opened.body;
    conforms(await api.http.post('/api/tickets').set('Idempotency-Key', 'contract-1').send(body), 'post', '/api/tickets', 200);
  });

  it('the queue, one ticket, and its timeline', async () => {
    conforms(await api.http.get('/api/tickets').set(li.auth), 'get', '/api/tickets', 200);
    conforms(await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth), 'get', '/api/tickets/{id}', 200);
    conforms(await api.http.get(`/api/tickets/${ticket.id}/events`).set(li.auth), 'get', '/api/tickets/{id}/events', 200);
  });

  it('every ticket action answers with the ticket and the events it wrote', async () => {
    const at = (action: string) => `/api/tickets/${ticket.id}/${action}`;
    conforms(await api.http.post(at('claim')).set(li.auth), 'post', '/api/tickets/{id}/claim', 200);
    conforms(await api.http.post(at('messages')).set(li.auth).send({ body: 'Looking into it', visibility: 'public' }), 'post', '/api/tickets/{id}/messages', 201);
    conforms(await api.http.post(at('messages')).set(zhang.auth).send({ body: 'Bank says Friday', visibility: 'internal' }), 'post', '/api/tickets/{id}/messages', 201);
    conforms(await api.http.post(at('status')).set(li.auth).send({ status: 'pending_customer' }), 'post', '/api/tickets/{id}/status', 200);
    conforms(await api.http.post(at('escalate')).set(li.auth).send({ reason: 'Twice charged' }), 'post', '/api/tickets/{id}/escalate', 200);
    conforms(await api.http.post(at('handoff')).set(li.auth).send({ toAgentId: zhang.id, note: 'Bank contact is yours' }), 'post', '/api/tickets/{id}/handoff', 200);
    conforms(await api.http.post(at('handoff/decline')).set(zhang.auth), 'post', '/api/tickets/{id}/handoff/decline', 200);
    await api.http.post(at('handoff')).set(li.auth).send({ toAgentId: zhang.id, note: 'Please take it' }).expect(200);
    conforms(await api.http.post(at('handoff/accept')).set(zhang.auth), 'post', '/api/tickets/{id}/handoff/accept', 200);
    conforms(await api.http.post(at('reassign')).set(supervisor.auth).send({ toAgentId: li.id, reason: 'Zhang is away' }), 'post', '/api/tickets/{id}/reassign', 200);
    const events = await api.http.get(`/api/tickets/${ticket.id}/events`).set(li.auth);
    conforms(events, 'get', '/api/tickets/{id}/events', 200);
    expect(new Set(events.body.items.map((e: { type: string }) => e.type)).size).toBeGreaterThanOrEqual(9);
  });

  it("the customer's tracking view and actions", async () => {
    const token = { 'X-Tracking-Token': ticket.trackingToken };
    conforms(await api.http.get(track()).set(token), 'get', '/api/track/{code}', 200);
    conforms(await api.http.post(track('/messages')).set(token).send({ body: 'Any news?' }), 'post', '/api/track/{code}/messages', 201);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Refunded' }).expect(200);
    conforms(await api.http.post(track('/feedback')).set(token).send({ rating: 5, comment: 'Quick' }), 'post', '/api/track/{code}/feedback', 200);
    conforms(await api.http.post(track('/reopen')).set(token), 'post', '/api/track/{code}/reopen', 200);
  });

  it("a ticket's mails, a mail read again whole, and the supervisors' review of mail that made no ticket", async () => {
    const raw = Buffer.from(`From: Sara <sara@example.com>\r\nTo: support@firsthand.local\r\nSubject: Refund\r\nMessage-ID: <contract-1@example.com>\r\nDate: Tue, 01 Dec 2026 10:00:00 +0000\r\n\r\nWhere is my refund?\r\n\r\n> Follow it here: http://localhost:3000/track/${ticket.code}#token=${ticket.trackingToken}\r\n`);
    const { key } = await api.app.get<FileStorage>(FILE_STORAGE).put(raw);
    const [mail] = await api.database.db.query(
      `INSERT INTO inbound_mails (dedup_key, mailbox, message_id, from_address, subject, size_bytes, outcome, ticket_id, verified, auth, original_key)
       VALUES ('mid:contract-1@example.com', 'smtp', 'contract-1@example.com', 'sara@example.com', 'Refund', $1, 'opened', $2, null, '{"dkim":"none","spf":"none","dmarc":"none"}', $3) RETURNING id`,
      [raw.length, ticket.id, key],
    );
    await api.database.db.query(
      `INSERT INTO inbound_mails (dedup_key, mailbox, message_id, from_address, subject, size_bytes, outcome, reason) VALUES ('mid:ooo@example.com', 'imap:support', 'ooo@example.com', 'ooo@example.com', 'Out of office', 10, 'ignored', 'auto_submitted: auto-replied')`,
    );
    conforms(await api.http.get(`/api/tickets/${ticket.id}/mails`).set(li.auth), 'get', '/api/tickets/{id}/mails', 200);
    const original = await api.http.get(`/api/tickets/${ticket.id}/mails/${mail.id}`).set(li.auth);
    conforms(original, 'get', '/api/tickets/{id}/mails/{mailId}', 200);
    expect(original.body.fullText).toContain('Where is my refund?');
    // The quoted tracking link keeps its place but not the customer's token: an agent must not act as the customer.
    expect(original.body.fullText).toContain(`/track/${ticket.code}#token=`);
    expect(original.body.fullText).not.toContain(ticket.trackingToken);
    // The bytes as received keep the quoted token: supervisors and admins only.
    const refused = await api.http.get(`/api/tickets/${ticket.id}/mails/${mail.id}/raw`).set(li.auth).expect(403);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    const raw2 = await api.http.get(`/api/tickets/${ticket.id}/mails/${mail.id}/raw`).set(supervisor.auth).expect(200);
    expect(raw2.headers['content-type']).toMatch(/^message\/rfc822/);
    expect(raw2.headers['x-content-type-options']).toBe('nosniff');
    const review = await api.http.get('/api/inbound-mails').set(supervisor.auth);
    conforms(review, 'get', '/api/inbound-mails', 200);
    expect(review.body.items.map((m: { subject: string }) => m.subject)).toEqual(['Out of office']);
  });

  it('the FCR report, grouped by agent and by day, and the live figures', async () => {
    const today = dayKey(new Date(), api.config.metricsTimeZone);
    for (const groupBy of ['agent', 'day']) {
      const res = await api.http.get('/api/metrics/fcr').query({ from: today, to: today, groupBy }).set(supervisor.auth);
      conforms(res, 'get', '/api/metrics/fcr', 200);
      expect(res.body.groups.length).toBeGreaterThan(0);
    }
    conforms(await api.http.get('/api/metrics/live').set(supervisor.auth), 'get', '/api/metrics/live', 200);
  });

  it('agents, teams and colleagues', async () => {
    const team = await api.http.post('/api/teams').set(supervisor.auth).send({ name: 'Billing' });
    conforms(team, 'post', '/api/teams', 201);
    conforms(await api.http.get('/api/teams').set(li.auth), 'get', '/api/teams', 200);
    const agent = await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Chen Jie', email: 'chen.jie@example.com', password: 'long-enough-1', role: 'agent' });
    conforms(agent, 'post', '/api/agents', 201);
    conforms(await api.http.patch(`/api/agents/${agent.body.id}`).set(supervisor.auth).send({ teamId: team.body.id }), 'patch', '/api/agents/{id}', 200);
    conforms(await api.http.get('/api/agents').set(supervisor.auth), 'get', '/api/agents', 200);
    conforms(await api.http.get('/api/colleagues').set(li.auth), 'get', '/api/colleagues', 200);
    const admin = await new HelpdeskFactory(api).agent('admin', null, 'Root Admin');
    conforms(await api.http.patch(`/api/teams/${team.body.id}`).set(admin.auth).send({ name: 'Billing and refunds' }), 'patch', '/api/teams/{id}', 200);
  });

  it('webhook endpoints', async () => {
    const admin = await new HelpdeskFactory(api).agent('admin', null, 'Hook Admin');
    const registered = await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: 'https://93.184.216.34/hook', description: 'CRM' });
    conforms(registered, 'post', '/api/webhook-endpoints', 201);
    conforms(await api.http.get('/api/webhook-endpoints').set(admin.auth), 'get', '/api/webhook-endpoints', 200);
    conforms(await api.http.delete(`/api/webhook-endpoints/${registered.body.endpoint.id}`).set(admin.auth), 'delete', '/api/webhook-endpoints/{id}', 200);
  });

  it('notifications', async () => {
    // Planning notifications is the worker's job; one failed send is stored here so the lists carry an item.
    const [notification] = await api.database.db.query(
      `INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, attempts, max_attempts, last_error)
       SELECT gen_random_uuid(), 'contract-1', ticket_id, id, 'agent_replied', 'customer', 'Wang Fang', 'email', 'wf@example.com', 'en', 'Hello', 'failed', 5, 5, 'mailbox full'
       FROM ticket_events WHERE ticket_id = $1 AND seq = 1 RETURNING id`,
      [ticket.id],
    );
    const list = await api.http.get('/api/notifications').query({ status: 'failed' }).set(supervisor.auth);
    conforms(list, 'get', '/api/notifications', 200);
    expect(list.body.items).toHaveLength(1);
    conforms(await api.http.get(`/api/tickets/${ticket.id}/notifications`).set(li.auth), 'get', '/api/tickets/{id}/notifications', 200);
    conforms(await api.http.post(`/api/notifications/${notification.id}/retry`).set(supervisor.auth), 'post', '/api/notifications/{id}/retry', 202);
  });

  // Search and saved views (issue 12, search).
  it('search, with and without a query, and saved views with their counts', async () => {
    conforms(await api.http.get('/api/search').query({ q: 'Refund' }).set(li.auth), 'get', '/api/search', 200);
    conforms(await api.http.get('/api/search').query({ q: ticket.code }).set(li.auth), 'get', '/api/search', 200);
    conforms(await api.http.get('/api/search').query({ status: 'open', limit: 1 }).set(li.auth), 'get', '/api/search', 200);
    const created = await api.http.post('/api/views').set(li.auth).send({ name: 'Open refunds', scope: 'team', q: 'refund', filters: { status: ['open'], tags: ['billing'] } });
    conforms(created, 'post', '/api/views', 201);
    conforms(await api.http.patch(`/api/views/${created.body.id}`).set(li.auth).send({ name: 'Refunds' }), 'patch', '/api/views/{id}', 200);
    conforms(await api.http.get('/api/views').set(zhang.auth), 'get', '/api/views', 200);
    conforms(await api.http.get('/api/views/counts').set(zhang.auth), 'get', '/api/views/counts', 200);
  });

  it('tags, macros and bulk actions', async () => {
    const opened = (await api.http.post('/api/tickets').send({ subject: 'Tag me please', description: 'x', customer: { name: 'Q', email: 'q-contract@example.com' } }).expect(201)).body;
    await api.http.post(`/api/tickets/${opened.id}/claim`).set(li.auth).expect(200);
    conforms(await api.http.patch(`/api/tickets/${opened.id}/tags`).set(zhang.auth).send({ add: ['VIP', '退款'] }), 'patch', '/api/tickets/{id}/tags', 200);
    conforms(await api.http.get('/api/tags').query({ prefix: 'v' }).set(li.auth), 'get', '/api/tags', 200);
    const macro = await api.http.post('/api/macros').set(li.auth).send({ name: 'Wait', scope: 'personal', reply: { en: 'Hi {{customer.name}}' }, status: 'pending_customer', addTags: ['waiting'], priority: 'high' });
    conforms(macro, 'post', '/api/macros', 201);
    conforms(await api.http.get('/api/macros').set(li.auth), 'get', '/api/macros', 200);
    conforms(await api.http.patch(`/api/macros/${macro.body.id}`).set(li.auth).send({ name: 'Waiting', reply: { en: 'Hi {{customer.name}}' }, status: 'pending_customer', addTags: ['waiting'], expectedVersion: 1 }), 'patch', '/api/macros/{id}', 200);
    conforms(await api.http.post(`/api/tickets/${opened.id}/macros/${macro.body.id}/apply`).set(li.auth), 'post', '/api/tickets/{id}/macros/{macroId}/apply', 200);
    const bulk = await api.http.post('/api/tickets/bulk').set(supervisor.auth).send({ action: 'close_as_spam', ticketIds: [opened.id, '00000000-0000-4000-8000-000000000000'] });
    conforms(bulk, 'post', '/api/tickets/bulk', 200);
    expect(bulk.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false]);
  });

  it('every $ref in the document names a schema it has', async () => {
    const document = (await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument;
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(100);
    expect(refs.filter((name) => !(name in document.components.schemas))).toEqual([]);
  });

  describe('the check itself', () => {
    let schema: SchemaNode;
    let view: Record<string, unknown>;
    beforeAll(async () => {
      schema = contract.responseSchema('get', '/api/tickets/{id}', 200);
      view = (await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth).expect(200)).body;
    });

    it('fails a field the answer has and the document does not', () => {
      expect(contract.problems(schema, { ...view, priorityScore: 3 })).toEqual(['$.priorityScore: in the answer, not in the document']);
    });

    it('fails a field the document requires and the answer lacks', () => {
      const { tags: _, ...withoutTags } = view;
      expect(contract.problems(schema, withoutTags)).toEqual(['$.tags: required by the document, missing in the answer']);
    });

    it('fails a field whose type differs, however deep', () => {
      expect(contract.problems(schema, { ...view, lastSeq: '7' })).toEqual(['$.lastSeq: expected an integer, got "7"']);
      expect(contract.problems(schema, { ...view, status: 'archived' })).toHaveLength(1);
      expect(contract.problems(schema, { ...view, customer: { ...(view.customer as object), locale: 'fr' } })).toEqual([expect.stringContaining('$.customer.locale')]);
      expect(contract.problems(schema, { ...view, sla: { ...(view.sla as object), resolutionDueAt: 'soon' } })).toEqual(['$.sla.resolutionDueAt: "soon" is not a date-time']);
    });

    it("checks each event's payload against the schema of its type", async () => {
      const pageSchema = contract.responseSchema('get', '/api/tickets/{id}/events', 200);
      const page = (await api.http.get(`/api/tickets/${ticket.id}/events`).set(li.auth).expect(200)).body;
      const claimed = page.items.find((e: { type: string }) => e.type === 'claimed');
      const withItem = (item: object) => ({ ...page, items: [item] });
      expect(contract.problems(pageSchema, withItem(claimed))).toEqual([]);
      expect(contract.problems(pageSchema, withItem({ ...claimed, payload: { ...claimed.payload, via: 'magic' } }))).toEqual([expect.stringContaining('$.items[0].payload.via')]);
      expect(contract.problems(pageSchema, withItem({ ...claimed, payload: { ...claimed.payload, seat: 4 } }))).toEqual(['$.items[0].payload.seat: in the answer, not in the document']);
      expect(contract.problems(pageSchema, withItem({ ...claimed, type: 'rated' }))).not.toEqual([]);
      expect(contract.problems(pageSchema, withItem({ ...claimed, type: 'teleported' }))).toEqual(['$.items[0].type: "teleported" names no schema the document lists']);
    });
  });
});
