import { freePortForTest } from '../support/free-port.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';

describe('health, OpenAPI and pagination', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('serves an OpenAPI document describing the ticket contract', async () => {
    const doc = await api.http.get('/api/docs/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/tickets', '/api/tickets/{id}/claim', '/api/tickets/{id}/handoff/accept', '/api/track/{code}', '/api/auth/login']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.components.schemas.PostMessageDto.properties).toHaveProperty('expectedSeq');
    await api.http.get('/api/docs').expect(200);
  });

  it('pages through tickets with a stable cursor, also through tickets opened in the same millisecond', async () => {
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    const sup = await f.agent('supervisor', team);
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await f.customerTicket()).id);
    // A microsecond apart within one millisecond: a cursor cut to the millisecond skipped all but the first page.
    await api.database.db.query(
      `UPDATE tickets SET created_at = timestamptz '2026-12-01T10:00:00.123Z' + array_position($1::uuid[], id) * interval '1 microsecond' WHERE id = ANY($1::uuid[])`,
      [created],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.http.get(url).set(sup.auth).expect(200);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });
});

describe('when Redis is down', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ REDIS_URL: `redis://127.0.0.1:${await freePortForTest()}` });
  });
  afterAll(() => api.close());

  it('readiness fails fast and names Redis, while tickets still work', async () => {
    const started = Date.now();
    const ready = await api.http.get('/health/ready').expect(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ready.body.checks).toEqual({ database: 'up', redis: 'down' });
    await new HelpdeskFactory(api).customerTicket();
  });
});
