import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { OwnRedis, startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const FIRST_RESPONSE_S = 8;
const hhmm = (at: Date) => at.toISOString().slice(11, 16);

/**
 * Business-time SLA clocks through real worker processes: a calendar that opens at the next minute
 * boundary C (closed until then, open to midnight, every day, UTC). A ticket opened now, in closed
 * time, warns at C + 80% of its target, not 80% after it was opened; a ticket already open when
 * its team got the calendar is re-planned onto it by the worker.
 */
describe('SLA timers in business time', () => {
  let redis: OwnRedis;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let supervisor: TestAgent;
  let team: string;
  const db = () => stack.api.database.db;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    stack = await startWorkerStack({ redis, workers: 1 });
    f = new HelpdeskFactory(stack.api);
    team = await f.team('Office Hours', true);
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    await f.agent('agent', team, 'Li Na');
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.remove();
  });

  it('warns after the next opening, and re-plans a ticket opened before its team had the calendar', async () => {
    // The opening C: the first minute boundary at least 40 s away (the re-plan below must be done, and
    // a ticket opened, before it, on a busy machine too), not midnight (a range may not wrap).
    const opening = () => new Date(Math.ceil((Date.now() + 40_000) / 60_000) * 60_000);
    while (hhmm(opening()) === '00:00') await new Promise((r) => setTimeout(r, 5_000));
    const before = await f.customerTicket({ subject: 'Opened on the 24x7 clock' });
    const [{ first_response_due_at: oldDue }] = await db().query(`SELECT first_response_due_at FROM tickets WHERE id = $1`, [before.id]);
    const [{ first_response_seconds: policySeconds }] = await db().query(`SELECT first_response_seconds FROM sla_policies WHERE priority = 'normal' AND tier = 'standard'`);

    const c = opening();
    // Closed today until C, then open without a break (all of every other day), so that C plus the
    // whole target is one stretch of open time even when it runs past midnight (from about 20:00 UTC).
    const today = ((c.getUTCDay() + 6) % 7) + 1;
    const week = Object.fromEntries([1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), [{ start: d === today ? hhmm(c) : '00:00', end: '24:00' }]]));
    const calendar = await stack.api.http.post('/api/calendars').set(supervisor.auth).send({ name: 'Opens at C', zone: 'UTC', week }).expect(201);
    await stack.api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: calendar.body.id }).expect(200);

    // The worker re-plans the earlier ticket: due at C plus its whole target, with an internal event saying why.
    await eventually(async () => (await db().query(`SELECT 1 FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_replanned'`, [before.id])).length === 1, 20_000, 'the re-plan');
    const [replanned] = await db().query(`SELECT first_response_due_at FROM tickets WHERE id = $1`, [before.id]);
    expect(replanned.first_response_due_at.getTime()).toBe(c.getTime() + policySeconds * 1000);
    expect(replanned.first_response_due_at.getTime()).not.toBe(oldDue.getTime());
    // The request is marked done after its tickets are re-planned.
    await eventually(async () => (await db().query(`SELECT done_at FROM sla_replans ORDER BY id DESC LIMIT 1`))[0].done_at instanceof Date, 20_000, 'the re-plan request done');

    // A ticket opened now, in closed time, under an 8-second target.
    await db().query(`UPDATE sla_policies SET first_response_seconds = $1 WHERE priority = 'normal' AND tier = 'standard'`, [FIRST_RESPONSE_S]);
    const ticket = await f.customerTicket({ subject: 'Opened before the opening' });
    const [row] = await db().query(`SELECT created_at, first_response_due_at FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row.created_at.getTime()).toBeLessThan(c.getTime());
    expect(row.first_response_due_at.getTime()).toBe(c.getTime() + FIRST_RESPONSE_S * 1000);

    const warnings = async () =>
      db().query(`SELECT created_at FROM ticket_events WHERE ticket_id = $1 AND type = 'sla_warning'`, [ticket.id]) as Promise<Array<{ created_at: Date }>>;
    await eventually(async () => (await warnings()).length === 1, 120_000, 'the warning');
    const [warning] = await warnings();
    // 80% of 8 working seconds after C; on the wall clock it would have come 6.4 s after opening, before C.
    const businessMoment = c.getTime() + 0.8 * FIRST_RESPONSE_S * 1000;
    expect(warning.created_at.getTime()).toBeGreaterThanOrEqual(businessMoment - 5);
    expect(warning.created_at.getTime() - businessMoment).toBeLessThan(3_000);
  }, 180_000);
});
