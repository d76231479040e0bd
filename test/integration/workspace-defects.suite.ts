import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The API side of issue 12's "defects found in use". */
describe('workspace defects through the API', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let li: TestAgent;
  let supervisor: TestAgent;
  let admin: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    [li, supervisor, admin] = await Promise.all([f.agent('agent', team, 'Li Wei'), f.agent('supervisor', team, 'Wang Fang'), f.agent('admin', null, 'Ada Admin')]);
  });
  afterAll(() => api.close());

  const track = (code: string, token: string) => ({
    get: () => api.http.get(`/api/track/${code}`).set('X-Tracking-Token', token),
    reply: (body: string) => api.http.post(`/api/track/${code}/messages`).set('X-Tracking-Token', token).send({ body }),
  });

  async function resolvedBy(agent: TestAgent) {
    const ticket = await f.customerTicket({ description: 'The router blinks red.' });
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(agent.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(agent.auth).send({ status: 'resolved', resolution: 'Reset it' }).expect(200);
    return ticket;
  }

  describe('a customer who replies on a resolved ticket', () => {
    it('reopens it within the window, back to the same owner, and the reply is on the timeline', async () => {
      const ticket = await resolvedBy(li);
      const res = await track(ticket.code, ticket.trackingToken).reply('Still blinking red').expect(201);
      expect(res.body).toMatchObject({ status: 'open', promise: { ownerName: 'Li Wei' } });
      expect(res.body.timeline.slice(-2).map((e: { type: string }) => e.type)).toEqual(['reopened', 'customer_replied']);
      const agentView = await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth).expect(200);
      expect(agentView.body).toMatchObject({ status: 'open', owner: { id: li.id }, reopenCount: 1, resolvedAt: null, resolution: null });
      const mine = await api.http.get('/api/tickets?owner=me&status=new,open,pending_customer').set(li.auth).expect(200);
      expect(mine.body.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
    });

    it('two replies at once on a resolved ticket reopen it once and both are kept', async () => {
      const ticket = await resolvedBy(li);
      const replies = await Promise.all(['First message', 'Second message', 'Third message'].map((body) => track(ticket.code, ticket.trackingToken).reply(body)));
      expect(replies.map((r) => r.status)).toEqual([201, 201, 201]);
      const { ticket: row, events } = await f.snapshot(ticket.id);
      expect(row).toMatchObject({ status: 'open', reopen_count: 1, owner_id: li.id });
      expect(events.filter((e: { type: string }) => e.type === 'reopened')).toHaveLength(1);
      expect(events.filter((e: { type: string }) => e.type === 'customer_replied').map((e: { payload: { body: string } }) => e.payload.body).sort()).toEqual(['First message', 'Second message', 'Third message']);
      expect(events.map((e: { seq: number }) => e.seq)).toEqual(events.map((_: unknown, i: number) => i + 1));
    });

    it('is told clearly why not past the window (409 reopen-window-closed, with when it ended), and nothing changes', async () => {
      const ticket = await resolvedBy(li);
      await api.database.db.query(`UPDATE tickets SET resolved_at = now() - interval '8 days' WHERE id = $1`, [ticket.id]);
      const before = { counts: await f.counts(), ticket: await f.snapshot(ticket.id) };
      const res = await track(ticket.code, ticket.trackingToken).reply('Hello again').expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 409, type: expect.stringContaining('reopen-window-closed'), detail: expect.stringMatching(/can no longer be reopened; open a new issue/) });
      expect(Date.parse(res.body.windowEndedAt)).toBeLessThan(Date.now());
      expect({ counts: await f.counts(), ticket: await f.snapshot(ticket.id) }).toEqual(before);
    });

    it('is refused on a closed ticket (409, open a new one), and nothing changes', async () => {
      const ticket = await resolvedBy(li);
      // As the worker's auto-close leaves it once the reopen window is over.
      await api.database.db.query(`UPDATE tickets SET status = 'closed', closed_at = now() WHERE id = $1`, [ticket.id]);
      const before = { counts: await f.counts(), ticket: await f.snapshot(ticket.id) };
      const res = await track(ticket.code, ticket.trackingToken).reply('Hello?').expect(409);
      expect(res.body).toMatchObject({ type: expect.stringContaining('transition-not-allowed'), detail: 'This issue is closed; open a new one.' });
      expect({ counts: await f.counts(), ticket: await f.snapshot(ticket.id) }).toEqual(before);
    });
  });

  it("shows the customer their own description on the tracking view", async () => {
    const ticket = await f.customerTicket({ description: 'Ordered two, got one.\nOrder 1042.' });
    const res = await track(ticket.code, ticket.trackingToken).get().expect(200);
    expect(res.body.description).toBe('Ordered two, got one.\nOrder 1042.');
  });

  describe('the ticket list filters by kind (the dashboard\'s open complaints)', () => {
    it('lists only complaints when asked', async () => {
      const complaint = await f.customerTicket({ kind: 'complaint', subject: 'Rude courier' });
      const question = await f.customerTicket({ kind: 'question' });
      const res = await api.http.get('/api/tickets?kind=complaint&status=new,open,pending_customer&limit=100').set(supervisor.auth).expect(200);
      const ids = res.body.items.map((t: { id: string }) => t.id);
      expect(ids).toContain(complaint.id);
      expect(ids).not.toContain(question.id);
      expect(res.body.items.every((t: { kind: string }) => t.kind === 'complaint')).toBe(true);
    });

    it('refuses an unknown kind with a 400 naming the field', async () => {
      const res = await api.http.get('/api/tickets?kind=complaint,grievance').set(supervisor.auth).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body.errors)).toContain('kind');
    });
  });

  describe("the ticket list filters escalated tickets (the dashboard's \"Escalated now\")", () => {
    it('lists only tickets escalated past a warning: an owner who asked for help, not a warned one', async () => {
      const asked = await f.customerTicket({ subject: 'Needs a senior' });
      await api.http.post(`/api/tickets/${asked.id}/claim`).set(li.auth).expect(200);
      await api.http.post(`/api/tickets/${asked.id}/escalate`).set(li.auth).send({ reason: 'Beyond me' }).expect(200);
      const warned = await f.customerTicket({ subject: 'Only warned' });
      await api.database.db.query(`UPDATE tickets SET escalation_level = 1 WHERE id = $1`, [warned.id]);
      const res = await api.http.get('/api/tickets?escalated=true&status=new,open,pending_customer&limit=50').set(supervisor.auth).expect(200);
      const ids = res.body.items.map((t: { id: string }) => t.id);
      expect(ids).toContain(asked.id);
      expect(ids).not.toContain(warned.id);
      expect(res.body.items.every((t: { escalationLevel: number }) => t.escalationLevel >= 2)).toBe(true);
    });

    it('refuses any other value with a 400 naming the field', async () => {
      const res = await api.http.get('/api/tickets?escalated=false').set(supervisor.auth).expect(400);
      expect(JSON.stringify(res.body.errors)).toContain('escalated');
    });
  });

  it("leaves supervisors and admins who own nothing out of the agent load, and shows one who does", async () => {
    const loads = async () => (await api.http.get('/api/metrics/live').set(supervisor.auth).expect(200)).body.agents.map((a: { agentId: string }) => a.agentId);
    const before = await loads();
    expect(before).toContain(li.id);
    expect(before).not.toContain(supervisor.id);
    expect(before).not.toContain(admin.id);

    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(supervisor.auth).expect(200);
    const after = await loads();
    expect(after).toContain(supervisor.id);
    expect(after).not.toContain(admin.id);
  });
});
