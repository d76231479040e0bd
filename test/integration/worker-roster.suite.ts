import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { WorkerRoster } from '@firsthand/persistence';
import { WorkerCheckIn } from '../../apps/worker/src/worker-check-in.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

/**
 * The worker roster: each worker process checks in with its roles, so a role no living process runs
 * is said by the API (supervisors), by /metrics and by the workers' own log, instead of its work
 * waiting unseen. The processes here are check-ins written through the roster itself.
 */
describe('the worker roster: which process runs which role, and the roles nobody runs', () => {
  let api: ApiHarness;
  let agent: TestAgent;
  let supervisor: TestAgent;
  const roster = () => api.app.get(WorkerRoster);
  const view = async () => (await api.http.get('/api/worker-processes').set(supervisor.auth).expect(200)).body;
  const checkIn = (roles: string[], pid = 4242) => {
    const id = randomUUID();
    return roster().checkIn({ id, hostname: 'worker-host', pid, roles, startedAt: new Date() }).then(() => id);
  };

  beforeAll(async () => {
    api = await startApi();
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    agent = await f.agent('agent', team);
    supervisor = await f.agent('supervisor', team);
  });
  afterEach(() => api.database.db.query(`DELETE FROM worker_processes`));
  afterAll(() => api.close());

  it('is for supervisors and admins; with no process every role is uncovered', async () => {
    await api.http.get('/api/worker-processes').expect(401);
    await api.http.get('/api/worker-processes').set(agent.auth).expect(403);
    const res = await api.http.get('/api/worker-processes').set(supervisor.auth).expect(200);
    const contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
    expect(contract.problems(contract.responseSchema('get', '/api/worker-processes', 200), res.body)).toEqual([]);
    expect(res.body.processes).toEqual([]);
    expect(res.body.uncoveredRoles).toEqual(['relays', 'events', 'timers', 'deliveries', 'mail', 'maintenance']);
    expect(Math.abs(Date.parse(res.body.checkedAt) - Date.now())).toBeLessThan(60_000);
  });

  it('counts each role over the living processes, oldest first, and lists what nobody runs', async () => {
    const first = await checkIn(['relays', 'events', 'timers'], 101);
    const second = await checkIn(['timers', 'deliveries'], 102);
    const body = await view();
    expect(body.processes.map((p: { id: string; pid: number; roles: string[]; hostname: string }) => [p.id, p.pid, p.roles, p.hostname])).toEqual([
      [first, 101, ['relays', 'events', 'timers'], 'worker-host'],
      [second, 102, ['timers', 'deliveries'], 'worker-host'],
    ]);
    expect(body.roles).toEqual([
      { role: 'relays', processes: 1 },
      { role: 'events', processes: 1 },
      { role: 'timers', processes: 2 },
      { role: 'deliveries', processes: 1 },
      { role: 'mail', processes: 0 },
      { role: 'maintenance', processes: 0 },
    ]);
    expect(body.uncoveredRoles).toEqual(['mail', 'maintenance']);
    // The API's /metrics says the same, for an alert on 0.
    const metrics = await api.http.get('/metrics').expect(200);
    expect(metrics.text).toMatch(/^firsthand_worker_role_processes\{role="timers"\} 2$/m);
    expect(metrics.text).toMatch(/^firsthand_worker_role_processes\{role="mail"\} 0$/m);
  });

  it('counts out a process silent for 45 s (killed without checking out); one that checks out goes at once; a day-old row is dropped', async () => {
    const killed = await checkIn(['deliveries'], 201);
    const stopping = await checkIn(['mail'], 202);
    await api.database.db.query(`UPDATE worker_processes SET seen_at = now() - interval '46 seconds' WHERE id = $1`, [killed]);
    expect((await view()).uncoveredRoles).toEqual(['relays', 'events', 'timers', 'deliveries', 'maintenance']);
    await roster().checkOut(stopping);
    expect((await view()).processes).toEqual([]);
    // Still there until a day has passed, then dropped by the next check-in.
    expect(await api.database.db.query(`SELECT id FROM worker_processes`)).toEqual([{ id: killed }]);
    await api.database.db.query(`UPDATE worker_processes SET seen_at = now() - interval '25 hours' WHERE id = $1`, [killed]);
    const fresh = await checkIn(['timers'], 203);
    expect(await api.database.db.query(`SELECT id FROM worker_processes`)).toEqual([{ id: fresh }]);
  });

  it("a worker process checks in with its roles, warns once after its grace when a role has no process, says when it is run again, and checks out", async () => {
    const warnings: string[] = [];
    const notes: string[] = [];
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
    const log = jest.spyOn(Logger.prototype, 'log').mockImplementation((message: unknown) => void notes.push(String(message)));
    try {
      const worker = new WorkerCheckIn(roster(), { ...api.config, worker: { ...api.config.worker, roles: new Set(['relays', 'events', 'timers', 'mail', 'maintenance'] as const) } });
      await worker.checkIn();
      expect((await view()).processes.map((p: { id: string; pid: number }) => [p.id, p.pid])).toEqual([[worker.id, process.pid]]);
      // Within its first 45 s the other processes of the deployment may still be starting: no warning.
      expect(warnings).toEqual([]);
      const afterGrace = Date.now() + 60_000;
      await worker.checkIn(afterGrace);
      await worker.checkIn(afterGrace + 15_000);
      expect(warnings).toEqual([expect.stringMatching(/^No worker process runs the role "deliveries" \(WORKER_ROLES\): no email, SMS or webhook is sent until one does; nothing is lost meanwhile$/)]);
      await checkIn(['deliveries'], 301);
      await worker.checkIn(afterGrace + 30_000);
      expect(notes).toContainEqual('The role "deliveries" is run again (1 process(es))');
      expect(warnings).toHaveLength(1);
      await worker.beforeApplicationShutdown();
      expect((await view()).processes.map((p: { pid: number }) => p.pid)).toEqual([301]);
    } finally {
      warn.mockRestore();
      log.mockRestore();
    }
  });
});
