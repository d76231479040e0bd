import { CANNED_REPLY_LIMITS } from '@firsthand/domain';
import type { Response } from 'supertest';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

/** Canned replies over real HTTP and PostgreSQL: who sees and changes which, bad input, filling, counting. */
describe('canned replies', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let contract: OpenApiContract;
  let frontDesk: string;
  let li: TestAgent; // agent, front desk
  let zhang: TestAgent; // agent, front desk
  let chen: TestAgent; // senior, front desk
  let billingSenior: TestAgent; // senior, billing
  let billingAgent: TestAgent; // agent, billing
  let supervisor: TestAgent;
  let zhTicket: { id: string; code: string };
  let billingTicket: { id: string; code: string };

  const conforms = (res: Response, method: string, path: string, status: number) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(contract.problems(contract.responseSchema(method, path, status), res.body)).toEqual([]);
  };
  const rows = () => api.database.db.query(`SELECT * FROM canned_replies ORDER BY id`);
  const create = (agent: TestAgent, body: Record<string, unknown>) => api.http.post('/api/canned-replies').set(agent.auth).send(body);
  const created = async (agent: TestAgent, body: Record<string, unknown>) => {
    const res = await create(agent, body);
    expect(res.status).toBe(201);
    return res.body as { id: string; shortcut: string; useCount: number };
  };
  const list = async (agent: TestAgent, query = '') => (await api.http.get(`/api/canned-replies${query}`).set(agent.auth).expect(200)).body.items as Array<{ id: string; title: string; shortcut: string; mayEdit: boolean }>;

  beforeAll(async () => {
    api = await startApi({ NOTIFY_TIME_ZONE: 'Asia/Shanghai' });
    f = new HelpdeskFactory(api);
    frontDesk = await f.team('Front Desk', true);
    const billing = await f.team('Billing');
    [li, zhang, chen, billingSenior, billingAgent, supervisor] = await Promise.all([
      f.agent('agent', frontDesk, 'Li Wei'),
      f.agent('agent', frontDesk, 'Zhang Min'),
      f.agent('senior', frontDesk, 'Chen Jie'),
      f.agent('senior', billing, 'Tom Becker'),
      f.agent('agent', billing, 'Sara Lopez'),
      f.agent('supervisor', null, 'Wang Fang'),
    ]);
    zhTicket = await f.customerTicket({ subject: '退款没有到账' }, { name: '王小明', locale: 'zh-CN' });
    await api.http.post(`/api/tickets/${zhTicket.id}/claim`).set(li.auth).expect(200);
    billingTicket = await f.customerTicket({ teamId: undefined });
    await api.database.db.query(`UPDATE tickets SET team_id = $1 WHERE id = $2`, [billing, billingTicket.id]);
    contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
  });
  afterAll(() => api.close());

  it('a personal reply is its author\'s alone: teammates, other teams and supervisors neither see nor change it', async () => {
    const res = await create(li, { scope: 'personal', title: 'Greeting', shortcut: 'hello', bodyEn: 'Hi {{customer.name}}, I am {{agent.name}}.' });
    conforms(res, 'post', '/api/canned-replies', 201);
    expect(res.body).toMatchObject({ scope: 'personal', ownerId: li.id, teamId: null, useCount: 0, mayEdit: true, bodyZhCn: null });
    const mine = res.body.id as string;

    const listed = await api.http.get('/api/canned-replies').set(li.auth).expect(200);
    conforms(listed, 'get', '/api/canned-replies', 200);
    expect(listed.body.items.map((r: { id: string }) => r.id)).toContain(mine);
    for (const other of [zhang, billingAgent, supervisor]) {
      expect((await list(other)).map((r) => r.id)).not.toContain(mine);
      const patched = await api.http.patch(`/api/canned-replies/${mine}`).set(other.auth).send({ title: 'Mine now' });
      expect(patched.status).toBe(404);
      expect(patched.body.type).toContain('canned-reply-not-found');
      expect((await api.http.delete(`/api/canned-replies/${mine}`).set(other.auth)).status).toBe(404);
      expect((await api.http.get(`/api/canned-replies/${mine}/render?ticketId=${zhTicket.id}`).set(other.auth)).status).toBe(404);
    }
    expect((await rows()).find((r: { id: string }) => r.id === mine)).toMatchObject({ title: 'Greeting' });
  });

  it('a team reply is written by the team\'s seniors and supervisors, used by the team, invisible to other teams', async () => {
    const refused = await create(li, { scope: 'team', title: 'Refund', shortcut: 'refund', bodyEn: 'Your refund is on its way.' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('role-required'), requiredRoles: ['senior', 'supervisor', 'admin'] });
    const otherSenior = await create(billingSenior, { scope: 'team', teamId: frontDesk, title: 'Refund', shortcut: 'refund', bodyEn: 'x' });
    expect(otherSenior.status).toBe(403);

    const team = await created(chen, { scope: 'team', title: 'Refund on its way', shortcut: 'refund', bodyEn: 'Your refund for {{ticket.code}} is on its way.', bodyZhCn: '您的退款（{{ticket.code}}）已在路上。' });
    expect(team).toMatchObject({ scope: 'team', teamId: frontDesk, ownerId: null });
    expect((await list(li)).find((r) => r.id === team.id)).toMatchObject({ mayEdit: false });
    expect((await list(chen)).find((r) => r.id === team.id)).toMatchObject({ mayEdit: true });
    expect((await list(supervisor)).find((r) => r.id === team.id)).toMatchObject({ mayEdit: true });
    expect((await list(billingAgent)).map((r) => r.id)).not.toContain(team.id);
    expect((await list(billingSenior)).map((r) => r.id)).not.toContain(team.id);

    const byAgent = await api.http.patch(`/api/canned-replies/${team.id}`).set(zhang.auth).send({ title: 'Changed' });
    expect(byAgent.status).toBe(403);
    expect((await api.http.delete(`/api/canned-replies/${team.id}`).set(zhang.auth)).status).toBe(403);
    expect((await api.http.patch(`/api/canned-replies/${team.id}`).set(billingSenior.auth).send({ title: 'Changed' })).status).toBe(404);
    expect((await rows()).find((r: { id: string }) => r.id === team.id)).toMatchObject({ title: 'Refund on its way' });

    const bySupervisor = await api.http.patch(`/api/canned-replies/${team.id}`).set(supervisor.auth).send({ title: 'Refund sent' });
    conforms(bySupervisor, 'patch', '/api/canned-replies/{id}', 200);
    expect(bySupervisor.body).toMatchObject({ title: 'Refund sent', shortcut: 'refund', bodyEn: 'Your refund for {{ticket.code}} is on its way.' });
    const supervisorsOwn = await created(supervisor, { scope: 'team', teamId: frontDesk, title: 'Apology', shortcut: 'sorry', bodyEn: 'Sorry for the wait.' });
    expect((await list(li)).map((r) => r.id)).toContain(supervisorsOwn.id);
    await api.http.delete(`/api/canned-replies/${supervisorsOwn.id}`).set(chen.auth).expect(204);
    expect((await rows()).map((r: { id: string }) => r.id)).not.toContain(supervisorsOwn.id);
  });

  it('renders for a visible ticket, in the customer\'s language and zone; refuses a ticket the agent may not see', async () => {
    const reply = await created(li, {
      scope: 'personal',
      title: 'Next update',
      shortcut: 'next',
      bodyEn: 'Hi {{customer.name}}, {{agent.name}} on {{ticket.code}}: next update by {{ticket.next_update_due}}.',
      bodyZhCn: '{{customer.name}}您好，我是{{agent.name}}，工单{{ticket.code}}，我们会在{{ticket.next_update_due}}前更新。',
    });
    const rendered = await api.http.get(`/api/canned-replies/${reply.id}/render?ticketId=${zhTicket.id}`).set(li.auth);
    conforms(rendered, 'get', '/api/canned-replies/{id}/render', 200);
    const [ticket] = await api.database.db.query(`SELECT next_update_due_at FROM tickets WHERE id = $1`, [zhTicket.id]);
    const due = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', dateStyle: 'medium', timeStyle: 'short' }).format(ticket.next_update_due_at);
    expect(rendered.body).toEqual({ cannedReplyId: reply.id, ticketId: zhTicket.id, locale: 'zh-CN', text: `王小明您好，我是Li Wei，工单${zhTicket.code}，我们会在${due} (GMT+8)前更新。` });

    // An English customer on an unowned ticket: no update promised yet, and it reads as such.
    const enTicket = await f.customerTicket({}, { name: 'Ana Silva', locale: 'en' });
    const en = await api.http.get(`/api/canned-replies/${reply.id}/render?ticketId=${enTicket.id}`).set(li.auth).expect(200);
    expect(en.body.text).toBe(`Hi Ana Silva, Li Wei on ${enTicket.code}: next update as soon as we can.`);

    const invisible = await api.http.get(`/api/canned-replies/${reply.id}/render?ticketId=${billingTicket.id}`).set(li.auth);
    expect(invisible.status).toBe(404);
    expect(invisible.body.type).toContain('ticket-not-found');
    const unused = await api.http.post(`/api/canned-replies/${reply.id}/uses`).set(li.auth).send({ ticketId: billingTicket.id });
    expect(unused.status).toBe(404);
    expect((await rows()).find((r: { id: string }) => r.id === reply.id)).toMatchObject({ use_count: 0, last_used_at: null });
  });

  it('states times in the zone of the ticket\'s team\'s business calendar, and says which', async () => {
    const [{ id: calendar }] = await api.database.db.query(`INSERT INTO business_calendars (name, zone, always_open) VALUES ('New York desk hours', 'America/New_York', true) RETURNING id`);
    const newYork = await f.team('New York desk');
    await api.database.db.query(`UPDATE teams SET calendar_id = $1 WHERE id = $2`, [calendar, newYork]);
    const sam = await f.agent('agent', newYork, 'Sam Rivera');
    const ticket = await f.customerTicket({}, { name: 'Ana Silva', locale: 'en' });
    await api.database.db.query(`UPDATE tickets SET team_id = $1 WHERE id = $2`, [newYork, ticket.id]);
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(sam.auth).expect(200);
    const reply = await created(sam, { scope: 'personal', title: 'Update', shortcut: 'ny-next', bodyEn: 'Next update by {{ticket.next_update_due}}.' });
    const rendered = await api.http.get(`/api/canned-replies/${reply.id}/render?ticketId=${ticket.id}`).set(sam.auth).expect(200);
    const [{ next_update_due_at: due }] = await api.database.db.query(`SELECT next_update_due_at FROM tickets WHERE id = $1`, [ticket.id]);
    const local = new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', dateStyle: 'medium', timeStyle: 'short' }).format(due);
    const zone = new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', timeZoneName: 'short' }).formatToParts(due).find((p) => p.type === 'timeZoneName')!.value;
    expect(zone).toMatch(/^E[SD]T$/);
    expect(rendered.body.text).toBe(`Next update by ${local} (${zone}).`);
  });

  it('searches shortcut, title and body, exact shortcut first, the agent\'s language before the other', async () => {
    const [zhOnly, enOnly] = [
      await created(zhang, { scope: 'personal', title: '物流查询', shortcut: 'ship-zh', bodyZhCn: '您的包裹正在配送中。' }),
      await created(zhang, { scope: 'personal', title: 'Shipping status', shortcut: 'ship-en', bodyEn: 'Your parcel is out for delivery.' }),
    ];
    const exact = await created(zhang, { scope: 'personal', title: 'Where is it', shortcut: 'ship', bodyEn: 'Tracking link below.' });
    expect((await list(zhang, '?q=ship&lang=zh-CN')).map((r) => r.id)).toEqual([exact.id, zhOnly.id, enOnly.id]);
    expect((await list(zhang, '?q=ship&lang=en')).map((r) => r.id)).toEqual([exact.id, enOnly.id, zhOnly.id]);
    expect((await list(zhang, '?q=包裹')).map((r) => r.id)).toEqual([zhOnly.id]);
    expect((await list(zhang, '?q=PARCEL')).map((r) => r.id)).toEqual([enOnly.id]);
    expect(await list(zhang, `?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect((await list(zhang, '?scope=team')).every((r) => r.shortcut !== 'ship')).toBe(true);
    expect(await list(zhang, '?q=ship&limit=1')).toHaveLength(1);
  });

  it('bad input is a 400 naming what was wrong, and stores nothing', async () => {
    const mine = await created(li, { scope: 'personal', title: 'Keep me', shortcut: 'keep', bodyEn: 'Unchanged.' });
    const before = await rows();
    const cases: Array<[string, () => Promise<Response>, string]> = [
      ['unknown placeholder', () => create(li, { scope: 'personal', title: 'x', shortcut: 'x1', bodyEn: 'Order {{order.id}} for {{customer.name}}' }), 'unknown-placeholders'],
      ['unknown placeholder on update', () => api.http.patch(`/api/canned-replies/${mine.id}`).set(li.auth).send({ bodyZhCn: '订单 {{order.id}}' }), 'unknown-placeholders'],
      ['no body', () => create(li, { scope: 'personal', title: 'x', shortcut: 'x2' }), 'validation'],
      ['both bodies removed', () => api.http.patch(`/api/canned-replies/${mine.id}`).set(li.auth).send({ bodyEn: null }), 'validation'],
      ['blank title', () => create(li, { scope: 'personal', title: '   ', shortcut: 'x3', bodyEn: 'a' }), 'validation'],
      ['title too long', () => create(li, { scope: 'personal', title: 't'.repeat(CANNED_REPLY_LIMITS.titleMaxLength + 1), shortcut: 'x4', bodyEn: 'a' }), 'validation'],
      ['body too long', () => create(li, { scope: 'personal', title: 'x', shortcut: 'x5', bodyEn: 'b'.repeat(CANNED_REPLY_LIMITS.bodyMaxLength + 1) }), 'validation'],
      ['shortcut with a space', () => create(li, { scope: 'personal', title: 'x', shortcut: 'two words', bodyEn: 'a' }), 'validation'],
      ['shortcut with a slash', () => create(li, { scope: 'personal', title: 'x', shortcut: '/refund', bodyEn: 'a' }), 'validation'],
      ['unknown scope', () => create(li, { scope: 'everyone', title: 'x', shortcut: 'x6', bodyEn: 'a' }), 'validation'],
      ['unknown field', () => create(li, { scope: 'personal', title: 'x', shortcut: 'x7', bodyEn: 'a', useCount: 99 }), 'validation'],
      ['team on a personal reply', () => create(li, { scope: 'personal', teamId: frontDesk, title: 'x', shortcut: 'x8', bodyEn: 'a' }), 'validation'],
      ['a team that does not exist', () => create(supervisor, { scope: 'team', teamId: '00000000-0000-4000-8000-000000000000', title: 'x', shortcut: 'x9', bodyEn: 'a' }), 'validation'],
      ['a supervisor of no team not naming one', () => create(supervisor, { scope: 'team', title: 'x', shortcut: 'x10', bodyEn: 'a' }), 'validation'],
      ['id not a UUID', () => api.http.patch('/api/canned-replies/nope').set(li.auth).send({ title: 'x' }), 'validation'],
      ['render without a ticket', () => api.http.get(`/api/canned-replies/${mine.id}/render`).set(li.auth), 'validation'],
      ['use with a bad ticket id', () => api.http.post(`/api/canned-replies/${mine.id}/uses`).set(li.auth).send({ ticketId: 'FH-1' }), 'validation'],
      ['limit over the maximum', () => api.http.get(`/api/canned-replies?limit=${CANNED_REPLY_LIMITS.listMax + 1}`).set(li.auth), 'validation'],
      ['a NUL character, which PostgreSQL text cannot hold', () => create(li, { scope: 'personal', title: 'x', shortcut: 'x12', bodyEn: 'a\u0000b' }), 'validation'],
      ['a NUL character on update', () => api.http.patch(`/api/canned-replies/${mine.id}`).set(li.auth).send({ title: 'a\u0000' }), 'validation'],
      ['a NUL character in the search', () => api.http.get('/api/canned-replies?q=a%00b').set(li.auth), 'validation'],
      ['search text too long', () => api.http.get(`/api/canned-replies?q=${'q'.repeat(101)}`).set(li.auth), 'validation'],
    ];
    for (const [what, send, type] of cases) {
      const res = await send();
      expect({ what, status: res.status, type: res.body.type }).toEqual({ what, status: 400, type: `https://firsthand.dev/problems/${type}` });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    const unknown = await create(li, { scope: 'personal', title: 'x', shortcut: 'x11', bodyEn: 'Hi {{customer.name}} {{order.id}} {{ Customer.Name }}' });
    expect(unknown.body).toMatchObject({ field: 'bodyEn', unknownPlaceholders: ['{{order.id}}', '{{ Customer.Name }}'] });
    expect(unknown.body.detail).toContain('{{order.id}}');
    expect((await api.http.get('/api/canned-replies').set(li.auth).send()).status).toBe(200);
    expect((await api.http.get('/api/canned-replies')).status).toBe(401);
    expect(await rows()).toEqual(before);
  });

  it('a shortcut is unique among one agent\'s replies and among one team\'s (409), but an agent may reuse a team\'s', async () => {
    await created(li, { scope: 'personal', title: 'Thanks', shortcut: 'thanks', bodyEn: 'Thank you!' });
    const again = await create(li, { scope: 'personal', title: 'Thanks 2', shortcut: 'THANKS', bodyEn: 'Thanks again!' });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ type: expect.stringContaining('canned-reply-shortcut-taken'), shortcut: 'THANKS' });
    const other = await created(li, { scope: 'personal', title: 'Bye', shortcut: 'bye', bodyEn: 'Bye!' });
    expect((await api.http.patch(`/api/canned-replies/${other.id}`).set(li.auth).send({ shortcut: 'thanks' })).status).toBe(409);
    await created(zhang, { scope: 'personal', title: 'Thanks', shortcut: 'thanks', bodyEn: 'Thank you!' });
    await created(chen, { scope: 'team', title: 'Thanks', shortcut: 'thanks', bodyEn: 'Thank you from the team!' });
  });

  it('counts every use when many agents insert the same reply at once', async () => {
    const team = await created(chen, { scope: 'team', title: 'Checking', shortcut: 'checking', bodyEn: 'Checking {{ticket.code}} now.' });
    const agents = [li, zhang, chen, supervisor];
    const uses = await Promise.all(Array.from({ length: 40 }, (_, i) => api.http.post(`/api/canned-replies/${team.id}/uses`).set(agents[i % agents.length].auth).send({ ticketId: zhTicket.id })));
    expect(uses.map((r) => r.status)).toEqual(Array(40).fill(200));
    conforms(uses[0], 'post', '/api/canned-replies/{id}/uses', 200);
    expect(uses[0].body.text).toBe(`Checking ${zhTicket.code} now.`);
    expect(uses.map((r) => r.body.useCount).sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    const [row] = await api.database.db.query(`SELECT use_count, last_used_at FROM canned_replies WHERE id = $1`, [team.id]);
    expect(row.use_count).toBe(40);
    expect(row.last_used_at).toBeInstanceOf(Date);
    // A preview is not a use.
    await api.http.get(`/api/canned-replies/${team.id}/render?ticketId=${zhTicket.id}`).set(li.auth).expect(200);
    expect((await api.http.get('/api/canned-replies?q=checking').set(li.auth)).body.items[0]).toMatchObject({ id: team.id, useCount: 40 });
  });

  it('holds the personal limit when creations race', async () => {
    const agent = await f.agent('agent', frontDesk, 'Busy Writer');
    const limit = CANNED_REPLY_LIMITS.personalPerAgent;
    const write = (i: number) => create(agent, { scope: 'personal', title: `Reply ${i}`, shortcut: `r${i}`, bodyEn: `Reply number ${i}.` });
    // Filled to limit - 10 in waves of 10, then 20 at once race for the last 10 places (a burst of
    // limit + 10 would also test the connection pool's wait on a loaded machine, which is not this rule).
    for (let i = 0; i < limit - 10; i += 10) {
      const filled = await Promise.all(Array.from({ length: 10 }, (_, j) => write(i + j)));
      expect(filled.map((r) => r.status)).toEqual(Array(10).fill(201));
    }
    const attempts = await Promise.all(Array.from({ length: 20 }, (_, j) => write(limit - 10 + j)));
    const statuses = attempts.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(10);
    expect(statuses.filter((s) => s === 409)).toHaveLength(10);
    expect(attempts.find((r) => r.status === 409)!.body).toMatchObject({ type: expect.stringContaining('canned-reply-limit-reached'), scope: 'personal', limit });
    const [counted] = await api.database.db.query(`SELECT count(*)::int AS n FROM canned_replies WHERE owner_id = $1`, [agent.id]);
    expect(counted.n).toBe(limit);
  });
});

