import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * Each API process holds the agents behind tokens in memory. Two API instances on one database
 * stand for two processes: a change made through one (or straight in SQL) must hold in the other on
 * its very next request, although that one has the agent cached.
 */
describe('agent principals held in memory, across API instances', () => {
  let a: ApiHarness;
  let b: NestFastifyApplication;
  let bHttp: ReturnType<typeof request>;
  let f: HelpdeskFactory;
  let team: string;
  let supervisor: TestAgent;

  beforeAll(async () => {
    a = await startApi();
    b = await createApiApp(a.config);
    bHttp = request(b.getHttpServer());
    f = new HelpdeskFactory(a);
    team = await f.team('Front Desk', true);
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  /** Several reads through B, so B holds the agent. */
  async function warmB(agent: TestAgent, path = '/api/tickets'): Promise<void> {
    for (let i = 0; i < 3; i++) await bHttp.get(path).set(agent.auth).expect(200);
  }

  it('a deactivation through one instance refuses the very next request through the other', async () => {
    const temp = await f.agent('agent', team, 'Temp Worker');
    await warmB(temp);
    await a.http.patch(`/api/agents/${temp.id}`).set(supervisor.auth).send({ active: false }).expect(200);
    await bHttp.get('/api/tickets').set(temp.auth).expect(401);
    await a.http.get('/api/tickets').set(temp.auth).expect(401);
  });

  it('re-enabling lets the agent in again at once through the other instance, with a new sign-in (the old token ended with the disabling)', async () => {
    const temp = await f.agent('agent', team, 'Seasonal Worker');
    await warmB(temp);
    await a.http.patch(`/api/agents/${temp.id}`).set(supervisor.auth).send({ active: false }).expect(200);
    await bHttp.get('/api/tickets').set(temp.auth).expect(401);
    await a.http.patch(`/api/agents/${temp.id}`).set(supervisor.auth).send({ active: true }).expect(200);
    const again = await f.signIn(temp);
    await bHttp.get('/api/tickets').set(again.auth).expect(200);
    await bHttp.get('/api/tickets').set(temp.auth).expect(401);
  });

  it('a role change takes effect at once in the other instance, both ways', async () => {
    const admin = await f.agent('admin', null, 'Root');
    const rising = await f.agent('agent', team, 'Rising Star');
    await warmB(rising);
    await bHttp.get('/api/agents').set(rising.auth).expect(403);
    await a.http.patch(`/api/agents/${rising.id}`).set(admin.auth).send({ role: 'supervisor' }).expect(200);
    await bHttp.get('/api/agents').set(rising.auth).expect(200);
    await warmB(rising, '/api/agents');
    await a.http.patch(`/api/agents/${rising.id}`).set(admin.auth).send({ role: 'agent' }).expect(200);
    await bHttp.get('/api/agents').set(rising.auth).expect(403);
  });

  it('a change made in SQL by any other process holds at once too', async () => {
    const temp = await f.agent('agent', team, 'Contractor');
    await warmB(temp);
    await a.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [temp.id]);
    await bHttp.get('/api/tickets').set(temp.auth).expect(401);
  });

  it('a lost LISTEN connection forgets everything held, so a change made meanwhile still holds', async () => {
    const temp = await f.agent('agent', team, 'Night Shift');
    await warmB(temp);
    await a.database.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'firsthand-agent-changes' AND datname = current_database()`);
    await a.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [temp.id]);
    await bHttp.get('/api/tickets').set(temp.auth).expect(401);
    await a.http.get('/api/tickets').set(temp.auth).expect(401);
    // And both instances keep serving the agents still active.
    await bHttp.get('/api/tickets').set(supervisor.auth).expect(200);
    await a.http.get('/api/tickets').set(supervisor.auth).expect(200);
  });
});
