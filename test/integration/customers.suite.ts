import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('customers: the profile and the lookup over real HTTP and PostgreSQL', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let front: string;
  let billing: string;
  let supervisor: TestAgent;
  let agent: TestAgent;
  let outsider: TestAgent;
  const db = () => api.database.db;
  const customerOf = async (ticketId: string): Promise<string> => (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id;
  const everything = async () => ({
    customers: await db().query(`SELECT * FROM customers ORDER BY id`),
    tickets: await db().query(`SELECT id, customer_id, tier, first_response_due_at, resolution_due_at, last_seq FROM tickets ORDER BY id`),
    events: (await db().query(`SELECT count(*)::int AS n FROM ticket_events`))[0].n,
    outbox: (await db().query(`SELECT count(*)::int AS n FROM job_outbox`))[0].n,
  });

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    front = await f.team('Front Desk', true);
    billing = await f.team('Billing');
    supervisor = await f.agent('supervisor', front, 'Wang Fang');
    agent = await f.agent('agent', front, 'Li Wei');
    outsider = await f.agent('agent', billing, 'Sara Lopez');
  });
  afterAll(() => api.close());

  it('shows the customer with their tickets, owner, repeat link, rating and counts', async () => {
    const email = `zhang-${Date.now()}@example.com`;
    const first = await f.customerTicket({ subject: 'Charged twice' }, { name: 'Zhang Wei', email, phone: '+8613800000001', locale: 'zh-CN' });
    await api.http.post(`/api/tickets/${first.id}/claim`).set(agent.auth).expect(200);
    await api.http.post(`/api/tickets/${first.id}/status`).set(agent.auth).send({ status: 'resolved', resolution: 'Refunded' }).expect(200);
    await api.http.post(`/api/track/${first.code}/feedback`).set('X-Tracking-Token', first.trackingToken).send({ rating: 4, comment: '快' }).expect(200);
    const second = await f.customerTicket({ subject: 'Still charged' }, { name: 'Zhang Wei', email });
    expect(second.repeatOfTicketId).toBe(first.id);
    const customerId = await customerOf(first.id);

    const res = await api.http.get(`/api/customers/${customerId}`).set(agent.auth).expect(200);
    expect(res.body).toMatchObject({
      id: customerId, name: 'Zhang Wei', email, phone: '+8613800000001', tier: 'standard', locale: 'zh-CN', mergedFromId: null, otherContacts: [],
      counts: { tickets: 2, open: 1, resolved: 1, repeatContacts: 1, rated: 1, hidden: 0 },
      averageRating: 4,
    });
    expect(res.body.tickets.items.map((t: { code: string }) => t.code)).toEqual([second.code, first.code]);
    expect(res.body.tickets.items[1]).toMatchObject({ subject: 'Charged twice', status: 'resolved', owner: { id: agent.id, name: 'Li Wei' }, channel: 'web', repeatOf: null });
    expect(res.body.tickets.items[0]).toMatchObject({ owner: null, repeatOf: { id: first.id, code: first.code } });
    expect(res.body.csatHistory).toEqual([expect.objectContaining({ ticketId: first.id, code: first.code, rating: 4, comment: '快' })]);
    expect(res.body.repeatContacts).toEqual([expect.objectContaining({ ticketId: second.id, repeatOfTicketId: first.id, repeatOfCode: first.code })]);
  });

  it('an agent of another team sees the customer but not the tickets, only how many are hidden; a supervisor sees all', async () => {
    const ticket = await f.customerTicket({}, { name: 'Hidden Han' });
    const customerId = await customerOf(ticket.id);
    const other = await api.http.get(`/api/customers/${customerId}`).set(outsider.auth).expect(200);
    expect(other.body).toMatchObject({ name: 'Hidden Han', counts: { tickets: 0, hidden: 1 }, csatHistory: [], repeatContacts: [] });
    expect(other.body.tickets.items).toEqual([]);
    const all = await api.http.get(`/api/customers/${customerId}`).set(supervisor.auth).expect(200);
    expect(all.body.counts).toMatchObject({ tickets: 1, hidden: 0 });
  });

  it('pages the tickets with a keyset cursor, also through tickets opened in the same millisecond', async () => {
    const email = `pager-${Date.now()}@example.com`;
    const opened = [];
    for (let i = 0; i < 5; i++) opened.push(await f.customerTicket({ subject: `Page ${i}` }, { name: 'Pager', email }));
    await api.database.db.query(
      `UPDATE tickets SET created_at = timestamptz '2026-12-01T10:00:00.123Z' + array_position($1::uuid[], id) * interval '1 microsecond' WHERE id = ANY($1::uuid[])`,
      [opened.map((t) => t.id)],
    );
    const customerId = await customerOf(opened[0].id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { tickets: { items: Array<{ id: string }>; nextCursor: string | null } } } = await api.http
        .get(`/api/customers/${customerId}`).query({ limit: 2, ...(cursor ? { cursor } : {}) }).set(agent.auth).expect(200);
      expect(page.body.tickets.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.tickets.items.map((t) => t.id));
      cursor = page.body.tickets.nextCursor;
    } while (cursor);
    expect(seen).toEqual(opened.map((t) => t.id).reverse());
  });

  it('finds customers by part of a name, email or phone', async () => {
    const email = `lookup-${Date.now()}@example.com`;
    await f.customerTicket({}, { name: 'Lookup Liu', email, phone: '+8613912345678' });
    for (const q of ['lookup liu', email.slice(0, 12), '13912345']) {
      const res = await api.http.get('/api/customers').query({ q }).set(agent.auth).expect(200);
      expect(res.body.items).toEqual([expect.objectContaining({ name: 'Lookup Liu', email, ticketCount: 1 })]);
    }
    const wild = await api.http.get('/api/customers').query({ q: '%_' }).set(agent.auth).expect(200);
    expect(wild.body.items).toEqual([]);
  });

  it('refuses bad input with a 4xx naming it', async () => {
    const ticket = await f.customerTicket();
    const customerId = await customerOf(ticket.id);
    await api.http.get(`/api/customers/not-a-uuid`).set(agent.auth).expect(400);
    const missing = await api.http.get(`/api/customers/${NOBODY}`).set(agent.auth).expect(404);
    expect(missing.body).toMatchObject({ type: 'https://firsthand.dev/problems/customer-not-found' });
    const cursor = await api.http.get(`/api/customers/${customerId}`).query({ cursor: 'junk' }).set(agent.auth).expect(400);
    expect(cursor.body.errors[0].field).toBe('cursor');
    const limit = await api.http.get(`/api/customers/${customerId}`).query({ limit: 1000 }).set(agent.auth).expect(400);
    expect(limit.body.errors[0].field).toBe('limit');
    const short = await api.http.get('/api/customers').query({ q: 'a' }).set(agent.auth).expect(400);
    expect(short.body.errors[0].field).toBe('q');
    await api.http.get('/api/customers').query({ q: 'x'.repeat(101) }).set(agent.auth).expect(400);
    await api.http.get('/api/customers').query({ q: 'abc', limit: 26 }).set(agent.auth).expect(400);
  });

  it('the customer side cannot reach these routes: no token, or a tracking token, is 401', async () => {
    const ticket = await f.customerTicket();
    const customerId = await customerOf(ticket.id);
    const before = await everything();
    await api.http.get(`/api/customers/${customerId}`).expect(401);
    await api.http.get(`/api/customers/${customerId}`).set('X-Tracking-Token', ticket.trackingToken).expect(401);
    await api.http.patch(`/api/customers/${customerId}`).set('X-Tracking-Token', ticket.trackingToken).send({ tier: 'vip' }).expect(401);
    await api.http.post(`/api/customers/${customerId}/merge`).set('X-Tracking-Token', ticket.trackingToken).send({ duplicateId: NOBODY }).expect(401);
    expect(await everything()).toEqual(before);
  });

  it('every answer, and the timeline with the new events, is exactly what the OpenAPI document declares', async () => {
    const contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
    const conforms = (res: { status: number; body: unknown }, method: string, path: string, status: number) => {
      expect(res.status).toBe(status);
      expect(contract.problems(contract.responseSchema(method, path, status), res.body)).toEqual([]);
    };
    const email = `contract-${Date.now()}@example.com`;
    const first = await f.customerTicket({}, { name: 'Contract Cao', email, phone: '+8613000000000' });
    await api.http.post(`/api/tickets/${first.id}/claim`).set(agent.auth).expect(200);
    await api.http.post(`/api/tickets/${first.id}/status`).set(agent.auth).send({ status: 'resolved', resolution: 'ok' }).expect(200);
    await api.http.post(`/api/track/${first.code}/feedback`).set('X-Tracking-Token', first.trackingToken).send({ rating: 5 }).expect(200);
    const second = await f.customerTicket({}, { name: 'Contract Cao', email });
    const dup = await f.customerTicket({}, { name: 'Contract C.', email: `contract-dup-${Date.now()}@example.com` });
    const id = await customerOf(first.id);
    conforms(await api.http.get('/api/customers').query({ q: 'Contract' }).set(agent.auth), 'get', '/api/customers', 200);
    conforms(await api.http.patch(`/api/customers/${id}`).set(supervisor.auth).send({ tier: 'member' }), 'patch', '/api/customers/{id}', 200);
    conforms(await api.http.post(`/api/customers/${id}/merge`).set(supervisor.auth).send({ duplicateId: await customerOf(dup.id) }), 'post', '/api/customers/{id}/merge', 200);
    conforms(await api.http.get(`/api/customers/${await customerOf(dup.id)}`).query({ limit: 2 }).set(agent.auth), 'get', '/api/customers/{id}', 200);
    conforms(await api.http.get(`/api/tickets/${second.id}/events`).set(agent.auth), 'get', '/api/tickets/{id}/events', 200);
    conforms(await api.http.get(`/api/tickets/${dup.id}/events`).set(agent.auth), 'get', '/api/tickets/{id}/events', 200);
  });
});
