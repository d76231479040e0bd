import { dayKey } from '@firsthand/domain';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const DAY_MS = 86_400_000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

describe('metrics API: who may see it, what it accepts, CSV and live', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let li: TestAgent;
  let sam: TestAgent;
  let senior: TestAgent;
  let supervisor: TestAgent;
  let admin: TestAgent;
  const today = () => dayKey(new Date(), 'Asia/Shanghai');
  const range = () => ({ from: shiftDay(today(), -1), to: shiftDay(today(), 1) });

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Na');
    sam = await f.agent('agent', team, '=Sam, "the fixer"');
    senior = await f.agent('senior', team, 'Chen Jie');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    admin = await f.agent('admin', null, 'Admin');

    // Li: one first-contact resolution; Sam: two replies, resolved.
    const a = await f.customerTicket();
    await api.http.post(`/api/tickets/${a.id}/messages`).set(li.auth).send({ body: 'Fixed', visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${a.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    const b = await f.customerTicket({ channel: 'email' });
    for (const body of ['Looking', 'Fixed']) await api.http.post(`/api/tickets/${b.id}/messages`).set(sam.auth).send({ body, visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${b.id}/status`).set(sam.auth).send({ status: 'resolved' }).expect(200);
  });
  afterAll(() => api.close());

  describe('supervisors and admins only', () => {
    const routes = () => [
      ['/api/metrics/fcr', range()],
      ['/api/metrics/fcr.csv', range()],
      ['/api/metrics/live', {}],
    ] as const;

    it('agents and seniors get 403 problem+json', async () => {
      for (const who of [li, senior]) {
        for (const [path, query] of routes()) {
          const res = await api.http.get(path).query(query).set(who.auth).expect(403);
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: 403, requiredRoles: ['supervisor', 'admin'] });
        }
      }
    });

    it('no token gets 401', async () => {
      for (const [path, query] of routes()) await api.http.get(path).query(query).expect(401);
    });

    it('supervisors and admins get 200', async () => {
      for (const who of [supervisor, admin]) {
        for (const [path, query] of routes()) await api.http.get(path).query(query).set(who.auth).expect(200);
      }
    });
  });

  describe('query validation', () => {
    async function refused(query: Record<string, string>, fields: string[]) {
      const res = await api.http.get('/api/metrics/fcr').query(query).set(supervisor.auth).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect((res.body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(fields);
      return res.body;
    }

    it('from and to are required calendar dates as YYYY-MM-DD', async () => {
      await refused({}, ['from', 'to']);
      await refused({ from: '2026-02-30', to: '2026-3-01' }, ['from', 'to']);
      await refused({ from: '2026-03-01T00:00:00Z', to: 'yesterday' }, ['from', 'to']);
    });

    it('to must not be before from, and the range is at most 400 days', async () => {
      const backwards = await refused({ from: '2026-03-02', to: '2026-03-01' }, ['to']);
      expect(JSON.stringify(backwards.errors)).toContain('must not be before from');
      const long = await refused({ from: '2025-01-01', to: '2026-02-05' }, ['to']); // 401 days
      expect(JSON.stringify(long.errors)).toContain('at most 400 days');
      await api.http.get('/api/metrics/fcr').query({ from: '2025-01-01', to: '2026-02-04', groupBy: 'week' }).set(supervisor.auth).expect(200);
    });

    it('groupBy is one of the groupings; unknown fields are refused', async () => {
      await refused({ ...range(), groupBy: 'month' }, ['groupBy']);
      await refused({ ...range(), agentId: li.id }, ['agentId']);
    });
  });

  it('groups by agent (the first responder), team, channel and tier, with a total', async () => {
    const get = async (groupBy: string) =>
      (await api.http.get('/api/metrics/fcr').query({ ...range(), groupBy }).set(supervisor.auth).expect(200)).body;

    const byAgent = await get('agent');
    expect(byAgent).toMatchObject({ ...range(), groupBy: 'agent', timeZone: 'Asia/Shanghai', windows: { reopenDays: 7, repeatContactDays: 7 } });
    expect(byAgent.groups).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: li.id, name: 'Li Na', resolved: 1, firstContactResolved: 1, firstContactResolutionRate: 1 }),
        expect.objectContaining({ key: sam.id, resolved: 1, firstResponderResolved: 1, firstContactResolved: 0, firstContactResolutionRate: 0 }),
      ]),
    );
    expect(byAgent.total).toMatchObject({ resolved: 2, firstResponderResolved: 2, firstContactResolved: 1, firstResponderResolutionRate: 1, firstContactResolutionRate: 0.5, provisional: 2 });

    expect((await get('team')).groups).toEqual([expect.objectContaining({ key: team, name: 'Front Desk', resolved: 2 })]);
    expect((await get('channel')).groups.map((g: { key: string; resolved: number }) => [g.key, g.resolved])).toEqual([
      ['email', 1],
      ['web', 1],
    ]);
    expect((await get('tier')).groups).toEqual([expect.objectContaining({ key: 'standard', name: null, resolved: 2 })]);

    const byDay = await get('day');
    expect(byDay.groups.map((g: { key: string }) => g.key)).toEqual([range().from, today(), range().to]);
    expect(byDay.groups[0]).toMatchObject({ resolved: 0, firstContactResolutionRate: null, firstResponseSeconds: { p50: null, p90: null, count: 0 } });
    expect(byDay.groups[1]).toMatchObject({ resolved: 2 });
  });

  it('CSV: one header, one line per group, the same figures, formulas neutralised', async () => {
    const res = await api.http.get('/api/metrics/fcr.csv').query({ ...range(), groupBy: 'agent' }).set(supervisor.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="fcr-agent-${range().from}-${range().to}.csv"`);
    const lines = res.text.split('\r\n');
    expect(lines.pop()).toBe('');
    expect(lines[0]).toBe(
      'group,name,resolved,first_responder_resolved,first_contact_resolved,first_responder_resolution_rate,first_contact_resolution_rate,' +
        'provisional,reopened,repeat_contacts,handoffs,escalated_past_warning,first_response_breaches,resolution_breaches,sla_breached,' +
        'first_response_sla_attainment,resolution_sla_attainment,sla_attainment,csat_average,csat_count,' +
        'first_response_p50_seconds,first_response_p90_seconds,resolution_p50_seconds,resolution_p90_seconds,' +
        'first_response_business_p50_seconds,first_response_business_p90_seconds,resolution_business_p50_seconds,resolution_business_p90_seconds',
    );
    expect(lines).toHaveLength(3);
    expect(lines).toContain(`${li.id},Li Na,1,1,1,1,1,1,0,0,0,0,0,0,0,1,1,1,,0,10,10,10,10,10,10,10,10`);
    expect(lines).toContain(`${sam.id},"'=Sam, ""the fixer""",1,1,0,1,0,1,0,0,0,0,0,0,0,1,1,1,,0,10,10,10,10,10,10,10,10`);

    const json = await api.http.get('/api/metrics/fcr').query({ ...range(), groupBy: 'day' }).set(supervisor.auth).expect(200);
    const csv = await api.http.get('/api/metrics/fcr.csv').query({ ...range(), groupBy: 'day' }).set(supervisor.auth).expect(200);
    expect(csv.text.split('\r\n').filter(Boolean)).toHaveLength(json.body.groups.length + 1);

    const bad = await api.http.get('/api/metrics/fcr.csv').query({ from: 'x', to: range().to }).set(supervisor.auth).expect(400);
    expect(bad.headers['content-type']).toMatch(/^application\/problem\+json/);
  });

  it('live: today, open by age, unclaimed (and how many the bot holds), breaching now and each agent\'s load; a resolution shows at once', async () => {
    const db = api.database.db;
    const before = (await api.http.get('/api/metrics/live').set(supervisor.auth).expect(200)).body;
    expect(before).toMatchObject({ timeZone: 'Asia/Shanghai', today: { day: today(), resolved: 2, firstContactResolved: 1, firstContactResolutionRate: 0.5 } });

    const unclaimed = await f.customerTicket();
    const old = await f.customerTicket();
    await db.query(`UPDATE tickets SET created_at = now() - interval '2 days', first_response_due_at = now() - interval '1 day' WHERE id = $1`, [old.id]);
    const owned = [await f.customerTicket(), await f.customerTicket()];
    for (const t of owned) await api.http.post(`/api/tickets/${t.id}/claim`).set(senior.auth).expect(200);
    await api.http.post(`/api/tickets/${owned[1].id}/status`).set(senior.auth).send({ status: 'pending_customer' }).expect(200);
    await db.query(`UPDATE tickets SET resolution_due_at = now() - interval '1 minute' WHERE id = $1`, [owned[0].id]);
    // Waiting for the customer since before its due time: the clock stopped with time left, so no breach.
    await db.query(`UPDATE tickets SET sla_paused_at = now() - interval '2 hours', resolution_due_at = now() - interval '1 hour' WHERE id = $1`, [owned[1].id]);
    // The bot holds one unclaimed ticket now; the other's hold has run out (the worker has not ended it yet).
    await db.query(`UPDATE tickets SET bot_outcome = 'held', bot_hold_until = now() + interval '1 hour' WHERE id = $1`, [unclaimed.id]);
    await db.query(`UPDATE tickets SET bot_outcome = 'held', bot_hold_until = now() - interval '1 minute' WHERE id = $1`, [old.id]);

    const live = (await api.http.get('/api/metrics/live').set(supervisor.auth).expect(200)).body;
    expect(live.open).toEqual({
      total: 4,
      unclaimed: 2,
      unclaimedHeldByBot: 1,
      byAge: { under_1h: 3, '1h_to_4h': 0, '4h_to_24h': 0, '1d_to_3d': 1, '3d_to_7d': 0, over_7d: 0 },
    });
    expect(live.breachingNow).toMatchObject({ firstResponse: 1, resolution: 1, total: 2 });
    expect(live.breachingNow.tickets).toEqual([
      expect.objectContaining({ id: old.id, breached: ['first_response'], ownerId: null }),
      expect.objectContaining({ id: owned[0].id, breached: ['resolution'], ownerId: senior.id }),
    ]);
    expect(live.agents[0]).toEqual({ agentId: senior.id, name: 'Chen Jie', role: 'senior', teamId: team, open: 1, pendingCustomer: 1, total: 2, presence: 'offline' });
    expect(live.agents.find((a: { agentId: string }) => a.agentId === li.id)).toMatchObject({ total: 0 });
    expect(unclaimed.status).toBe('new');

    await api.http.post(`/api/tickets/${owned[0].id}/status`).set(senior.auth).send({ status: 'resolved' }).expect(200);
    const after = (await api.http.get('/api/metrics/live').set(supervisor.auth).expect(200)).body;
    expect(after.today).toMatchObject({ resolved: 3, firstResponderResolved: 3, firstContactResolved: 2, provisional: 3 });
    expect(after.open.total).toBe(3);
    expect(after.breachingNow.total).toBe(1);
  });
});
