import { dayKey } from '@firsthand/domain';
import { rebuildMetrics, settleDueOutcomes } from '@firsthand/persistence';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

type Ticket = Awaited<ReturnType<HelpdeskFactory['customerTicket']>>;

const DAY_MS = 86_400_000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);

/** Each history from docs/metrics.md, made through the API, counted exactly as the page says. */
describe('supervisor metrics: each rule through the API', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let supervisor: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    supervisor = await f.agent('supervisor', team, 'Ada Sousa');
  });
  afterAll(() => api.close());

  /** A fresh agent per history, so the "by agent" group holds that history alone. */
  const newAgent = (name: string) => f.agent('agent', team, name);
  const db = () => api.database.db;

  const reply = (t: Ticket, by: TestAgent, body = 'Here is the fix.') =>
    api.http.post(`/api/tickets/${t.id}/messages`).set(by.auth).send({ body, visibility: 'public' }).expect(201);
  const setStatus = (t: Ticket, by: TestAgent, status: string) =>
    api.http.post(`/api/tickets/${t.id}/status`).set(by.auth).send(status === 'resolved' ? { status, resolution: 'Fixed' } : { status }).expect(200);
  const resolve = (t: Ticket, by: TestAgent) => setStatus(t, by, 'resolved');
  const customer = (t: Ticket, path: string, body: Record<string, unknown> = {}) =>
    api.http.post(`/api/track/${t.code}/${path}`).set('X-Tracking-Token', t.trackingToken).send(body);

  async function outcome(ticketId: string) {
    const [row] = await db().query(`SELECT *, to_char(day, 'YYYY-MM-DD') AS day FROM ticket_outcomes WHERE ticket_id = $1`, [ticketId]);
    return row;
  }

  function today() {
    return dayKey(new Date(), 'Asia/Shanghai');
  }

  /** The agent's group in GET /api/metrics/fcr?groupBy=agent around today (a day either side absorbs midnight). */
  async function figuresOf(agent: TestAgent) {
    const res = await api.http
      .get('/api/metrics/fcr')
      .query({ from: shiftDay(today(), -1), to: shiftDay(today(), 1), groupBy: 'agent' })
      .set(supervisor.auth)
      .expect(200);
    return res.body.groups.find((g: { key: string }) => g.key === agent.id);
  }

  it('resolved by the first responder in one reply: first-responder and first-contact, provisional', async () => {
    const li = await newAgent('Li Na');
    const t = await f.customerTicket();
    await reply(t, li);
    await resolve(t, li);

    expect(await outcome(t.id)).toMatchObject({
      agent_id: li.id,
      team_id: team,
      channel: 'web',
      tier: 'standard',
      first_responder_resolution: true,
      first_contact_resolution: true,
      provisional: true,
      reasons: [],
      public_agent_replies: 1,
      day: today(),
    });
    expect(await figuresOf(li)).toMatchObject({
      key: li.id,
      name: 'Li Na',
      resolved: 1,
      firstResponderResolved: 1,
      firstContactResolved: 1,
      firstResponderResolutionRate: 1,
      firstContactResolutionRate: 1,
      provisional: 1,
      reopened: 0,
      repeatContacts: 0,
      handoffs: 0,
      csatAverage: null,
      firstResponseSeconds: { p50: 10, p90: 10, count: 1 },
      resolutionSeconds: { p50: 10, p90: 10, count: 1 },
    });
  });

  it('a claim and a resolution with no reply at all is first-contact too', async () => {
    const li = await newAgent('Li Claims');
    const t = await f.customerTicket();
    await api.http.post(`/api/tickets/${t.id}/claim`).set(li.auth).expect(200);
    await resolve(t, li);
    expect(await outcome(t.id)).toMatchObject({ first_contact_resolution: true, public_agent_replies: 0, reasons: [] });
  });

  it('two replies: first-responder, not first-contact', async () => {
    const li = await newAgent('Li Twice');
    const t = await f.customerTicket();
    await reply(t, li, 'Trying something');
    await reply(t, li, 'Now it works');
    await resolve(t, li);
    expect(await outcome(t.id)).toMatchObject({ first_responder_resolution: true, first_contact_resolution: false, reasons: ['more_than_one_public_reply'] });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 1, firstContactResolved: 0, firstResponderResolutionRate: 1, firstContactResolutionRate: 0 });
  });

  it('the customer followed up after the only reply: first-responder, not first-contact', async () => {
    const li = await newAgent('Li Waits');
    const t = await f.customerTicket();
    await reply(t, li);
    await setStatus(t, li, 'pending_customer');
    await customer(t, 'messages', { body: 'Still broken' }).expect(201);
    await resolve(t, li);
    expect(await outcome(t.id)).toMatchObject({ first_responder_resolution: true, first_contact_resolution: false, reasons: ['customer_follow_up_after_reply'] });
  });

  it('internal notes from anyone and a declined handoff change nothing', async () => {
    const [li, sam] = [await newAgent('Li Notes'), await newAgent('Sam Declines')];
    const t = await f.customerTicket();
    await reply(t, li);
    await api.http.post(`/api/tickets/${t.id}/messages`).set(sam.auth).send({ body: 'FYI', visibility: 'internal' }).expect(201);
    await api.http.post(`/api/tickets/${t.id}/handoff`).set(li.auth).send({ toAgentId: sam.id, note: 'yours?' }).expect(200);
    await api.http.post(`/api/tickets/${t.id}/handoff/decline`).set(sam.auth).expect(200);
    await resolve(t, li);
    expect(await outcome(t.id)).toMatchObject({ first_contact_resolution: true, reasons: [], handoffs: 0 });
  });

  it('handed off: neither, counted for the first responder with a handoff', async () => {
    const [li, sam] = [await newAgent('Li Hands'), await newAgent('Sam Takes')];
    const t = await f.customerTicket();
    await reply(t, li);
    await api.http.post(`/api/tickets/${t.id}/handoff`).set(li.auth).send({ toAgentId: sam.id, note: 'billing is yours' }).expect(200);
    await api.http.post(`/api/tickets/${t.id}/handoff/accept`).set(sam.auth).expect(200);
    await resolve(t, sam);

    expect(await outcome(t.id)).toMatchObject({
      agent_id: li.id,
      resolved_by: sam.id,
      first_responder_resolution: false,
      first_contact_resolution: false,
      reasons: ['resolved_by_other_than_first_responder', 'handed_off'],
      handoffs: 1,
    });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 0, firstContactResolved: 0, handoffs: 1, firstResponderResolutionRate: 0 });
    expect(await figuresOf(sam)).toBeUndefined();
  });

  it('reassigned by a supervisor: neither', async () => {
    const [li, sam] = [await newAgent('Li Moved'), await newAgent('Sam Assigned')];
    const t = await f.customerTicket();
    await reply(t, li);
    await api.http.post(`/api/tickets/${t.id}/reassign`).set(supervisor.auth).send({ toAgentId: sam.id, reason: 'Li is off sick' }).expect(200);
    await reply(t, sam);
    await resolve(t, sam);
    expect(await outcome(t.id)).toMatchObject({
      agent_id: li.id,
      reasons: ['resolved_by_other_than_first_responder', 'reassigned', 'more_than_one_public_reply'],
      handoffs: 1,
    });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 0, handoffs: 1 });
  });

  it('reopened inside the window: a failure at once, then counted at the new resolution, never twice', async () => {
    const li = await newAgent('Li Reopened');
    const t = await f.customerTicket();
    await reply(t, li);
    await resolve(t, li);
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstContactResolved: 1 });

    await customer(t, 'reopen').expect(200);
    // Still counted at its last resolution, now as a failure.
    expect(await outcome(t.id)).toMatchObject({ first_responder_resolution: false, reasons: ['reopened'], reopen_count: 1 });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 0, firstContactResolved: 0, reopened: 1 });

    await resolve(t, li);
    expect(await outcome(t.id)).toMatchObject({ first_responder_resolution: false, first_contact_resolution: false, reasons: ['reopened'] });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 0, reopened: 1, provisional: 1 });
  });

  it('a reopen after the window is refused and changes nothing', async () => {
    const li = await newAgent('Li Late');
    const t = await f.customerTicket();
    await reply(t, li);
    await resolve(t, li);
    await db().query(`UPDATE tickets SET resolved_at = resolved_at - interval '8 days' WHERE id = $1`, [t.id]);
    const before = await outcome(t.id);
    await customer(t, 'reopen').expect(409);
    expect(await outcome(t.id)).toEqual(before);
    expect(before).toMatchObject({ first_contact_resolution: true });
  });

  it('repeat contact inside the window: the earlier ticket fails both rates', async () => {
    const li = await newAgent('Li Again');
    const email = `repeat-${Date.now()}@example.com`;
    const first = await f.customerTicket({}, { email });
    await reply(first, li);
    await resolve(first, li);
    expect(await outcome(first.id)).toMatchObject({ first_contact_resolution: true });

    const second = await f.customerTicket({ subject: 'Same problem again' }, { email });
    expect(second.repeatOfTicketId).toBe(first.id);
    expect(await outcome(first.id)).toMatchObject({ first_responder_resolution: false, reasons: ['repeat_contact'], repeat_contacts: 1 });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 0, firstContactResolved: 0, repeatContacts: 1 });
  });

  it('escalated past warning: first-responder, not first-contact', async () => {
    const li = await newAgent('Li Escalates');
    const t = await f.customerTicket();
    await reply(t, li);
    await api.http.post(`/api/tickets/${t.id}/escalate`).set(li.auth).send({ reason: 'Needs a senior' }).expect(200);
    await resolve(t, li);
    expect(await outcome(t.id)).toMatchObject({ first_responder_resolution: true, first_contact_resolution: false, reasons: ['escalated_past_warning'], escalation_max_level: 2 });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, firstResponderResolved: 1, firstContactResolved: 0, escalatedPastWarning: 1 });
  });

  it('never resolved: no outcome, in no rate', async () => {
    const li = await newAgent('Li Busy');
    const t = await f.customerTicket();
    await reply(t, li);
    await customer(t, 'messages', { body: 'thanks, checking' }).expect(201);
    expect(await outcome(t.id)).toBeUndefined();
    expect(await figuresOf(li)).toBeUndefined();
  });

  it('a rating after the resolution goes into the CSAT of the resolution\'s group', async () => {
    const li = await newAgent('Li Rated');
    const [a, b] = [await f.customerTicket(), await f.customerTicket()];
    for (const t of [a, b]) {
      await reply(t, li);
      await resolve(t, li);
    }
    await customer(a, 'feedback', { rating: 5 }).expect(200);
    await customer(b, 'feedback', { rating: 2, comment: 'slow' }).expect(200);
    expect(await outcome(a.id)).toMatchObject({ csat_rating: 5, first_contact_resolution: true });
    expect(await figuresOf(li)).toMatchObject({ resolved: 2, csatAverage: 3.5, csatCount: 2, firstContactResolved: 2 });
  });

  it('SLA targets: an answer or a resolution after the ticket\'s due time is a breach of that target; attainment is the share that met them', async () => {
    const li = await newAgent('Li Overdue');
    const overdue = (t: Ticket, column: 'first_response_due_at' | 'resolution_due_at') =>
      db().query(`UPDATE tickets SET ${column} = now() - interval '1 minute' WHERE id = $1`, [t.id]);
    const lateAnswer = await f.customerTicket();
    await overdue(lateAnswer, 'first_response_due_at');
    await reply(lateAnswer, li);
    await resolve(lateAnswer, li);
    const lateResolution = await f.customerTicket();
    await reply(lateResolution, li);
    await overdue(lateResolution, 'resolution_due_at');
    await resolve(lateResolution, li);
    const bothLate = await f.customerTicket();
    await overdue(bothLate, 'first_response_due_at');
    await overdue(bothLate, 'resolution_due_at');
    await reply(bothLate, li);
    await resolve(bothLate, li);
    const inTime = await f.customerTicket();
    await reply(inTime, li);
    await resolve(inTime, li);

    expect(await outcome(lateAnswer.id)).toMatchObject({ first_response_breached: true, resolution_breached: false, first_contact_resolution: true });
    expect(await outcome(lateResolution.id)).toMatchObject({ first_response_breached: false, resolution_breached: true });
    expect(await outcome(bothLate.id)).toMatchObject({ first_response_breached: true, resolution_breached: true });
    expect(await outcome(inTime.id)).toMatchObject({ first_response_breached: false, resolution_breached: false });
    const expected = {
      resolved: 4,
      firstContactResolved: 4,
      slaBreaches: { firstResponse: 2, resolution: 2, any: 3 },
      slaAttainment: { firstResponse: 0.5, resolution: 0.5, overall: 0.25 },
    };
    expect(await figuresOf(li)).toMatchObject(expected);

    // The due times are on the ticket row, so a rebuild from the events judges the same.
    await db().transaction((em) => rebuildMetrics(em, new Date(), { windows: api.config.windows, timeZone: api.config.metricsTimeZone }));
    expect(await figuresOf(li)).toMatchObject(expected);
  });

  it('still provisional inside the windows; settles after the last instant, without changing pass or fail', async () => {
    const li = await newAgent('Li Settles');
    const t = await f.customerTicket();
    await reply(t, li);
    await resolve(t, li);
    const recorded = await outcome(t.id);
    const settlesAt: Date = recorded.settles_at;
    expect(settlesAt.getTime() - recorded.resolved_at.getTime()).toBe(7 * DAY_MS);
    const settle = (now: Date) => db().transaction((em) => settleDueOutcomes(em, now));

    await settle(new Date());
    await settle(settlesAt); // the windows include their last instant
    expect(await outcome(t.id)).toMatchObject({ provisional: true });
    expect(await figuresOf(li)).toMatchObject({ provisional: 1 });

    const afterWindows = new Date(settlesAt.getTime() + 1);
    expect(await settle(afterWindows)).toBeGreaterThanOrEqual(1);
    expect(await outcome(t.id)).toMatchObject({ provisional: false, first_contact_resolution: true });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, provisional: 0, firstContactResolved: 1 });
    expect(await settle(afterWindows)).toBe(0);

    // Whatever settled is exactly what a rebuild at that moment finds.
    const rollups = () => db().query(`SELECT day, agent_id, team_id, channel, tier, resolved, provisional, first_contact_resolved FROM resolution_rollups ORDER BY 1, 2, 3, 4, 5`);
    const settled = await rollups();
    await db().transaction((em) => rebuildMetrics(em, afterWindows, { windows: api.config.windows, timeZone: api.config.metricsTimeZone }));
    expect(await rollups()).toEqual(settled);
  });

  it('a settled outcome moved back in time (SQL) is settled by the sweep with the real clock', async () => {
    const li = await newAgent('Li Last Week');
    const t = await f.customerTicket();
    await reply(t, li);
    await resolve(t, li);
    const shift = `interval '8 days'`;
    await db().query(`UPDATE tickets SET created_at = created_at - ${shift}, first_response_at = first_response_at - ${shift}, resolved_at = resolved_at - ${shift} WHERE id = $1`, [t.id]);
    await db().query(`UPDATE ticket_events SET created_at = created_at - ${shift} WHERE ticket_id = $1`, [t.id]);
    await db().query(`UPDATE ticket_outcomes SET resolved_at = resolved_at - ${shift}, settles_at = settles_at - ${shift} WHERE ticket_id = $1`, [t.id]);
    expect(await outcome(t.id)).toMatchObject({ provisional: true });

    expect(await db().transaction((em) => settleDueOutcomes(em, new Date()))).toBeGreaterThanOrEqual(1);
    expect(await outcome(t.id)).toMatchObject({ provisional: false, first_contact_resolution: true });
    expect(await figuresOf(li)).toMatchObject({ resolved: 1, provisional: 0 });
  });

  it('first-response and resolution percentiles in business time beside the wall clock, on the team calendar, rebuilt alike', async () => {
    const li = await newAgent('Li Office Hours');
    const hours = [{ start: '09:00', end: '17:00' }];
    const week = { 1: hours, 2: hours, 3: hours, 4: hours, 5: hours };
    const calendar = await api.http.post('/api/calendars').set(supervisor.auth).send({ name: 'Metrics office hours', zone: 'UTC', week }).expect(201);
    await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: calendar.body.id }).expect(200);
    try {
      const t = await f.customerTicket();
      await reply(t, li);
      await resolve(t, li);
      // Opened Friday 16:00, answered 16:30, resolved Monday 10:00 (UTC, as the calendar).
      await db().query(
        `UPDATE ticket_events SET created_at = CASE WHEN type = 'created' THEN timestamptz '2025-03-07T16:00:00Z'
           WHEN type = 'status_changed' AND payload->>'to' = 'resolved' THEN timestamptz '2025-03-10T10:00:00Z' ELSE timestamptz '2025-03-07T16:30:00Z' END
         WHERE ticket_id = $1`,
        [t.id],
      );
      await db().query(`UPDATE tickets SET created_at = '2025-03-07T16:00:00Z', first_response_at = '2025-03-07T16:30:00Z', resolved_at = '2025-03-10T10:00:00Z' WHERE id = $1`, [t.id]);
      await db().transaction((em) => rebuildMetrics(em, new Date(), { windows: api.config.windows, timeZone: api.config.metricsTimeZone }));

      // Wall clock 30 min and 66 h; business time 30 min and 2 h (Friday 16-17, Monday 9-10).
      expect(await outcome(t.id)).toMatchObject({ first_response_ms: String(30 * 60_000), resolution_ms: String(66 * 3_600_000), first_response_business_ms: String(30 * 60_000), resolution_business_ms: String(2 * 3_600_000) });
      const byDay = await api.http.get('/api/metrics/fcr').query({ from: '2025-03-10', to: '2025-03-10', groupBy: 'day' }).set(supervisor.auth).expect(200);
      expect(byDay.body.groups[0]).toMatchObject({
        resolved: 1,
        firstResponseSeconds: { p50: 30 * 60, count: 1 },
        firstResponseBusinessSeconds: { p50: 30 * 60, count: 1 },
        resolutionSeconds: { p50: 3 * 86_400, count: 1 }, // the 3-day bucket
        resolutionBusinessSeconds: { p50: 2 * 3_600, p90: 2 * 3_600, count: 1 },
      });

      // The live path records the same business time as the rebuild: a rating moves the outcome, which is re-read and compared.
      const rebuilt = await outcome(t.id);
      await customer(t, 'feedback', { rating: 5 }).expect(200);
      expect(await outcome(t.id)).toMatchObject({ first_response_business_ms: rebuilt.first_response_business_ms, resolution_business_ms: rebuilt.resolution_business_ms });
    } finally {
      await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: null }).expect(200);
    }
  });

  it('day boundaries follow Asia/Shanghai: a resolution at 23:30 UTC counts on the next day', async () => {
    const li = await newAgent('Li Night Shift');
    const t = await f.customerTicket();
    await reply(t, li);
    await resolve(t, li);
    await db().query(
      `UPDATE ticket_events SET created_at = CASE WHEN type = 'created' THEN timestamptz '2025-03-01T23:00:00Z' ELSE timestamptz '2025-03-01T23:30:00Z' END
       WHERE ticket_id = $1`,
      [t.id],
    );
    await db().query(`UPDATE tickets SET created_at = '2025-03-01T23:00:00Z', resolved_at = '2025-03-01T23:30:00Z' WHERE id = $1`, [t.id]);
    await db().transaction((em) => rebuildMetrics(em, new Date(), { windows: api.config.windows, timeZone: api.config.metricsTimeZone }));

    expect(await outcome(t.id)).toMatchObject({ day: '2025-03-02', provisional: false });
    const byDay = await api.http.get('/api/metrics/fcr').query({ from: '2025-03-01', to: '2025-03-02', groupBy: 'day' }).set(supervisor.auth).expect(200);
    expect(byDay.body.timeZone).toBe('Asia/Shanghai');
    expect(byDay.body.groups.map((g: { key: string; resolved: number }) => [g.key, g.resolved])).toEqual([
      ['2025-03-01', 0],
      ['2025-03-02', 1],
    ]);
    expect(byDay.body.groups[1]).toMatchObject({ firstContactResolved: 1, resolutionSeconds: { p50: 30 * 60, count: 1 }, firstResponseSeconds: { p50: 30 * 60 } });
    const byWeek = await api.http.get('/api/metrics/fcr').query({ from: '2025-02-24', to: '2025-03-09', groupBy: 'week' }).set(supervisor.auth).expect(200);
    expect(byWeek.body.groups.map((g: { key: string; resolved: number }) => [g.key, g.resolved])).toEqual([
      ['2025-W09', 1], // Monday 24 February to Sunday 2 March
      ['2025-W10', 0],
    ]);
  });
});
