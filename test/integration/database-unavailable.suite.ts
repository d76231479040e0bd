import { DataSource, type QueryRunner } from 'typeorm';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** Issue 13: a database the API cannot reach is the server's trouble, said as 503 with Retry-After, not a 500. */
describe('database out of reach: 503 problem+json with Retry-After', () => {
  let api: ApiHarness;
  let agent: TestAgent;

  beforeAll(async () => {
    // One pooled connection, so that the test can hold it and leave a request none to take.
    api = await startApi({ DATABASE_POOL_SIZE: '1' });
    const f = new HelpdeskFactory(api);
    agent = await f.agent('agent', await f.team('Front Desk', true));
  });
  afterAll(() => api.close());

  it('a request that waits past the pool connect timeout is 503, and the next one after the pool frees is served', async () => {
    await api.http.get('/api/tickets').set(agent.auth).expect(200);
    const held: QueryRunner = api.app.get(DataSource).createQueryRunner();
    await held.connect();
    try {
      const res = await api.http.get('/api/tickets').set(agent.auth);
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ status: 503, type: expect.stringContaining('service-unavailable'), instance: '/api/tickets' });
    } finally {
      await held.release();
    }
    await api.http.get('/api/tickets').set(agent.auth).expect(200);
  });
});
