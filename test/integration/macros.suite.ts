import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** Macros over real HTTP and PostgreSQL: CRUD with ownership, and applying one as owner and as anyone else. */
describe('macros', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let zhang: TestAgent;
  let senior: TestAgent;
  let sara: TestAgent;
  let supervisor: TestAgent;
  let team: string;

  const WAITING = {
    name: 'Waiting on the bank',
    scope: 'personal',
    reply: { 'zh-CN': '{{customer.name}}您好，{{agent.name}}正在处理 {{ticket.code}}。', en: 'Hi {{customer.name}}, {{agent.name}} here about {{ticket.code}}.' },
    status: 'pending_customer',
    addTags: ['Bank'],
    removeTags: ['new-lead'],
    priority: 'high',
  };
  const create = (agent: TestAgent, body: object) => api.http.post('/api/macros').set(agent.auth).send(body);
  const applyMacro = (ticketId: string, macroId: string, agent: TestAgent) => api.http.post(`/api/tickets/${ticketId}/macros/${macroId}/apply`).set(agent.auth);

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    const sales = await f.team('Sales');
    li = await f.agent('agent', team, 'Li Wei');
    zhang = await f.agent('agent', team, 'Zhang Min');
    senior = await f.agent('senior', team, 'Chen Jie');
    sara = await f.agent('agent', sales, 'Sara Lopez');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });
  afterAll(() => api.close());

  describe('managing them', () => {
    it('keeps personal macros to their owner; team macros are shared with the team and made by its seniors', async () => {
      const mine = await create(li, WAITING).expect(201);
      expect(mine.body).toMatchObject({ name: 'Waiting on the bank', scope: 'personal', teamId: null, addTags: ['bank'], owner: { id: li.id, name: 'Li Wei' }, version: 1, manageable: true });
      const shared = await create(senior, { ...WAITING, name: 'Team greeting', scope: 'team' }).expect(201);
      expect(shared.body).toMatchObject({ scope: 'team', teamId: team });

      const zhangs = await api.http.get('/api/macros').set(zhang.auth).expect(200);
      expect(zhangs.body.items.map((m: { name: string; manageable: boolean }) => [m.name, m.manageable])).toEqual([['Team greeting', false]]);
      expect((await api.http.get('/api/macros').set(sara.auth).expect(200)).body.items).toEqual([]);
      await create(zhang, { ...WAITING, scope: 'team' }).expect(403);

      await api.http.patch(`/api/macros/${mine.body.id}`).set(zhang.auth).send({ ...WAITING, scope: undefined, expectedVersion: 1 }).expect(404);
      await api.http.patch(`/api/macros/${shared.body.id}`).set(zhang.auth).send({ name: 'Mine now', addTags: ['x'], expectedVersion: 1 }).expect(403);
      await api.http.delete(`/api/macros/${shared.body.id}`).set(sara.auth).expect(404);
    });

    it('edits over the version seen (409 when someone changed it) and deletes', async () => {
      const macro = (await create(li, { ...WAITING, name: 'Edit me' }).expect(201)).body;
      const edited = await api.http.patch(`/api/macros/${macro.id}`).set(li.auth).send({ name: 'Edited', addTags: ['vip'], expectedVersion: 1 }).expect(200);
      expect(edited.body).toMatchObject({ name: 'Edited', addTags: ['vip'], status: null, reply: { 'zh-CN': null, en: null }, version: 2 });
      const stale = await api.http.patch(`/api/macros/${macro.id}`).set(li.auth).send({ name: 'Lost', addTags: ['x'], expectedVersion: 1 }).expect(409);
      expect(stale.body).toMatchObject({ type: 'https://firsthand.dev/problems/macro-changed', currentVersion: 2 });
      await api.http.delete(`/api/macros/${macro.id}`).set(li.auth).expect(204);
      await api.http.delete(`/api/macros/${macro.id}`).set(li.auth).expect(404);
    });

    it.each([
      ['no name', { ...WAITING, name: '' }, 'validation'],
      ['a name of 81 characters', { ...WAITING, name: 'x'.repeat(81) }, 'validation'],
      ['an unknown scope', { ...WAITING, scope: 'global' }, 'validation'],
      ['a status agents cannot set', { ...WAITING, status: 'closed' }, 'validation'],
      ['a reply over 5000 characters', { ...WAITING, reply: { en: 'x'.repeat(5001) } }, 'validation'],
      ['an unknown field', { ...WAITING, colour: 'red' }, 'validation'],
      ['a reply given as a list', { ...WAITING, reply: [{ en: 'Hi' }] }, 'validation'],
      ['an unknown placeholder', { ...WAITING, reply: { en: 'Hi {{order.id}}' } }, 'invalid-macro'],
      ['a macro that does nothing', { name: 'Nothing', scope: 'personal' }, 'invalid-macro'],
      ['a bad tag', { ...WAITING, addTags: ['a,b'] }, 'invalid-tag'],
    ])('refuses %s with 400 and stores nothing', async (_, body, code) => {
      const [{ n: before }] = await api.database.db.query(`SELECT count(*)::int AS n FROM macros`);
      const res = await create(li, body).expect(400);
      expect(res.body.type).toBe(`https://firsthand.dev/problems/${code}`);
      if (code === 'invalid-macro' && res.body.unknownPlaceholders) expect(res.body.unknownPlaceholders).toEqual(['order.id']);
      const [{ n: after }] = await api.database.db.query(`SELECT count(*)::int AS n FROM macros`);
      expect(after).toBe(before);
    });

    it('limits an agent to 100 personal macros, even when created at once', async () => {
      const agent = await f.agent('agent', team, 'Many Macros');
      // Filled to 90 in waves of 10, then 20 at once race for the last 10 places (a burst of 110 would
      // also test the connection pool's wait on a loaded machine, which is not this rule).
      for (let wave = 0; wave < 9; wave++) {
        const filled = await Promise.all(Array.from({ length: 10 }, (_, i) => create(agent, { name: `m${wave * 10 + i}`, scope: 'personal', addTags: ['x'] })));
        expect(filled.map((r) => r.status)).toEqual(Array(10).fill(201));
      }
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => create(agent, { name: `m${90 + i}`, scope: 'personal', addTags: ['x'] })));
      expect(results.filter((r) => r.status === 201)).toHaveLength(10);
      expect(results.filter((r) => r.status === 422).map((r) => r.body.type)).toEqual(Array(10).fill('https://firsthand.dev/problems/too-many-macros'));
    });
  });

  describe('applying one', () => {
    it("as the owner: the reply in the customer's language with placeholders filled, status, tags and priority, in one change", async () => {
      const macro = (await create(li, WAITING).expect(201)).body;
      const ticket = await f.customerTicket({}, { name: '张伟', locale: 'zh-CN' });
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      await api.http.patch(`/api/tickets/${ticket.id}/tags`).set(li.auth).send({ add: ['new-lead'] }).expect(200);

      const res = await applyMacro(ticket.id, macro.id, li).expect(200);

      expect(res.body.applied).toEqual({ reply: 'public', status: 'pending_customer', priority: 'high', tagsAdded: ['bank'], tagsRemoved: ['new-lead'], skipped: [] });
      expect(res.body.ticket).toMatchObject({ status: 'pending_customer', priority: 'high', tags: ['bank'] });
      expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['agent_replied', 'status_changed', 'priority_changed', 'tags_changed']);
      const { messages, events } = await f.snapshot(ticket.id);
      expect(messages.at(-1)).toMatchObject({ visibility: 'public', body: `张伟您好，Li Wei正在处理 ${ticket.code}。` });
      expect(new Set(events.slice(-4).map((e: { created_at: Date }) => e.created_at.toISOString())).size).toBe(1);
      const tracking = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
      expect(JSON.stringify(tracking.body)).toContain('张伟您好');
    });

    it("fills times in the zone of the ticket's team's business calendar, and says which", async () => {
      const [{ id: calendar }] = await api.database.db.query(`INSERT INTO business_calendars (name, zone, always_open) VALUES ('New York desk', 'America/New_York', true) RETURNING id`);
      const newYork = await f.team('New York');
      await api.database.db.query(`UPDATE teams SET calendar_id = $1 WHERE id = $2`, [calendar, newYork]);
      const sam = await f.agent('agent', newYork, 'Sam Rivera');
      const macro = (await create(sam, { name: 'Promise', scope: 'personal', reply: { en: 'Next update by {{ticket.next_update_due}}.' } }).expect(201)).body;
      const ticket = await f.customerTicket({}, { name: 'Ana Silva', locale: 'en' });
      await api.database.db.query(`UPDATE tickets SET team_id = $1 WHERE id = $2`, [newYork, ticket.id]);
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(sam.auth).expect(200);
      const [{ next_update_due_at: due }] = await api.database.db.query(`SELECT next_update_due_at FROM tickets WHERE id = $1`, [ticket.id]);
      await applyMacro(ticket.id, macro.id, sam).expect(200);
      const { messages } = await f.snapshot(ticket.id);
      const local = new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', dateStyle: 'medium', timeStyle: 'short' }).format(due);
      const zone = new Intl.DateTimeFormat('en', { timeZone: 'America/New_York', timeZoneName: 'short' }).formatToParts(due).find((p) => p.type === 'timeZoneName')!.value;
      expect(zone).toMatch(/^E[SD]T$/);
      expect(messages.at(-1)).toMatchObject({ visibility: 'public', body: `Next update by ${local} (${zone}).` });
    });

    it('previews the reply filled in exactly as applying sends it, without changing anything; 404 where applying would be', async () => {
      const macro = (await create(li, { ...WAITING, name: 'Preview', reply: { ...WAITING.reply, 'zh-CN': '{{customer.name}}您好，{{ticket.code}} 将于 {{ticket.next_update_due}} 前更新。' } }).expect(201)).body;
      const ticket = await f.customerTicket({}, { name: '张伟', locale: 'zh-CN' });
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      const before = await f.snapshot(ticket.id);
      const preview = (await api.http.get(`/api/tickets/${ticket.id}/macros/${macro.id}/reply`).set(li.auth).expect(200)).body;
      expect(preview).toMatchObject({ macroId: macro.id, ticketId: ticket.id, locale: 'zh-CN' });
      expect(preview.text).toMatch(new RegExp(`^张伟您好，${ticket.code} 将于 .+ 前更新。$`));
      expect(preview.text).not.toContain('{{');
      expect(await f.snapshot(ticket.id)).toEqual(before);
      await applyMacro(ticket.id, macro.id, li).expect(200);
      const { messages } = await f.snapshot(ticket.id);
      expect(messages.at(-1).body).toBe(preview.text);

      const tagsOnly = (await create(li, { name: 'Tags only', scope: 'personal', addTags: ['x'] }).expect(201)).body;
      expect((await api.http.get(`/api/tickets/${ticket.id}/macros/${tagsOnly.id}/reply`).set(li.auth).expect(200)).body.text).toBeNull();
      expect((await api.http.get(`/api/tickets/${ticket.id}/macros/${macro.id}/reply`).set(zhang.auth).expect(404)).body.type).toBe('https://firsthand.dev/problems/macro-not-found');
      const saras = (await create(sara, { ...WAITING, name: 'Sales preview' }).expect(201)).body;
      expect((await api.http.get(`/api/tickets/${ticket.id}/macros/${saras.id}/reply`).set(sara.auth).expect(404)).body.type).toBe('https://firsthand.dev/problems/ticket-not-found');
    });

    it("as anyone else: the limited version, an internal note and the tags; status and priority skipped and said so", async () => {
      const macro = (await create(zhang, WAITING).expect(201)).body;
      const ticket = await f.customerTicket({}, { name: 'Sam', locale: 'en' });
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);

      const res = await applyMacro(ticket.id, macro.id, zhang).expect(200);

      expect(res.body.applied).toEqual({ reply: 'internal', status: null, priority: null, tagsAdded: ['bank'], tagsRemoved: [], skipped: ['status', 'priority'] });
      expect(res.body.ticket).toMatchObject({ status: 'open', priority: 'normal', owner: { id: li.id } });
      expect(res.body.events.map((e: { type: string; visibility: string }) => [e.type, e.visibility])).toEqual([['internal_note_added', 'internal'], ['tags_changed', 'internal']]);
      const tracking = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
      expect(JSON.stringify(tracking.body)).not.toContain('Zhang Min here');
    });

    it('on an unowned ticket it neither claims it nor replies publicly', async () => {
      const macro = (await create(zhang, { ...WAITING, name: 'Unowned' }).expect(201)).body;
      const ticket = await f.customerTicket();
      const res = await applyMacro(ticket.id, macro.id, zhang).expect(200);
      expect(res.body.ticket).toMatchObject({ status: 'new', owner: null });
      expect(res.body.applied.reply).toBe('internal');
    });

    it('follows the status rules: a refused status refuses the whole macro and nothing changes', async () => {
      const macro = (await create(li, { name: 'Resolve', scope: 'personal', status: 'resolved', addTags: ['done'], reply: { en: 'Solved' } }).expect(201)).body;
      const ticket = await f.customerTicket();
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
      const before = await f.snapshot(ticket.id);
      const res = await applyMacro(ticket.id, macro.id, li).expect(409);
      expect(res.body.type).toBe('https://firsthand.dev/problems/transition-not-allowed');
      expect(await f.snapshot(ticket.id)).toEqual(before);
    });

    it("answers 404 for a macro the agent may not see and for a ticket they may not see", async () => {
      const lis = (await create(li, { ...WAITING, name: 'Private' }).expect(201)).body;
      const ticket = await f.customerTicket();
      const before = await f.snapshot(ticket.id);
      expect((await applyMacro(ticket.id, lis.id, zhang).expect(404)).body.type).toBe('https://firsthand.dev/problems/macro-not-found');
      const saras = (await create(sara, { ...WAITING, name: 'Sales' }).expect(201)).body;
      expect((await applyMacro(ticket.id, saras.id, sara).expect(404)).body.type).toBe('https://firsthand.dev/problems/ticket-not-found');
      await api.http.post(`/api/tickets/${ticket.id}/macros/not-a-uuid/apply`).set(li.auth).expect(400);
      expect(await f.snapshot(ticket.id)).toEqual(before);
    });

    it('a supervisor sees every team macro and may apply it (limited when not the owner)', async () => {
      const shared = (await create(senior, { ...WAITING, name: 'For supervisors', scope: 'team' }).expect(201)).body;
      const ticket = await f.customerTicket();
      await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      const res = await applyMacro(ticket.id, shared.id, supervisor).expect(200);
      expect(res.body.applied.skipped).toEqual(['status', 'priority']);
    });
  });
});
