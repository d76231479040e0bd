import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';

/** `GET /api/customers/:id/exports` (docs/data-rights.md): the customer page lists what was asked for and says why a further request is refused. No worker runs here, so exports stay queued. */
describe('customer exports: the list over real HTTP and PostgreSQL', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let customerId: string;
  const db = () => api.database.db;
  const list = (query = '') => api.http.get(`/api/customers/${customerId}/exports${query}`).set(admin.auth);

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    admin = await f.agent('admin', team, 'Root Admin');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    const ticket = await f.customerTicket({ subject: 'My data, please' }, { name: 'Mina Park', email: `mina-${Date.now()}@example.com` });
    customerId = (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticket.id]))[0].customer_id;
  });
  afterAll(() => api.close());

  it('lists the exports newest first with the live count and limit; the fourth request is refused and all three stay listed', async () => {
    expect((await list().expect(200)).body).toEqual({ items: [], live: 0, liveLimit: 3, keepHours: 24 });
    const asked: string[] = [];
    for (let i = 0; i < 3; i++) asked.push((await api.http.post(`/api/customers/${customerId}/exports`).set(admin.auth).expect(202)).body.id);
    const refused = await api.http.post(`/api/customers/${customerId}/exports`).set(admin.auth).expect(409);
    expect(refused.body).toMatchObject({ type: 'https://firsthand.dev/problems/too-many-exports', limit: 3 });

    const res = await list().expect(200);
    expect(res.headers['content-type']).toContain('application/json');
    expect(res.body).toMatchObject({ live: 3, liveLimit: 3, keepHours: 24 });
    expect(res.body.items.map((e: { id: string }) => e.id)).toEqual([...asked].reverse());
    expect(res.body.items[0]).toEqual({ id: asked[2], customerId, state: 'queued', requestedAt: expect.any(String), readyAt: null, expiresAt: null, sizeBytes: null, downloadUrl: null, error: null });

    // One made ready (as the worker would), one expired: the ready one has its download link, the expired one no longer counts.
    await db().query(`UPDATE customer_exports SET state = 'ready', file_name = id || '.zip', size_bytes = 2048, ready_at = now(), expires_at = now() + interval '24 hours' WHERE id = $1`, [asked[0]]);
    await db().query(`UPDATE customer_exports SET state = 'expired' WHERE id = $1`, [asked[1]]);
    const after = (await list('?limit=2').expect(200)).body;
    expect(after.live).toBe(2);
    expect(after.items.map((e: { id: string; state: string }) => [e.id, e.state])).toEqual([[asked[2], 'queued'], [asked[1], 'expired']]);
    const ready = (await list().expect(200)).body.items.find((e: { id: string }) => e.id === asked[0]);
    expect(ready).toMatchObject({ state: 'ready', sizeBytes: 2048, downloadUrl: `/api/customers/${customerId}/exports/${asked[0]}/download` });

    const contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
    expect(contract.problems(contract.responseSchema('get', '/api/customers/{id}/exports', 200), after)).toEqual([]);
  });

  it('answers only admins, as the export route does; an unknown customer is 404; bad input is 400 problem+json and reads nothing', async () => {
    const forbidden = await api.http.get(`/api/customers/${customerId}/exports`).set(supervisor.auth).expect(403);
    expect(forbidden.headers['content-type']).toContain('application/problem+json');
    await api.http.get(`/api/customers/${customerId}/exports`).expect(401);
    const unknown = await api.http.get(`/api/customers/${NOBODY}/exports`).set(admin.auth).expect(404);
    expect(unknown.body.type).toBe('https://firsthand.dev/problems/customer-not-found');
    for (const [path, field] of [
      [`/api/customers/not-a-uuid/exports`, 'id'],
      [`/api/customers/${customerId}/exports?limit=0`, 'limit'],
      [`/api/customers/${customerId}/exports?limit=51`, 'limit'],
      [`/api/customers/${customerId}/exports?limit=two`, 'limit'],
      [`/api/customers/${customerId}/exports?colour=red`, 'colour'],
    ]) {
      const res = await api.http.get(path).set(admin.auth).expect(400);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
  });
});
