import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** Supervisors' bulk actions: each ticket through its own rules, answered per ticket. */
describe('bulk actions on tickets', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let zhang: TestAgent;
  let supervisor: TestAgent;
  let inactive: TestAgent;

  const bulk = (agent: TestAgent, body: unknown) => api.http.post('/api/tickets/bulk').set(agent.auth).send(body as object);
  const claimed = async (by: TestAgent) => {
    const t = await f.customerTicket();
    await api.http.post(`/api/tickets/${t.id}/claim`).set(by.auth).expect(200);
    return t;
  };

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    zhang = await f.agent('agent', team, 'Zhang Min');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    inactive = await f.agent('agent', team, 'Gone Away');
    await api.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [inactive.id]);
  });
  afterAll(() => api.close());

  it('reassigns a mix of tickets: each by its own rules, the answer per ticket with the new seq or the problem', async () => {
    const [a, b] = [await claimed(li), await claimed(li)];
    const alreadyZhangs = await claimed(zhang);
    const missing = '00000000-0000-4000-8000-000000000000';

    const res = await bulk(supervisor, { action: 'reassign', ticketIds: [a.id, alreadyZhangs.id, missing, b.id], toAgentId: zhang.id, reason: 'Li is on leave' }).expect(200);

    expect(res.body).toMatchObject({ action: 'reassign', succeeded: 2, failed: 2 });
    const [ra, rz, rm, rb] = res.body.results;
    expect(ra).toEqual({ ticketId: a.id, ok: true, changed: true, seq: 3 });
    expect(rb).toEqual({ ticketId: b.id, ok: true, changed: true, seq: 3 });
    expect(rz).toMatchObject({ ticketId: alreadyZhangs.id, ok: false, problem: { status: 422, type: 'https://firsthand.dev/problems/invalid-assignee' } });
    expect(rm).toMatchObject({ ticketId: missing, ok: false, problem: { status: 404 } });
    const { ticket, events } = await f.snapshot(a.id);
    expect(ticket.owner_id).toBe(zhang.id);
    expect(events.at(-1)).toMatchObject({ type: 'reassigned', payload: expect.objectContaining({ reason: 'Li is on leave' }) });
  });

  it('tags many tickets; a ticket that already has the tags is ok and unchanged', async () => {
    const [a, b] = [await f.customerTicket(), await f.customerTicket()];
    await api.http.patch(`/api/tickets/${b.id}/tags`).set(li.auth).send({ add: ['outage'] }).expect(200);
    const res = await bulk(supervisor, { action: 'tag', ticketIds: [a.id, b.id], add: ['Outage'] }).expect(200);
    expect(res.body.results).toEqual([
      { ticketId: a.id, ok: true, changed: true, seq: 2 },
      { ticketId: b.id, ok: true, changed: false, seq: 2 },
    ]);
    expect((await f.snapshot(a.id)).ticket.tags).toEqual(['outage']);
  });

  it('closes as spam: status closed, resolution spam, the spam tag, the sender told nothing; a closed one is refused', async () => {
    const [a, b] = [await f.customerTicket(), await claimed(li)];
    await bulk(supervisor, { action: 'close_as_spam', ticketIds: [a.id] }).expect(200);

    const res = await bulk(supervisor, { action: 'close_as_spam', ticketIds: [a.id, b.id] }).expect(200);

    expect(res.body.results[0]).toMatchObject({ ticketId: a.id, ok: false, problem: { status: 409, type: 'https://firsthand.dev/problems/transition-not-allowed' } });
    expect(res.body.results[1]).toMatchObject({ ticketId: b.id, ok: true, changed: true });
    const { ticket, events } = await f.snapshot(b.id);
    expect(ticket).toMatchObject({ status: 'closed', resolution: 'spam', tags: ['spam'] });
    expect(events.slice(-2).map((e: { type: string; visibility: string }) => [e.type, e.visibility])).toEqual([['status_changed', 'internal'], ['tags_changed', 'internal']]);
    const tracking = await api.http.get(`/api/track/${b.code}`).set('X-Tracking-Token', b.trackingToken).expect(200);
    expect(JSON.stringify(tracking.body)).not.toContain('spam');
    // No rating is offered for it, and one sent anyway is refused without naming the verdict.
    expect(tracking.body.rateable).toBe(false);
    const rated = await api.http.post(`/api/track/${a.code}/feedback`).set('X-Tracking-Token', a.trackingToken).send({ rating: 1 }).expect(409);
    expect(rated.body).toMatchObject({ detail: 'This issue cannot be rated.' });
    expect(JSON.stringify(rated.body)).not.toContain('spam');
    expect((await f.snapshot(a.id)).ticket).toMatchObject({ csat_rating: null });
  });

  it('a spam close does not count as a first-contact resolution, and takes back one the ticket had', async () => {
    const live = async () => (await api.http.get('/api/metrics/live').set(supervisor.auth).expect(200)).body.today;
    const before = await live();
    const t = await claimed(li);
    await api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: 'Fixed', visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${t.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    expect((await live()).firstContactResolved).toBe(before.firstContactResolved + 1);

    await bulk(supervisor, { action: 'close_as_spam', ticketIds: [t.id] }).expect(200);

    const after = await live();
    expect(after.firstContactResolved).toBe(before.firstContactResolved);
    expect(after.resolved).toBe(before.resolved);
    const outcomes = await api.database.db.query(`SELECT 1 FROM ticket_outcomes WHERE ticket_id = $1`, [t.id]);
    expect(outcomes).toHaveLength(0);
  });

  it('is for supervisors and admins: an agent gets 403 and nothing changes', async () => {
    const t = await f.customerTicket();
    const before = await f.snapshot(t.id);
    const res = await bulk(li, { action: 'close_as_spam', ticketIds: [t.id] }).expect(403);
    expect(res.body.type).toBe('https://firsthand.dev/problems/role-required');
    expect(await f.snapshot(t.id)).toEqual(before);
  });

  it.each([
    ['an unknown action', { action: 'delete', ticketIds: ['00000000-0000-4000-8000-000000000001'] }, 'validation'],
    ['no tickets', { action: 'close_as_spam', ticketIds: [] }, 'validation'],
    ['101 tickets', { action: 'close_as_spam', ticketIds: Array.from({ length: 101 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`) }, 'validation'],
    ['the same ticket twice', { action: 'close_as_spam', ticketIds: ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000001'] }, 'validation'],
    ['a reassign without a reason', { action: 'reassign', ticketIds: ['00000000-0000-4000-8000-000000000001'], toAgentId: '00000000-0000-4000-8000-000000000002' }, 'validation'],
    ['a tag action without tags', { action: 'tag', ticketIds: ['00000000-0000-4000-8000-000000000001'] }, 'validation'],
    ['an argument of another action', { action: 'close_as_spam', ticketIds: ['00000000-0000-4000-8000-000000000001'], add: ['x'] }, 'validation'],
    ['a bad tag', { action: 'tag', ticketIds: ['00000000-0000-4000-8000-000000000001'], add: ['a,b'] }, 'invalid-tag'],
  ])('refuses %s with 400 before touching any ticket', async (_, body, code) => {
    const res = await bulk(supervisor, body).expect(400);
    expect(res.body.type).toBe(`https://firsthand.dev/problems/${code}`);
  });

  it('refuses an unknown or inactive assignee before touching any ticket', async () => {
    const t = await claimed(li);
    const before = await f.snapshot(t.id);
    await bulk(supervisor, { action: 'reassign', ticketIds: [t.id], toAgentId: '00000000-0000-4000-8000-000000000009', reason: 'x' }).expect(422);
    await bulk(supervisor, { action: 'reassign', ticketIds: [t.id], toAgentId: inactive.id, reason: 'x' }).expect(422);
    expect(await f.snapshot(t.id)).toEqual(before);
  });
});
