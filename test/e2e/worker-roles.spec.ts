import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/**
 * WORKER_ROLES split one worker's work over processes: here one process runs everything but the
 * deliveries and another runs only the deliveries. What the first committed waits for the second,
 * and none of it is lost while that process is down.
 */
describe('worker processes with their own roles', () => {
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let supervisor: TestAgent;
  const roster = async () => (await stack.api.http.get('/api/worker-processes').set(supervisor.auth).expect(200)).body as {
    processes: Array<{ pid: number; roles: string[] }>;
    roles: Array<{ role: string; processes: number }>;
    uncoveredRoles: string[];
  };

  const db = () => stack.api.database.db;
  const notificationsOf = (ticketId: string): Promise<Array<{ status: string }>> =>
    db().query(`SELECT status FROM notifications WHERE ticket_id = $1 AND channel = 'email' AND recipient_type = 'customer'`, [ticketId]);

  beforeAll(async () => {
    stack = await startWorkerStack({ workers: 0 });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    await stack.startWorker({ WORKER_ROLES: 'relays,events,timers,mail,maintenance' });
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    await stack?.close();
  });

  it('plans the emails in one process and sends nothing there; the deliveries process, once it runs, sends each once', async () => {
    const ticket = await f.customerTicket({}, { name: 'Ann Roles', email: 'ann.roles@example.com' });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);

    // Planned by the events role: the emails are stored, and stay unsent without a deliveries process.
    await eventually(async () => (await notificationsOf(ticket.id)).length === 2, 15_000, 'the planned emails');
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    expect(stack.smtp.to('ann.roles@example.com')).toEqual([]);
    expect((await notificationsOf(ticket.id)).every((n) => n.status !== 'sent')).toBe(true);

    const deliveries = await stack.startWorker({ WORKER_ROLES: 'deliveries' });
    expect(deliveries.output()).toMatch(/FIRSTHAND_WORKER_READY.* roles=deliveries$/m);
    expect(stack.workers[0]!.output()).toMatch(/FIRSTHAND_WORKER_READY.* roles=relays,events,timers,mail,maintenance$/m);
    // The opening's acknowledgement and the claim's message, each sent once.
    await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.status === 'sent'), 15_000, 'the emails marked sent');
    const arrived = stack.smtp.to('ann.roles@example.com');
    expect(arrived.map((m) => m.text.split('\n')[0].replace(/ “.*/, '')).sort()).toEqual(['Li Wei is now handling your issue', 'We received your issue']);
    expect(await notificationsOf(ticket.id)).toHaveLength(2);
  });

  it('the roster shows each process with its roles, names a role nobody runs, and forgets a process that stopped', async () => {
    // The first test left both processes running; a third runs only the timers, and then stops.
    const [everythingElse, deliveries] = stack.workers;
    const timers = await stack.startWorker({ WORKER_ROLES: 'timers' });
    const seen = await eventually(async () => ((await roster()).processes.length === 3 ? roster() : undefined), 15_000, 'three processes on the roster');
    expect(seen.processes.map((p) => [p.pid, p.roles])).toEqual([
      [everythingElse!.child.pid, ['relays', 'events', 'timers', 'mail', 'maintenance']],
      [deliveries!.child.pid, ['deliveries']],
      [timers.child.pid, ['timers']],
    ]);
    expect(seen.roles).toEqual(expect.arrayContaining([{ role: 'timers', processes: 2 }, { role: 'deliveries', processes: 1 }]));
    expect(seen.uncoveredRoles).toEqual([]);

    // A process that stops in order checks out: its roles count it no longer, at once.
    await deliveries!.stop();
    await timers.stop();
    const after = await roster();
    expect(after.processes.map((p) => p.pid)).toEqual([everythingElse!.child.pid]);
    expect(after.uncoveredRoles).toEqual(['deliveries']);
    expect(await stack.api.http.get('/api/worker-processes').set(li.auth).then((r) => r.status)).toBe(403);
  });
});
