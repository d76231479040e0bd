import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('first-responder ownership through the API', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let li: TestAgent;
  let zhang: TestAgent;
  let sara: TestAgent;
  let senior: TestAgent;
  let supervisor: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    [li, zhang, sara, senior, supervisor] = await Promise.all([
      f.agent('agent', team, 'Li Wei'),
      f.agent('agent', team, 'Zhang Min'),
      f.agent('agent', team, 'Sara Lopez'),
      f.agent('senior', team, 'Chen Jie'),
      f.agent('supervisor', team, 'Wang Fang'),
    ]);
  });
  afterAll(() => api.close());

  async function claimed(by: TestAgent = li) {
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(by.auth).expect(200);
    return ticket;
  }

  it('a new ticket is unowned, in its team queue, with SLA due times', async () => {
    const ticket = await f.customerTicket();
    const res = await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth).expect(200);
    expect(res.body).toMatchObject({ status: 'new', owner: null, firstResponder: null, teamId: team, lastSeq: 1 });
    expect(Date.parse(res.body.sla.firstResponseDueAt)).toBeGreaterThan(Date.parse(res.body.createdAt));
    const queue = await api.http.get('/api/tickets?owner=unowned&status=new').set(zhang.auth).expect(200);
    expect(queue.body.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
  });

  it('claim makes the agent owner and first responder; a second claim gets 409 naming the owner', async () => {
    const ticket = await f.customerTicket();
    const won = await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    expect(won.body.ticket).toMatchObject({ status: 'open', owner: { id: li.id, name: 'Li Wei' }, firstResponder: { id: li.id, name: 'Li Wei' } });
    expect(won.body.ticket.firstResponseAt).not.toBeNull();
    expect(won.body.events).toEqual([expect.objectContaining({ seq: 2, type: 'claimed', visibility: 'public' })]);

    const before = await f.snapshot(ticket.id);
    const lost = await api.http.post(`/api/tickets/${ticket.id}/claim`).set(zhang.auth).expect(409);
    expect(lost.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(lost.body).toMatchObject({ status: 409, ownerId: li.id, ownerName: 'Li Wei', type: expect.stringContaining('ticket-owned-by-another') });
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it("the owner's own claim again (a retry, a double click) answers 200 with the ticket as it is and records nothing", async () => {
    const ticket = await claimed(li);
    const before = await f.snapshot(ticket.id);
    const again = await Promise.all([0, 1, 2].map(() => api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200)));
    for (const res of again) {
      expect(res.body.ticket).toMatchObject({ id: ticket.id, status: 'open', owner: { id: li.id, name: 'Li Wei' }, lastSeq: before.ticket.last_seq });
      expect(res.body.events).toEqual([]);
    }
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('refuses a non-owner public reply, status change, resolve, escalation and handoff, changing nothing', async () => {
    const ticket = await claimed(li);
    const before = await f.snapshot(ticket.id);
    const attempts = [
      api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'I can help!', visibility: 'public' }),
      api.http.post(`/api/tickets/${ticket.id}/status`).set(zhang.auth).send({ status: 'pending_customer' }),
      api.http.post(`/api/tickets/${ticket.id}/status`).set(zhang.auth).send({ status: 'resolved', resolution: 'done' }),
      api.http.post(`/api/tickets/${ticket.id}/escalate`).set(zhang.auth).send({ reason: 'hard' }),
      api.http.post(`/api/tickets/${ticket.id}/handoff`).set(zhang.auth).send({ toAgentId: sara.id, note: 'take it' }),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(403);
      expect(res.body).toMatchObject({ ownerId: li.id, ownerName: 'Li Wei', type: expect.stringContaining('not-ticket-owner') });
      expect(res.body.detail).toContain('Li Wei');
    }
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('accepts an internal note from a non-owner without moving ownership', async () => {
    const ticket = await claimed(li);
    const res = await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'Customer called before', visibility: 'internal' }).expect(201);
    expect(res.body.ticket.owner.id).toBe(li.id);
    expect(res.body.events).toEqual([expect.objectContaining({ type: 'internal_note_added', visibility: 'internal' })]);
    const { messages } = await f.snapshot(ticket.id);
    expect(messages).toEqual([expect.objectContaining({ author_id: zhang.id, visibility: 'internal', body: 'Customer called before' })]);
  });

  it('a first public reply on an unowned ticket claims it in the same transaction', async () => {
    const ticket = await f.customerTicket();
    const res = await api.http.post(`/api/tickets/${ticket.id}/messages`).set(sara.auth).send({ body: 'Hello, I am on it', visibility: 'public' }).expect(201);
    expect(res.body.ticket).toMatchObject({ owner: { id: sara.id }, firstResponder: { id: sara.id }, status: 'open' });
    expect(res.body.events.map((e: { type: string }) => e.type)).toEqual(['claimed', 'agent_replied']);
    expect(res.body.events[0].payload).toMatchObject({ via: 'reply' });
    expect(res.body.events[1].payload).toMatchObject({ body: 'Hello, I am on it', claimedTicket: true });
  });

  it('refuses a stale public reply with the new customer events, then accepts it after reading', async () => {
    const ticket = await claimed(li);
    const seen = (await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth)).body.lastSeq as number;
    await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'Actually it is order 42' }).expect(201);
    const before = await f.snapshot(ticket.id);
    const stale = await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Which order?', visibility: 'public', expectedSeq: seen }).expect(409);
    expect(stale.body.type).toContain('stale-ticket-view');
    expect(stale.body.newEvents).toEqual([expect.objectContaining({ type: 'customer_replied', payload: expect.objectContaining({ body: 'Actually it is order 42' }) })]);
    expect(await f.snapshot(ticket.id)).toEqual(before);
    const latest = stale.body.newEvents[stale.body.newEvents.length - 1].seq;
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Order 42 refunded', visibility: 'public', expectedSeq: latest }).expect(201);
  });

  it('an internal note by a colleague does not make the owner\'s view stale', async () => {
    const ticket = await claimed(li);
    const seen = (await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth)).body.lastSeq as number;
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'fyi', visibility: 'internal' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'pending_customer', expectedSeq: seen }).expect(200);
  });

  it('hands off only when the other agent accepts, keeping the first responder', async () => {
    const ticket = await claimed(li);
    const proposed = await api.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: senior.id, note: 'Needs billing access' }).expect(200);
    expect(proposed.body.ticket).toMatchObject({ owner: { id: li.id }, pendingHandoffTo: { id: senior.id } });
    // Until acceptance the proposer still owns it: the proposed agent cannot reply publicly.
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(senior.auth).send({ body: 'hi', visibility: 'public' }).expect(403);
    // Only the proposed agent may accept.
    await api.http.post(`/api/tickets/${ticket.id}/handoff/accept`).set(zhang.auth).expect(409);
    const accepted = await api.http.post(`/api/tickets/${ticket.id}/handoff/accept`).set(senior.auth).expect(200);
    expect(accepted.body.ticket).toMatchObject({ owner: { id: senior.id }, firstResponder: { id: li.id }, transferCount: 1, pendingHandoffTo: null });
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'still me?', visibility: 'public' }).expect(403);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(senior.auth).send({ body: 'I have it now', visibility: 'public' }).expect(201);
  });

  it('a declined handoff leaves ownership where it was', async () => {
    const ticket = await claimed(li);
    await api.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: sara.id, note: 'could you?' }).expect(200);
    const declined = await api.http.post(`/api/tickets/${ticket.id}/handoff/decline`).set(sara.auth).expect(200);
    expect(declined.body.ticket).toMatchObject({ owner: { id: li.id }, pendingHandoffTo: null, transferCount: 0 });
    expect(declined.body.events[0]).toMatchObject({ type: 'handoff_declined', payload: { withdrawn: false } });
  });

  it('only supervisors reassign, at once and with the reason on record', async () => {
    const ticket = await claimed(li);
    const refused = await api.http.post(`/api/tickets/${ticket.id}/reassign`).set(zhang.auth).send({ toAgentId: zhang.id, reason: 'mine now' }).expect(403);
    expect(refused.body.requiredRoles).toEqual(['supervisor', 'admin']);
    const res = await api.http.post(`/api/tickets/${ticket.id}/reassign`).set(supervisor.auth).send({ toAgentId: sara.id, reason: 'Li is off sick' }).expect(200);
    expect(res.body.ticket).toMatchObject({ owner: { id: sara.id }, firstResponder: { id: li.id }, transferCount: 1 });
    expect(res.body.events[0]).toMatchObject({ type: 'reassigned', payload: { fromAgentId: li.id, toAgentId: sara.id, reason: 'Li is off sick' } });
  });

  it('no handoff or reassignment to a supervisor, who oversees the queue: 422 and nothing changes', async () => {
    const ticket = await claimed(li);
    const before = await f.snapshot(ticket.id);
    const handoff = await api.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: supervisor.id, note: 'please take it' }).expect(422);
    expect(handoff.body.type).toContain('invalid-assignee');
    expect(handoff.body.detail).toContain('supervisor');
    const reassign = await api.http.post(`/api/tickets/${ticket.id}/reassign`).set(supervisor.auth).send({ toAgentId: supervisor.id, reason: 'mine now' }).expect(422);
    expect(reassign.body.type).toContain('invalid-assignee');
    expect(await f.snapshot(ticket.id)).toEqual(before);
    // A senior is handed tickets like anyone else.
    await api.http.post(`/api/tickets/${ticket.id}/reassign`).set(supervisor.auth).send({ toAgentId: senior.id, reason: 'needs a senior' }).expect(200);
  });

  it('escalation raises the level and adds watchers but never moves ownership', async () => {
    const ticket = await claimed(li);
    const res = await api.http.post(`/api/tickets/${ticket.id}/escalate`).set(li.auth).send({ reason: 'Customer threatens to cancel' }).expect(200);
    expect(res.body.ticket).toMatchObject({ owner: { id: li.id }, escalationLevel: 2 });
    const { watchers } = await f.snapshot(ticket.id);
    expect(watchers.map((w: { agent_id: string }) => w.agent_id).sort()).toEqual([senior.id, supervisor.id].sort());
  });

  it('resolve, customer rating, and a reopen within the window back to the same owner', async () => {
    const ticket = await claimed(li);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Refund issued' }).expect(200);
    const tracked = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    expect(tracked.body).toMatchObject({ status: 'resolved', resolution: 'Refund issued', promise: { ownerName: 'Li Wei' } });
    expect(tracked.body.canReopenUntil).not.toBeNull();
    await api.http.post(`/api/track/${ticket.code}/feedback`).set('X-Tracking-Token', ticket.trackingToken).send({ rating: 5, comment: 'fast!' }).expect(200);
    await api.http.post(`/api/track/${ticket.code}/feedback`).set('X-Tracking-Token', ticket.trackingToken).send({ rating: 1 }).expect(409);
    const reopened = await api.http.post(`/api/track/${ticket.code}/reopen`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    expect(reopened.body).toMatchObject({ status: 'open', promise: { ownerName: 'Li Wei' } });
    const agentView = await api.http.get(`/api/tickets/${ticket.id}`).set(li.auth).expect(200);
    expect(agentView.body).toMatchObject({ owner: { id: li.id }, reopenCount: 1, resolvedAt: null });
  });

  it('refuses a reopen once the window has passed', async () => {
    const ticket = await claimed(li);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    await api.database.db.query(`UPDATE tickets SET resolved_at = now() - interval '8 days' WHERE id = $1`, [ticket.id]);
    const before = await f.snapshot(ticket.id);
    const res = await api.http.post(`/api/track/${ticket.code}/reopen`).set('X-Tracking-Token', ticket.trackingToken).expect(409);
    expect(res.body.type).toContain('reopen-window-closed');
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('a customer reply on a ticket waiting for them returns it to open', async () => {
    const ticket = await claimed(li);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'pending_customer' }).expect(200);
    const res = await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'Here is the photo' }).expect(201);
    expect(res.body.status).toBe('open');
    expect(res.body.timeline.map((e: { type: string }) => e.type)).toEqual(['customer_replied', 'status_changed']);
  });

  it('links a new ticket from the same customer inside the window as a repeat contact offered to the earlier owner', async () => {
    const email = `repeat-${Date.now()}@example.com`;
    const first = await f.customerTicket({}, { email });
    await api.http.post(`/api/tickets/${first.id}/claim`).set(sara.auth).expect(200);
    await api.http.post(`/api/tickets/${first.id}/status`).set(sara.auth).send({ status: 'resolved' }).expect(200);
    const second = await f.customerTicket({ subject: 'Still broken' }, { email });
    expect(second.repeatOfTicketId).toBe(first.id);
    const view = await api.http.get(`/api/tickets/${second.id}`).set(sara.auth).expect(200);
    expect(view.body).toMatchObject({ repeatOfTicketId: first.id, offeredTo: { id: sara.id }, owner: null });
    const origin = await f.snapshot(first.id);
    expect(origin.events[origin.events.length - 1]).toMatchObject({ type: 'repeat_contact', payload: { ticketId: second.id, code: second.code } });
  });

  it('keeps agents of another team out of a ticket (404), while its own team and supervisors see it', async () => {
    const otherTeam = await f.team('Billing');
    const outsider = await f.agent('agent', otherTeam, 'Out Sider');
    const ticket = await f.customerTicket();
    await api.http.get(`/api/tickets/${ticket.id}`).set(outsider.auth).expect(404);
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(outsider.auth).expect(404);
    await api.http.get(`/api/tickets/${ticket.id}`).set(supervisor.auth).expect(200);
  });

  it('records every change in a gapless timeline', async () => {
    const ticket = await claimed(li);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'one', visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'two', visibility: 'internal' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    const res = await api.http.get(`/api/tickets/${ticket.id}/events?after=0`).set(li.auth).expect(200);
    expect(res.body.items.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(res.body.items.map((e: { type: string }) => e.type)).toEqual(['created', 'claimed', 'agent_replied', 'internal_note_added', 'status_changed']);
    expect(res.body.lastSeq).toBe(5);
    const after = await api.http.get(`/api/tickets/${ticket.id}/events?after=3`).set(li.auth).expect(200);
    expect(after.body.items.map((e: { seq: number }) => e.seq)).toEqual([4, 5]);
    const tracked = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    expect(tracked.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'claimed', 'agent_replied', 'status_changed']);
  });
});
