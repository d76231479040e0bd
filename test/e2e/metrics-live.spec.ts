import type { SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { LiveClient } from '../support/live-client.js';
import { TEST_SECRET, testServices } from '../support/test-services.js';

/** The API in this process, a gateway process on the Redis adapter, a supervisor's socket.io client. */
describe('live supervisor figures: metrics.changed on /supervisors', () => {
  let api: ApiHarness;
  let gateway: AppProcess;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let supervisor: TestAgent;
  const clients: LiveClient[] = [];
  const connect = async (namespace: string, token: string) => {
    const client = await LiveClient.connect(`http://127.0.0.1:${gateway.port}${namespace}`, { token });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    api = await startApi();
    gateway = await startAppProcess('gateway', {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: api.database.url,
      REDIS_URL: testServices().redisUrl,
      FIRSTHAND_SECRET: TEST_SECRET,
      GATEWAY_PORT: '0',
    });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Na');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await gateway?.stop();
    await api?.close();
  });

  /**
   * Pushes from this file's API: other test files' APIs publish to the same Redis at the same time,
   * and the gateway delivers every supervisors-room message; only ours list our agent.
   */
  const ours = (client: LiveClient) =>
    client.received.filter((r) => r.event === 'metrics.changed' && (r.data as SupervisorLiveMetrics).agents.some((a) => a.agentId === li.id));
  const oursUntil = async (client: LiveClient, predicate: (items: SupervisorLiveMetrics[]) => boolean, timeoutMs: number) => {
    await client.until('metrics.changed', () => predicate(ours(client).map((r) => r.data as SupervisorLiveMetrics)), timeoutMs);
    return ours(client);
  };

  const answered = async () => {
    const t = await f.customerTicket();
    await api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: 'Fixed', visibility: 'public' }).expect(201);
    return t;
  };
  const resolve = (t: { id: string }) => api.http.post(`/api/tickets/${t.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);

  it('a resolution through the API reaches a supervisor\'s socket within a second, counted in today', async () => {
    const watching = await connect('/supervisors', supervisor.token);
    const agentSocket = await connect('/agents', li.token);
    const t = await answered();
    await new Promise((r) => setTimeout(r, 400)); // let the pushes for the new ticket and the reply go by
    const before = ours(watching).length;

    const resolvedAt = Date.now();
    await resolve(t);
    const received = await oursUntil(watching, (items) => items.slice(before).some((m) => m.today.resolved === 1), 1000);
    const { data, at: arrived } = received.slice(before).find((r) => (r.data as SupervisorLiveMetrics).today.resolved === 1)!;
    const push = data as SupervisorLiveMetrics;

    expect(arrived - resolvedAt).toBeLessThan(1000);
    expect(push.today).toMatchObject({ resolved: 1, firstResponderResolved: 1, firstContactResolved: 1, firstContactResolutionRate: 1, provisional: 1 });
    expect(push.open).toMatchObject({ total: 0, unclaimed: 0 });
    expect(typeof push.now).toBe('string');
    expect(agentSocket.events('metrics.changed')).toEqual([]);

    // The push carries exactly what GET /api/metrics/live answers.
    const { now: _pushedAt, ...pushed } = push;
    const { now: _readAt, ...live } = (await api.http.get('/api/metrics/live').set(supervisor.auth).expect(200)).body;
    expect(live).toEqual(pushed);
  });

  it('a burst of changes costs a few pushes, not one per change, and the last push holds the last change', async () => {
    const watching = await connect('/supervisors', supervisor.token);
    const tickets = await Promise.all(Array.from({ length: 6 }, answered));
    await new Promise((r) => setTimeout(r, 400));
    const before = ours(watching).length;

    for (const t of tickets) await resolve(t);
    const unclaimed = await f.customerTicket();

    const settled = await oursUntil(
      watching,
      (items) => items.length > before && items[items.length - 1].today.resolved === 7 && items[items.length - 1].open.unclaimed === 1,
      2000,
    );
    await new Promise((r) => setTimeout(r, 400)); // nothing else is pending: a later push may only repeat it
    const pushes = ours(watching).slice(before).map((r) => r.data as SupervisorLiveMetrics);
    const figures = ({ now: _readAt, ...rest }: SupervisorLiveMetrics) => rest;

    expect(pushes.length).toBeLessThan(tickets.length + 1);
    expect(figures(pushes[pushes.length - 1])).toEqual(figures(settled[settled.length - 1].data as SupervisorLiveMetrics));
    expect(pushes[pushes.length - 1].open).toMatchObject({ total: 1, unclaimed: 1 });
    expect(unclaimed.status).toBe('new');
  });
});
