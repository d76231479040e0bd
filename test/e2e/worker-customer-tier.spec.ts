import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/** A supervisor's tier change re-plans an open ticket's SLA timers in a real worker process. */
describe('SLA timers follow a customer tier change', () => {
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let supervisor: TestAgent;
  const db = () => stack.api.database.db;
  const slaEvents = (ticketId: string): Promise<Array<{ type: string; payload: { target: string; dueAt: string } }>> =>
    db().query(`SELECT type, payload FROM ticket_events WHERE ticket_id = $1 AND type IN ('sla_warning', 'sla_escalated') ORDER BY seq`, [ticketId]);

  beforeAll(async () => {
    stack = await startWorkerStack({ workers: 1 });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    // Standard: an hour to answer; VIP: three seconds.
    await db().query(`UPDATE sla_policies SET first_response_seconds = 3600, resolution_seconds = 86400 WHERE priority = 'normal' AND tier = 'standard'`);
    await db().query(`UPDATE sla_policies SET first_response_seconds = 3, resolution_seconds = 86400 WHERE priority = 'normal' AND tier = 'vip'`);
  });
  afterAll(() => stack?.close());

  it('an upgrade to VIP brings the first-response warning forward to the VIP target; another customer\'s ticket is untouched', async () => {
    const ticket = await f.customerTicket({}, { name: 'Upgraded Yu' });
    const control = await f.customerTicket({}, { name: 'Standard Su' });
    const customerId = (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticket.id]))[0].customer_id;
    const [{ created_at: createdAt }] = await db().query(`SELECT created_at FROM tickets WHERE id = $1`, [ticket.id]);

    await stack.api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'vip' }).expect(200);

    const warned = await eventually(async () => (await slaEvents(ticket.id)).find((e) => e.type === 'sla_warning'), 15_000, 'the VIP first-response warning');
    expect(warned.payload).toMatchObject({ target: 'first_response', dueAt: new Date(createdAt.getTime() + 3000).toISOString() });
    expect(await slaEvents(control.id)).toEqual([]);
  });
});