describe('canned replies in the demo data (npm start)', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ FIRSTHAND_SEED_DEMO: 'true' });
  });
  afterAll(() => api.close());

  it('gives Front Desk team replies and Li Wei a personal one, which fill in for a demo ticket', async () => {
    const login = await api.http.post('/api/auth/login').send({ email: 'li.wei@firsthand.local', password: 'firsthand-demo' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const listed = await api.http.get('/api/canned-replies?lang=zh-CN').set(auth).expect(200);
    expect(listed.body.items.map((r: { shortcut: string; scope: string }) => `${r.scope}:${r.shortcut}`).sort()).toEqual(['personal:thanks', 'team:looking', 'team:refund']);
    const [ticket] = await api.database.db.query(`SELECT t.id, t.code, c.name FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE c.locale = 'zh-CN' ORDER BY t.created_at LIMIT 1`);
    const looking = listed.body.items.find((r: { shortcut: string }) => r.shortcut === 'looking');
    const rendered = await api.http.get(`/api/canned-replies/${looking.id}/render?ticketId=${ticket.id}`).set(auth).expect(200);
    expect(rendered.body.text).toContain(`${ticket.name}您好，我是Li Wei。我正在处理您的问题（${ticket.code}）`);
    expect(rendered.body.text).not.toMatch(/\{\{|undefined|null/);
  });
});
