import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The resolution clock stops while the ticket waits for the customer, through the real write path. */
describe('SLA: the resolution clock waits with the ticket', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agent: TestAgent;
  const row = async (id: string) => (await api.database.db.query(`SELECT status, sla_paused_at, resolution_due_at FROM tickets WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    const team = await f.team('Pause Desk', true);
    agent = await f.agent('agent', team, 'Pause Agent');
  });
  afterAll(() => api.close());

  it('stops when the agent waits for the customer and restarts on their reply with the due time moved by the wait', async () => {
    const ticket = await f.customerTicket({ subject: 'Waiting on a photo' });
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(agent.auth).expect(200);
    const opened = await row(ticket.id);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(agent.auth).send({ status: 'pending_customer' }).expect(200);
    const waiting = await row(ticket.id);
    expect(waiting.status).toBe('pending_customer');
    expect(waiting.sla_paused_at).toBeInstanceOf(Date);
    expect(waiting.resolution_due_at).toEqual(opened.resolution_due_at);

    // Make the wait last an hour without waiting an hour: the clock stopped an hour earlier.
    await api.database.db.query(`UPDATE tickets SET sla_paused_at = sla_paused_at - interval '1 hour' WHERE id = $1`, [ticket.id]);
    const pausedAt: Date = (await row(ticket.id)).sla_paused_at;
    await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'Here is the photo' }).expect(201);
    const resumed = await row(ticket.id);
    expect(resumed.status).toBe('open');
    expect(resumed.sla_paused_at).toBeNull();
    // The demo's default calendar is 24×7: the due time moves by the wall-clock length of the wait.
    const left = opened.resolution_due_at.getTime() - pausedAt.getTime();
    const resumedAt = resumed.resolution_due_at.getTime() - left;
    expect(resumedAt).toBeGreaterThan(pausedAt.getTime() + 3_600_000 - 1);
    expect(resumedAt).toBeLessThan(Date.now() + 1);
  });

  it('an agent ending the wait restarts it too, and the ticket view shows the moved due time', async () => {
    const ticket = await f.customerTicket({ subject: 'Second wait' });
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(agent.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(agent.auth).send({ status: 'pending_customer' }).expect(200);
    await api.database.db.query(`UPDATE tickets SET sla_paused_at = sla_paused_at - interval '2 hours' WHERE id = $1`, [ticket.id]);
    const before = await row(ticket.id);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(agent.auth).send({ status: 'open' }).expect(200);
    const after = await row(ticket.id);
    expect(after.resolution_due_at.getTime() - before.resolution_due_at.getTime()).toBeGreaterThanOrEqual(2 * 3_600_000);
    const view = await api.http.get(`/api/tickets/${ticket.id}`).set(agent.auth).expect(200);
    expect(new Date(view.body.sla.resolutionDueAt).getTime()).toBe(after.resolution_due_at.getTime());
  });
});
