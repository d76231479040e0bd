import { SAVED_VIEW_LIMITS } from '@firsthand/domain';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('saved views over real HTTP and PostgreSQL', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let teamA: string;
  let teamB: string;
  let li: TestAgent;
  let zhang: TestAgent;
  let other: TestAgent;
  let supervisor: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    teamA = await f.team('Front Desk', true);
    teamB = await f.team('Billing');
    [li, zhang, other, supervisor] = await Promise.all([
      f.agent('agent', teamA, 'Li Wei'),
      f.agent('agent', teamA, 'Zhang Min'),
      f.agent('agent', teamB, 'Sara Lopez'),
      f.agent('supervisor', null, 'Wang Fang'),
    ]);
  });
  afterAll(() => api.close());

  const views = (agent: TestAgent) => api.http.get('/api/views').set(agent.auth).expect(200).then((r) => r.body.items as Array<{ id: string; name: string; mayChange: boolean }>);
  const counts = (agent: TestAgent) => api.http.get('/api/views/counts').set(agent.auth).expect(200).then((r) => new Map((r.body.items as Array<{ id: string; count: number }>).map((c) => [c.id, c.count])));
  const viewRows = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM saved_views`))[0].n as number;

  it('saves a personal view seen only by its owner, with a live count', async () => {
    const created = await api.http.post('/api/views').set(li.auth).send({ name: 'My complaints', scope: 'personal', filters: { kind: ['complaint'], status: ['new'] } }).expect(201);
    expect(created.body).toMatchObject({ name: 'My complaints', scope: 'personal', teamId: null, q: null, sort: 'newest', mayChange: true, createdBy: { id: li.id, name: 'Li Wei' } });
    const id = created.body.id;
    expect((await views(li)).map((v) => v.id)).toContain(id);
    expect((await views(zhang)).map((v) => v.id)).not.toContain(id);
    const before = (await counts(li)).get(id)!;
    await f.customerTicket({ kind: 'complaint' });
    await f.customerTicket({ kind: 'question' });
    expect((await counts(li)).get(id)).toBe(before + 1);
    await api.http.patch(`/api/views/${id}`).set(zhang.auth).send({ name: 'Mine now' }).expect(404);
    await api.http.delete(`/api/views/${id}`).set(zhang.auth).expect(404);
  });

  it('shares a team view with the team; its creator or a supervisor changes it; another team never sees it', async () => {
    const created = await api.http.post('/api/views').set(li.auth).send({ name: 'Team urgent', scope: 'team', q: 'refund', filters: { priority: ['urgent'] } }).expect(201);
    expect(created.body).toMatchObject({ scope: 'team', teamId: teamA, sort: 'relevance' });
    const id = created.body.id;
    const seenByZhang = (await views(zhang)).find((v) => v.id === id)!;
    expect(seenByZhang.mayChange).toBe(false);
    expect((await views(other)).map((v) => v.id)).not.toContain(id);
    expect((await views(supervisor)).find((v) => v.id === id)?.mayChange).toBe(true);
    const refused = await api.http.patch(`/api/views/${id}`).set(zhang.auth).send({ name: 'Hijacked' }).expect(403);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('saved-view-not-yours'), ownerName: 'Li Wei' });
    expect(refused.body.detail).toContain('Li Wei');
    await api.http.patch(`/api/views/${id}`).set(supervisor.auth).send({ name: 'Urgent refunds', filters: { priority: ['urgent', 'high'] } }).expect(200);
    const changed = await api.http.patch(`/api/views/${id}`).set(li.auth).send({ sort: 'oldest' }).expect(200);
    expect(changed.body).toMatchObject({ name: 'Urgent refunds', q: 'refund', sort: 'oldest', filters: { priority: ['urgent', 'high'] } });
    await api.http.delete(`/api/views/${id}`).set(supervisor.auth).expect(204);
    expect((await views(li)).map((v) => v.id)).not.toContain(id);
  });

  it('an agent shares only with their own team; a supervisor with any', async () => {
    const refused = await api.http.post('/api/views').set(li.auth).send({ name: 'Theirs', scope: 'team', teamId: teamB }).expect(403);
    expect(refused.body.detail).toMatch(/own team/);
    const made = await api.http.post('/api/views').set(supervisor.auth).send({ name: 'Billing VIPs', scope: 'team', teamId: teamB, filters: { tier: ['vip'] } }).expect(201);
    expect((await views(other)).map((v) => v.id)).toContain(made.body.id);
    expect((await views(li)).map((v) => v.id)).not.toContain(made.body.id);
    await api.http.post('/api/views').set(supervisor.auth).send({ name: 'No team', scope: 'team' }).expect(400);
  });

  it('refuses bad views with a 400 naming the field, and stores nothing', async () => {
    const before = await viewRows();
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ scope: 'personal' }, 'name'],
      [{ name: '   ', scope: 'personal' }, 'name'],
      [{ name: 'x'.repeat(81), scope: 'personal' }, 'name'],
      [{ name: 'ok', scope: 'everyone' }, 'scope'],
      [{ name: 'ok', scope: 'personal', teamId: teamA }, 'teamId'],
      [{ name: 'ok', scope: 'personal', filters: { status: ['lost'] } }, 'filters.status'],
      [{ name: 'ok', scope: 'personal', filters: { tags: Array.from({ length: 11 }, (_, i) => `t${i}`) } }, 'filters.tags'],
      [{ name: 'ok', scope: 'personal', filters: { from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' } }, 'filters.to'],
      [{ name: 'ok', scope: 'personal', filters: { colour: 'red' } }, 'filters.colour'],
      [{ name: 'ok', scope: 'personal', q: 'a b c d e f g h i' }, 'q'],
      [{ name: 'ok', scope: 'personal', sort: 'random' }, 'sort'],
      // An array where the filters object goes: each element was validated as filters, and stored as {"0": …}.
      [{ name: 'ok', scope: 'personal', filters: [{ status: ['open'] }] }, 'filters'],
    ];
    for (const [body, field] of cases) {
      const res = await api.http.post('/api/views').set(li.auth).send(body);
      expect({ body, status: res.status }).toEqual({ body, status: 400 });
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const noTeam = await api.http.post('/api/views').set(supervisor.auth).send({ name: 'ok', scope: 'team', teamId: '00000000-0000-4000-8000-000000000000' }).expect(400);
    expect(noTeam.body.errors.map((e: { field: string }) => e.field)).toEqual(['teamId']);
    await api.http.patch('/api/views/not-a-uuid').set(li.auth).send({ name: 'x' }).expect(400);
    await api.http.get('/api/views').expect(401);
    expect(await viewRows()).toBe(before);
  });

  it('refuses a second view of the same name in the same place', async () => {
    await api.http.post('/api/views').set(zhang.auth).send({ name: 'Dupes', scope: 'personal' }).expect(201);
    const res = await api.http.post('/api/views').set(zhang.auth).send({ name: 'DUPES', scope: 'personal' }).expect(409);
    expect(res.body.type).toContain('saved-view-name-taken');
  });

  it('holds the personal limit when many saves race', async () => {
    const racer = await f.agent('agent', teamA, 'Racer');
    const attempts = await Promise.all(
      Array.from({ length: SAVED_VIEW_LIMITS.personalPerAgent + 6 }, (_, i) => api.http.post('/api/views').set(racer.auth).send({ name: `View ${i}`, scope: 'personal' })),
    );
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(SAVED_VIEW_LIMITS.personalPerAgent);
    expect(statuses.filter((s) => s === 409)).toHaveLength(6);
    const [row] = await api.database.db.query(`SELECT count(*)::int AS n FROM saved_views WHERE owner_id = $1`, [racer.id]);
    expect(row.n).toBe(SAVED_VIEW_LIMITS.personalPerAgent);
  });

  it('counts "me" in a team view as whoever looks at it', async () => {
    const view = await api.http.post('/api/views').set(li.auth).send({ name: 'Mine open', scope: 'team', filters: { owner: 'me', status: ['open'] } }).expect(201);
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(zhang.auth).expect(200);
    const zhangCount = (await counts(zhang)).get(view.body.id)!;
    const liCount = (await counts(li)).get(view.body.id)!;
    expect(zhangCount).toBeGreaterThanOrEqual(1);
    const [row] = await api.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE owner_id = $1 AND status = 'open'`, [li.id]);
    expect(liCount).toBe(row.n);
  });
});
