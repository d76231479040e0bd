import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** Tags on tickets over real HTTP and PostgreSQL: the rule, the timeline, limits, visibility, suggestions and concurrency. */
describe('ticket tags', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let zhang: TestAgent;
  let sara: TestAgent;
  let supervisor: TestAgent;
  let salesTeam: string;

  const tags = (ticketId: string, agent: TestAgent, body: unknown) => api.http.patch(`/api/tickets/${ticketId}/tags`).set(agent.auth).send(body as object);

  beforeAll(async () => {
    api = await startApi({ DATABASE_POOL_SIZE: '20' });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    salesTeam = await f.team('Sales');
    li = await f.agent('agent', team, 'Li Wei');
    zhang = await f.agent('agent', team, 'Zhang Min');
    sara = await f.agent('agent', salesTeam, 'Sara Lopez');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });
  afterAll(() => api.close());

  it('any agent who sees the ticket, owner or not, changes its tags; an internal tags_changed event records it', async () => {
    const ticket = await f.customerTicket({}, { locale: 'zh-CN' });
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);

    const res = await tags(ticket.id, zhang, { add: [' VIP ', '退款', 'Refund  Delay'] }).expect(200);

    expect(res.body.ticket.tags).toEqual(['vip', '退款', 'refund delay']);
    expect(res.body.events).toEqual([expect.objectContaining({ type: 'tags_changed', visibility: 'internal', payload: { added: ['vip', '退款', 'refund delay'], removed: [] } })]);
    const removed = await tags(ticket.id, li, { remove: ['VIP'] }).expect(200);
    expect(removed.body.ticket.tags).toEqual(['退款', 'refund delay']);

    const timeline = await api.http.get(`/api/tickets/${ticket.id}/events`).set(li.auth).expect(200);
    expect(timeline.body.items.filter((e: { type: string }) => e.type === 'tags_changed').map((e: { actor: { name: string } }) => e.actor.name)).toEqual(['Zhang Min', 'Li Wei']);
    const tracking = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    expect(JSON.stringify(tracking.body)).not.toContain('refund delay');
  });

  it('a change that changes nothing writes nothing', async () => {
    const ticket = await f.customerTicket();
    await tags(ticket.id, li, { add: ['vip'] }).expect(200);
    const before = await f.snapshot(ticket.id);
    const res = await tags(ticket.id, li, { add: ['VIP'], remove: ['not-there'] }).expect(200);
    expect(res.body.events).toEqual([]);
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it.each([
    ['no tags at all', {}, 400, 'validation'],
    ['an unknown field', { add: ['a'], colour: 'red' }, 400, 'validation'],
    ['tags that are not strings', { add: [1] }, 400, 'validation'],
    ['more than 20 tags in one change', { add: Array.from({ length: 21 }, (_, i) => `t${i}`) }, 400, 'validation'],
    ['a tag of 41 characters', { add: ['x'.repeat(41)] }, 400, 'invalid-tag'],
    ['a tag with a comma', { add: ['vip,gold'] }, 400, 'invalid-tag'],
    ['a tag both added and removed', { add: ['a'], remove: ['A'] }, 400, 'conflicting-tag-change'],
  ])('refuses %s with a clear problem and changes nothing', async (_, body, status, code) => {
    const ticket = await f.customerTicket();
    const before = await f.snapshot(ticket.id);
    const res = await tags(ticket.id, li, body).expect(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.type).toBe(`https://firsthand.dev/problems/${code}`);
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('refuses to carry more than 20 tags (422), and nothing changes', async () => {
    const ticket = await f.customerTicket();
    await tags(ticket.id, li, { add: Array.from({ length: 20 }, (_, i) => `t${i}`) }).expect(200);
    const before = await f.snapshot(ticket.id);
    const res = await tags(ticket.id, li, { add: ['one-more'] }).expect(422);
    expect(res.body).toMatchObject({ type: 'https://firsthand.dev/problems/too-many-tags', limit: 20, wouldHave: 21 });
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it("answers 404 for a ticket the agent may not see, and for one that does not exist", async () => {
    const ticket = await f.customerTicket();
    const before = await f.snapshot(ticket.id);
    await tags(ticket.id, sara, { add: ['x'] }).expect(404);
    await tags('00000000-0000-4000-8000-000000000000', li, { add: ['x'] }).expect(404);
    await tags('not-a-uuid', li, { add: ['x'] }).expect(400);
    await api.http.patch(`/api/tickets/${ticket.id}/tags`).send({ add: ['x'] }).expect(401);
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('normalises tags given at opening too', async () => {
    const res = await api.http
      .post('/api/tickets')
      .set(li.auth)
      .send({ subject: 'Tagged at opening', description: 'x', tags: ['  Billing ', 'BILLING'], customer: { name: 'Q', email: 'q-open@example.com' } })
      .expect(201);
    const view = await api.http.get(`/api/tickets/${res.body.id}`).set(li.auth).expect(200);
    expect(view.body.tags).toEqual(['billing']);
  });

  it("suggests tags in use in the agent's team, most used first, by prefix; supervisors see every team's", async () => {
    const team = await f.team('Suggestions');
    const other = await f.team('Elsewhere');
    const [a, b] = [await f.agent('agent', team, 'Suggest A'), await f.agent('agent', other, 'Suggest B')];
    const teamTicket = async () => {
      const t = await f.customerTicket();
      await api.database.db.query(`UPDATE tickets SET team_id = $2 WHERE id = $1`, [t.id, team]);
      return t;
    };
    const [t1, t2, t3] = [await teamTicket(), await teamTicket(), await teamTicket()];
    await tags(t1.id, a, { add: ['printer', 'paper-jam'] }).expect(200);
    await tags(t2.id, a, { add: ['printer', 'payment'] }).expect(200);
    await tags(t3.id, a, { add: ['printer', 'paper-jam', '打印机'] }).expect(200);
    await tags(t3.id, a, { remove: ['printer'] }).expect(200);

    const mine = await api.http.get('/api/tags').query({ prefix: 'P' }).set(a.auth).expect(200);
    expect(mine.body.items.filter((i: { tag: string }) => ['printer', 'paper-jam', 'payment'].includes(i.tag))).toEqual([
      { tag: 'paper-jam', uses: 2 },
      { tag: 'printer', uses: 2 },
      { tag: 'payment', uses: 1 },
    ]);
    expect((await api.http.get('/api/tags').query({ prefix: '打' }).set(a.auth).expect(200)).body.items).toEqual([{ tag: '打印机', uses: 1 }]);
    const elsewhere = await api.http.get('/api/tags').query({ prefix: 'pa' }).set(b.auth).expect(200);
    expect(elsewhere.body.items.map((i: { tag: string }) => i.tag)).not.toContain('paper-jam');
    const all = await api.http.get('/api/tags').query({ prefix: 'pa', limit: 50 }).set(supervisor.auth).expect(200);
    expect(all.body.items.map((i: { tag: string }) => i.tag)).toEqual(expect.arrayContaining(['paper-jam', 'payment']));
    // A ticket moving team takes its tags' counts with it.
    await api.database.db.query(`UPDATE tickets SET team_id = $2 WHERE id = $1`, [t2.id, other]);
    expect((await api.http.get('/api/tags').query({ prefix: 'pay' }).set(b.auth).expect(200)).body.items).toEqual([{ tag: 'payment', uses: 1 }]);
  });

  it('refuses bad suggestion queries', async () => {
    await api.http.get('/api/tags').query({ limit: 0 }).set(li.auth).expect(400);
    await api.http.get('/api/tags').query({ limit: 51 }).set(li.auth).expect(400);
    await api.http.get('/api/tags').query({ prefix: 'x'.repeat(81) }).set(li.auth).expect(400);
    const bad = await api.http.get('/api/tags').query({ prefix: '%' }).set(li.auth).expect(400);
    expect(bad.body.errors[0].field).toBe('prefix');
    await api.http.get('/api/tags').expect(401);
  });

  it('two agents tagging the same ticket at once both land, each with its own event', async () => {
    const ticket = await f.customerTicket();
    const agents = [li, zhang, supervisor];
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => tags(ticket.id, agents[i % agents.length], { add: [`race-${i}`] })),
    );
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const { ticket: row, events } = await f.snapshot(ticket.id);
    expect([...row.tags].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `race-${i}`).sort());
    expect(events.filter((e: { type: string }) => e.type === 'tags_changed')).toHaveLength(12);
    expect(events.map((e: { seq: number }) => e.seq)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1));
    const [uses] = await api.database.db.query(`SELECT sum(uses)::int AS n FROM tag_uses WHERE tag LIKE 'race-%'`);
    expect(uses.n).toBe(12);
  });

  it('many tickets tagged at once with the same tags in opposite orders: every change lands and the counts add up', async () => {
    const tickets = await Promise.all(Array.from({ length: 8 }, () => f.customerTicket()));
    const writes = tickets.flatMap((t, i) => [
      tags(t.id, li, { add: i % 2 ? ['swap-a', 'swap-b', 'swap-c'] : ['swap-c', 'swap-b', 'swap-a'] }),
      tags(t.id, zhang, { add: ['swap-d'], remove: i % 2 ? ['swap-a'] : ['swap-c'] }),
    ]);
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 200));
    const rows: Array<{ tag: string; uses: number }> = await api.database.db.query(`SELECT tag, sum(uses)::int AS uses FROM tag_uses WHERE tag LIKE 'swap-%' GROUP BY tag ORDER BY tag`);
    const direct: Array<{ tag: string; uses: number }> = await api.database.db.query(
      `SELECT u.tag, count(*)::int AS uses FROM tickets t CROSS JOIN unnest(t.tags) AS u(tag) WHERE u.tag LIKE 'swap-%' GROUP BY u.tag ORDER BY u.tag`,
    );
    expect(rows).toEqual(direct);
    expect(rows.find((r) => r.tag === 'swap-d')?.uses).toBe(8);
  });
});
