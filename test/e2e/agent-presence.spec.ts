import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { LiveClient } from '../support/live-client.js';
import { eventually } from '../support/notification-sinks.js';
import { gatewayEnv, startGateways } from '../support/gateway-processes.js';

/** Agents' presence from their own consoles: the API in this process, two gateway processes, real socket.io clients. */
describe('agent presence across two gateway processes', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let gateways: AppProcess[];
  let li: TestAgent;
  let zhang: TestAgent;
  let boss: TestAgent;
  const clients: LiveClient[] = [];
  const agentsUrl = (gateway: AppProcess) => `http://127.0.0.1:${gateway.port}/agents`;
  const connect = async (gateway: AppProcess, agent: TestAgent) => {
    const client = await LiveClient.connect(agentsUrl(gateway), { token: agent.token });
    clients.push(client);
    return client;
  };
  /** Li's presence as a colleague sees it, and as the supervisor's agent load shows it. */
  const presenceOfLi = async () => {
    const colleagues = (await api.http.get('/api/colleagues').set(zhang.auth).expect(200)).body.items as Array<{ id: string; presence: string }>;
    const load = (await api.http.get('/api/metrics/live').set(boss.auth).expect(200)).body.agents as Array<{ agentId: string; presence: string }>;
    return { colleague: colleagues.find((c) => c.id === li.id)?.presence, load: load.find((a) => a.agentId === li.id)?.presence };
  };
  const becomes = (presence: string, what: string) => eventually(async () => {
    const seen = await presenceOfLi();
    return seen.colleague === presence && seen.load === presence && seen;
  }, 10_000, what);

  beforeAll(async () => {
    api = await startApi();
    gateways = await startGateways(api, 2);
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    zhang = await f.agent('agent', team, 'Zhang Min');
    boss = await f.agent('supervisor', team, 'Wang Fang');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await Promise.all((gateways ?? []).map((g) => g.stop()));
    await api?.close();
  });

  it('offline with no console open; online or away as chosen while one is, on either gateway; offline when the last one closes', async () => {
    expect(await presenceOfLi()).toEqual({ colleague: 'offline', load: 'offline' });
    // A choice made with no console open is kept, and shows once one connects.
    expect((await api.http.put('/api/agents/me/availability').set(li.auth).send({ availability: 'away' }).expect(200)).body).toEqual({ availability: 'away', presence: 'offline' });

    const first = await connect(gateways[0], li);
    await becomes('away', 'away once a console is connected');
    expect((await api.http.put('/api/agents/me/availability').set(li.auth).send({ availability: 'online' }).expect(200)).body).toEqual({ availability: 'online', presence: 'online' });
    expect(await presenceOfLi()).toEqual({ colleague: 'online', load: 'online' });

    // A second console on the other gateway: closing the first leaves the agent online.
    const second = await connect(gateways[1], li);
    await eventually(async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM agent_connections WHERE agent_id = $1`, [li.id]))[0].n === 2, 10_000, 'both sockets recorded');
    first.close();
    await eventually(async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM agent_connections WHERE agent_id = $1`, [li.id]))[0].n === 1, 10_000, 'the first socket gone');
    expect(await presenceOfLi()).toEqual({ colleague: 'online', load: 'online' });
    // The last one dropped without a goodbye.
    second.socket.io.engine.close();
    await becomes('offline', 'offline once the last console is gone');
    expect((await api.http.get('/api/agents/me/availability').set(li.auth).expect(200)).body).toEqual({ availability: 'online', presence: 'offline' });
  });

  it("a supervisor's agent load follows presence live: a console opening or closing on either gateway, and a choice made, are pushed with no ticket changing", async () => {
    const watching = await LiveClient.connect(`http://127.0.0.1:${gateways[1].port}/supervisors`, { token: boss.token });
    clients.push(watching);
    const pushedPresence = () => watching.events<{ agents: Array<{ agentId: string; presence: string }> }>('metrics.changed').map((m) => m.agents.find((a) => a.agentId === li.id)?.presence);
    const pushed = (presence: string, what: string) => eventually(async () => pushedPresence().at(-1) === presence, 10_000, what);
    await api.http.put('/api/agents/me/availability').set(li.auth).send({ availability: 'online' }).expect(200);
    await pushed('offline', 'the choice pushed while no console is open: still offline');
    const eventsBefore = (await api.database.db.query(`SELECT count(*)::int AS n FROM ticket_events`))[0].n;

    // Opened on the other gateway than the supervisor's: the push crosses gateways through Redis.
    const console = await connect(gateways[0], li);
    await pushed('online', 'online pushed once a console connects');
    await api.http.put('/api/agents/me/availability').set(li.auth).send({ availability: 'away' }).expect(200);
    await pushed('away', 'away pushed once chosen');
    console.close();
    await pushed('offline', 'offline pushed once the console closes');
    expect((await api.database.db.query(`SELECT count(*)::int AS n FROM ticket_events`))[0].n).toBe(eventsBefore);
  });

  it('refuses a choice that is not online or away, changing nothing', async () => {
    await api.http.put('/api/agents/me/availability').set(li.auth).send({ availability: 'online' }).expect(200);
    for (const body of [{ availability: 'offline' }, { availability: 'busy' }, {}, { availability: ['away'] }]) {
      const refused = await api.http.put('/api/agents/me/availability').set(li.auth).send(body);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toContain('application/problem+json');
    }
    expect((await api.database.db.query(`SELECT availability FROM agents WHERE id = $1`, [li.id]))[0].availability).toBe('online');
    await api.http.put('/api/agents/me/availability').send({ availability: 'away' }).expect(401);
  });

  it('a gateway killed with SIGKILL leaves its agents offline once its rows go stale', async () => {
    const doomed = await startAppProcess('gateway', gatewayEnv(api));
    try {
      await connect(doomed, li);
      await becomes('online', 'online on the doomed gateway');
      doomed.child.kill('SIGKILL');
      await new Promise((resolve) => doomed.child.once('exit', resolve));
      // Its row stays (nobody deleted it) but is no longer refreshed: 90 s later it counts for nothing.
      expect((await api.database.db.query(`SELECT count(*)::int AS n FROM agent_connections WHERE agent_id = $1`, [li.id]))[0].n).toBe(1);
      expect(await presenceOfLi()).toEqual({ colleague: 'online', load: 'online' });
      await api.database.db.query(`UPDATE agent_connections SET seen_at = seen_at - interval '91 seconds' WHERE agent_id = $1`, [li.id]);
      expect(await presenceOfLi()).toEqual({ colleague: 'offline', load: 'offline' });
    } finally {
      await doomed.stop().catch(() => undefined);
    }
  });
});
