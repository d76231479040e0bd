import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { MetricsReports } from '@firsthand/persistence';
import { supervisorsWatchingKey, type SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
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
  /** A gateway of another deployment on the same Redis (its own QUEUE_PREFIX), reading the same database. */
  let neighbour: AppProcess;
  let prefix: string;
  const clients: LiveClient[] = [];
  const connect = async (namespace: string, token: string, to: AppProcess = gateway) => {
    const client = await LiveClient.connect(`http://127.0.0.1:${to.port}${namespace}`, { token });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    // Its own live channel: other test files' APIs publish on the same Redis meanwhile.
    prefix = `ml${randomBytes(4).toString('hex')}`;
    api = await startApi({ QUEUE_PREFIX: prefix });
    const env = (queuePrefix: string) => ({
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DATABASE_URL: api.database.url,
      REDIS_URL: testServices().redisUrl,
      QUEUE_PREFIX: queuePrefix,
      FIRSTHAND_SECRET: TEST_SECRET,
      GATEWAY_PORT: '0',
    });
    [gateway, neighbour] = await Promise.all([startAppProcess('gateway', env(prefix)), startAppProcess('gateway', env(`${prefix}x`))]);
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Na');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });

  afterAll(async () => {
    for (const client of clients) client.close();
    await Promise.all([gateway?.stop(), neighbour?.stop()]);
    await api?.close();
  });

  const ours = (client: LiveClient) => client.received.filter((r) => r.event === 'metrics.changed');
  const oursUntil = async (client: LiveClient, predicate: (items: SupervisorLiveMetrics[]) => boolean, timeoutMs: number) => {
    await client.until('metrics.changed', () => predicate(ours(client).map((r) => r.data as SupervisorLiveMetrics)), timeoutMs);
    return ours(client);
  };
  /** Until no push came for `ms` (at most 10 s): the pushes of what came before are not counted as the next change's. */
  const quiet = async (client: LiveClient, ms = 600) => {
    const until = Date.now() + 10_000;
    let count = ours(client).length;
    let since = Date.now();
    while (Date.now() - since < ms && Date.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      if (ours(client).length !== count) [count, since] = [ours(client).length, Date.now()];
    }
  };

  const answered = async () => {
    const t = await f.customerTicket();
    await api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: 'Fixed', visibility: 'public' }).expect(201);
    return t;
  };
  const resolve = (t: { id: string }) => api.http.post(`/api/tickets/${t.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);

  // How soon is measured by bench:fanout (supervisors' live figures after a claim); a test under CI load checks what arrives.
  it('a resolution through the API reaches a supervisor\'s socket by push, counted in today', async () => {
    const watching = await connect('/supervisors', supervisor.token);
    const agentSocket = await connect('/agents', li.token);
    const t = await answered();
    await quiet(watching); // let the pushes for the new ticket and the reply go by
    const before = ours(watching).length;

    await resolve(t);
    const received = await oursUntil(watching, (items) => items.slice(before).some((m) => m.today.resolved === 1), 5000);
    const push = received.slice(before).find((r) => (r.data as SupervisorLiveMetrics).today.resolved === 1)!.data as SupervisorLiveMetrics;

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
    await quiet(watching);
    const before = ours(watching).length;

    // A burst: the six resolutions at once (one after another, each could outlast the debounce on a busy machine).
    await Promise.all(tickets.map(resolve));
    const unclaimed = await f.customerTicket();

    const settled = await oursUntil(
      watching,
      (items) => items.length > before && items[items.length - 1].today.resolved === 7 && items[items.length - 1].open.unclaimed === 1,
      10_000,
    );
    await quiet(watching); // nothing else is pending: a later push may only repeat it
    const pushes = ours(watching).slice(before).map((r) => r.data as SupervisorLiveMetrics);
    const figures = ({ now: _readAt, ...rest }: SupervisorLiveMetrics) => rest;

    expect(pushes.length).toBeLessThan(tickets.length + 1);
    expect(figures(pushes[pushes.length - 1])).toEqual(figures(settled[settled.length - 1].data as SupervisorLiveMetrics));
    expect(pushes[pushes.length - 1].open).toMatchObject({ total: 1, unclaimed: 1 });
    expect(unclaimed.status).toBe('new');
  });

  it("another deployment's supervisors on the same Redis hear nothing of this one", async () => {
    const ownScreen = await connect('/supervisors', supervisor.token);
    const otherScreen = await connect('/supervisors', supervisor.token, neighbour);
    const t = await answered();
    await resolve(t);
    await ownScreen.until('ticket.event', (events: Array<{ ticketId: string; type: string }>) => events.some((e) => e.ticketId === t.id && e.type === 'status_changed'), 5000);
    await oursUntil(ownScreen, (items) => items.length > 0, 5000);
    await new Promise((r) => setTimeout(r, 500)); // the neighbour's gateway would have had them by now
    expect(otherScreen.received.map((r) => r.event)).toEqual([]);
  });

  // Last in this file: it closes every socket the others opened.
  it('reads no figures while no supervisor is connected; the first one makes the gateway say so, and pushes follow', async () => {
    const redis = new Redis(testServices().redisUrl);
    const reports = api.app.get(MetricsReports);
    const read = reports.live.bind(reports);
    let reads = 0;
    reports.live = (now: Date) => {
      reads += 1;
      return read(now);
    };
    try {
      const key = supervisorsWatchingKey(prefix);
      for (const client of clients.splice(0)) client.close();
      await new Promise((r) => setTimeout(r, 300));
      await redis.del(key); // as its expiry would, 30 s after the last supervisor left
      await connect('/agents', li.token);
      await resolve(await answered());
      await new Promise((r) => setTimeout(r, 800)); // three debounce windows of the API's broadcaster
      expect(await redis.exists(key)).toBe(0);
      expect(reads).toBe(0);

      const watching = await connect('/supervisors', supervisor.token);
      // The gateway sets it while joining the socket, which the client may hear of a moment earlier.
      for (let i = 0; i < 40 && (await redis.exists(key)) === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(await redis.exists(key)).toBe(1);
      const ttl = await redis.ttl(key);
      expect(ttl).toBeGreaterThan(20);
      expect(ttl).toBeLessThanOrEqual(30);
      await resolve(await answered());
      const pushes = await oursUntil(watching, (items) => items.length > 0, 5000);
      expect(reads).toBeGreaterThan(0);
      expect(pushes.length).toBeGreaterThan(0);
    } finally {
      reports.live = read;
      redis.disconnect();
    }
  });
});
