import { slaThresholds } from '@firsthand/domain';
import { SlaCalendars, SlaEscalationLedger, TICKET_COLUMNS, toTicket } from '@firsthand/persistence';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The resolution clock stops while the ticket waits for the customer, through the real write path. */
describe('SLA: the resolution clock waits with the ticket', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agent: TestAgent;
  let team: string;
  const row = async (id: string) => (await api.database.db.query(`SELECT status, sla_paused_at, resolution_due_at FROM tickets WHERE id = $1`, [id]))[0];

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Pause Desk', true);
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
    // The view says the clock is paused, and since when, so the console shows it stopped rather than counting down.
    const waiting = await api.http.get(`/api/tickets/${ticket.id}`).set(agent.auth).expect(200);
    expect(waiting.body.sla.resolutionPausedAt).toBe(before.sla_paused_at.toISOString());
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(agent.auth).send({ status: 'open' }).expect(200);
    const after = await row(ticket.id);
    expect(after.resolution_due_at.getTime() - before.resolution_due_at.getTime()).toBeGreaterThanOrEqual(2 * 3_600_000);
    const view = await api.http.get(`/api/tickets/${ticket.id}`).set(agent.auth).expect(200);
    expect(new Date(view.body.sla.resolutionDueAt).getTime()).toBe(after.resolution_due_at.getTime());
    expect(view.body.sla.resolutionPausedAt).toBeNull();
  });

  // Last in the file: it puts the team on office hours (and back) while the tests above assume 24×7.
  it("the worker's overdue sweep finds a lost timer at its business-time moment, not at the wall-clock share", async () => {
    const supervisor = await f.agent('supervisor', team, 'Pause Supervisor');
    const week = Object.fromEntries(['1', '2', '3', '4', '5', '6', '7'].map((d) => [d, [{ start: '09:00', end: '17:00' }]]));
    const calendar = await api.http.post('/api/calendars').set(supervisor.auth).send({ name: 'Sweep hours', zone: 'UTC', week }).expect(201);
    await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: calendar.body.id }).expect(200);
    const db = api.database.db;
    const [{ first_response_seconds: policySeconds }] = await db.query(`SELECT first_response_seconds FROM sla_policies WHERE priority = 'normal' AND tier = 'standard'`);
    try {
      // A day's target is three working days on eight-hour days: business and wall-clock shares lie days apart.
      await api.database.db.query(`UPDATE sla_policies SET first_response_seconds = 86400 WHERE priority = 'normal' AND tier = 'standard'`);
      const opened = await f.customerTicket({ subject: 'Lost timer in office hours' });
      const ticket = toTicket((await db.query(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = $1`, [opened.id]))[0]);
      const rule = slaThresholds(ticket, await new SlaCalendars(db).forTicket(ticket)).find((t) => t.target === 'first_response' && t.stage === 'warning')!;
      const wallClock = ticket.createdAt.getTime() + 0.8 * (ticket.firstResponseDueAt!.getTime() - ticket.createdAt.getTime());
      expect(Math.abs(rule.fireAt.getTime() - wallClock)).toBeGreaterThan(3_600_000);

      // What the sweeper asks PostgreSQL for, as the worker does when every timer was lost.
      const ledger = new SlaEscalationLedger(db);
      const candidates = (now: number) => ledger.overdueTicketIds(new Date(now), 1000);
      expect(await candidates(rule.fireAt.getTime() - 1000)).not.toContain(ticket.id);
      expect(await candidates(rule.fireAt.getTime())).toContain(ticket.id);
      // The wall-clock share alone, when it comes first, picks nothing.
      if (wallClock < rule.fireAt.getTime()) expect(await candidates(wallClock + 1000)).not.toContain(ticket.id);
      // Once applied, the warning is no longer a candidate until the breach at the due time.
      await db.query(`INSERT INTO sla_escalations (ticket_id, target, stage, due_at, applied_at, event_seq) VALUES ($1, 'first_response', 'warning', $2, now(), $3)`, [
        ticket.id, ticket.firstResponseDueAt, ticket.lastSeq,
      ]);
      expect(await candidates(rule.fireAt.getTime())).not.toContain(ticket.id);
      expect(await candidates(ticket.firstResponseDueAt!.getTime())).toContain(ticket.id);
    } finally {
      await db.query(`UPDATE sla_policies SET first_response_seconds = $1 WHERE priority = 'normal' AND tier = 'standard'`, [policySeconds]);
      await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: null }).expect(200);
    }
  });
});
