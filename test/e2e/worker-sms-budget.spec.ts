import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/**
 * Issue 13's SMS pumping: one anonymous client opened 12 tickets with 12 numbers and got 12 SMS sent.
 * Two real worker processes share a country budget of 5, a per-number budget of 2 and a global one
 * of 10: the rest are refused, recorded and listed for supervisors, and every ticket is opened all
 * the same. The cases run in order on one stack: the global budget counts what the earlier ones sent.
 */
describe('SMS budgets a client cannot spend', () => {
  const COUNTRY_BUDGET = 5;
  const NUMBER_BUDGET = 2;
  const GLOBAL_BUDGET = 10;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let supervisor: TestAgent;

  type SmsRow = { id: string; ticket_id: string; kind: string; address: string; status: string; last_error: string | null };
  const smsRows = (): Promise<SmsRow[]> =>
    stack.api.database.db.query(`SELECT id, ticket_id, kind, address, status, last_error FROM notifications WHERE channel = 'sms' ORDER BY created_at, id`);
  const settled = (rows: SmsRow[]) => rows.every((n) => n.status !== 'pending' && n.status !== 'sending');
  const smsTo = (number: string) => stack.sink.at('/sms').filter((r) => JSON.parse(r.body).to === number);
  /** One anonymous ticket for a phone number, and its "received" SMS once a worker has sent or refused it. */
  const openAndSettle = async (name: string, phone: string): Promise<SmsRow> => {
    const opened = await stack.api.http
      .post('/api/tickets')
      .send({ subject: `Text ${name}`, description: 'Call me', channel: 'web', kind: 'question', customer: { name, phone } })
      .expect(201);
    return eventually(async () => {
      const [row] = (await smsRows()).filter((n) => n.ticket_id === opened.body.id);
      return row && settled([row]) && row;
    }, 15_000, `the SMS to ${phone} to be sent or refused`);
  };

  beforeAll(async () => {
    stack = await startWorkerStack({
      workers: 2,
      env: {
        SMS_PER_COUNTRY_PER_HOUR: String(COUNTRY_BUDGET),
        SMS_PER_NUMBER_PER_HOUR: String(NUMBER_BUDGET),
        SMS_PER_HOUR: String(GLOBAL_BUDGET),
        SMS_ALLOWED_PREFIXES: '+86,+852,+853',
      },
    });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    await stack?.close();
  });

  it('12 anonymous tickets with 12 numbers: 5 SMS go, 7 are refused and listed, every ticket is opened; a claim still reaches its customer', async () => {
    const numbers = Array.from({ length: 12 }, (_, i) => `+86 139 0000 ${String(1000 + i)}`);
    const opened = await Promise.all(
      numbers.map((phone, i) =>
        stack.api.http
          .post('/api/tickets')
          .send({ subject: `Win a prize ${i}`, description: 'Call me', channel: 'web', kind: 'question', customer: { name: `Caller ${i}`, phone } })
          .expect(201),
      ),
    );
    const offList = await stack.api.http
      .post('/api/tickets')
      .send({ subject: 'Satellite phone', description: 'Call me', channel: 'web', kind: 'question', customer: { name: 'Far Away', phone: '+882 1234 5678' } })
      .expect(201);
    const ticketIds = [...opened.map((r) => r.body.id as string), offList.body.id as string];
    const [{ n: stored }] = await stack.api.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::uuid[])`, [ticketIds]);
    expect(stored).toBe(13);

    const rows = await eventually(async () => {
      const all = await smsRows();
      return all.length === 13 && settled(all) && all;
    }, 20_000, 'every "received" SMS to be sent or refused');
    const sent = rows.filter((n) => n.status === 'sent');
    const refused = rows.filter((n) => n.status === 'refused');
    expect(sent).toHaveLength(COUNTRY_BUDGET);
    expect(refused).toHaveLength(13 - COUNTRY_BUDGET);
    // What the gateway received is exactly what was sent: nothing refused reached it, across both workers.
    expect(stack.sink.at('/sms')).toHaveLength(COUNTRY_BUDGET);
    expect(stack.sink.at('/sms').map((r) => JSON.parse(r.body).to).sort()).toEqual(sent.map((n) => n.address).sort());
    expect(refused.find((n) => n.address === '+88212345678')?.last_error).toBe('+88212345678 is not in an allowed country prefix (+86, +852, +853)');
    const overBudget = refused.filter((n) => n.address !== '+88212345678');
    expect(overBudget).toHaveLength(12 - COUNTRY_BUDGET);
    for (const n of overBudget) expect(n.last_error).toBe(`more than ${COUNTRY_BUDGET} SMS to +86 numbers in an hour, and no agent has taken on this customer yet`);

    // Supervisors see the refusals, paged; agents may not list notifications.
    const firstPage = await stack.api.http.get('/api/notifications').query({ status: 'refused', limit: 5 }).set(supervisor.auth).expect(200);
    expect(firstPage.body.items).toHaveLength(5);
    expect(firstPage.body.nextCursor).toEqual(expect.any(String));
    const secondPage = await stack.api.http.get('/api/notifications').query({ status: 'refused', limit: 5, cursor: firstPage.body.nextCursor }).set(supervisor.auth).expect(200);
    const listed = [...firstPage.body.items, ...secondPage.body.items];
    expect(listed.map((n: { id: string }) => n.id).sort()).toEqual(refused.map((n) => n.id).sort());
    for (const item of listed) expect(item).toMatchObject({ channel: 'sms', status: 'refused', recipientType: 'customer', lastError: expect.stringMatching(/.+/) });
    await stack.api.http.get('/api/notifications').query({ status: 'refused' }).set(li.auth).expect(403);

    // An agent taking on a refused customer's ticket proves them: the "claimed" SMS goes past the spent country budget.
    const refusedTicket = overBudget[0]!.ticket_id;
    await stack.api.http.post(`/api/tickets/${refusedTicket}/claim`).set(li.auth).expect(200);
    const claimed = await eventually(async () => {
      const [row] = (await smsRows()).filter((n) => n.ticket_id === refusedTicket && n.kind === 'claimed');
      return row && row.status === 'sent' && row;
    }, 15_000, 'the claim SMS to a customer an agent has taken on');
    expect(smsTo(claimed.address)).toHaveLength(1);
    expect(stack.sink.at('/sms')).toHaveLength(COUNTRY_BUDGET + 1);
  });

  it('a third SMS to one number in an hour is refused for that number, whoever the customer, with the other budgets to spare', async () => {
    const number = '+85251234567';
    const rows: SmsRow[] = [];
    for (const name of ['Chan Tai Man', 'Chan Siu Ming', 'Chan Ka Yan']) rows.push(await openAndSettle(name, '+852 5123 4567'));
    expect(rows.map((n) => n.status)).toEqual(['sent', 'sent', 'refused']);
    expect(rows.map((n) => n.address)).toEqual([number, number, number]);
    expect(rows[2]!.last_error).toBe(`more than ${NUMBER_BUDGET} SMS to ${number} in an hour`);
    expect(smsTo(number)).toHaveLength(NUMBER_BUDGET);
  });

  it('the global budget refuses across prefixes once the SMS of all prefixes together reach it', async () => {
    // Sent so far: 5 to +86 and the claim SMS (the first case), 2 to one +852 number (the second).
    const [{ n: counted }] = await stack.api.database.db.query(`SELECT count(*)::int AS n FROM notifications WHERE channel = 'sms' AND status NOT IN ('suppressed', 'refused')`);
    expect(counted).toBe(GLOBAL_BUDGET - 2);
    const before = stack.sink.at('/sms').length;
    // Neither +852 nor +853 is near its country budget of 5, and every number is new: only the total can refuse.
    const rows = [
      await openAndSettle('Leong Wai', '+853 6212 3456'),
      await openAndSettle('Ho Yan', '+852 6000 0001'),
      await openAndSettle('Leong Kit', '+853 6212 3457'),
      await openAndSettle('Ho Lam', '+852 6000 0002'),
    ];
    expect(rows.map((n) => [n.address, n.status])).toEqual([
      ['+85362123456', 'sent'],
      ['+85260000001', 'sent'],
      ['+85362123457', 'refused'],
      ['+85260000002', 'refused'],
    ]);
    for (const n of rows.slice(2)) expect(n.last_error).toBe(`more than ${GLOBAL_BUDGET} SMS in an hour, and no agent has taken on this customer yet`);
    expect(stack.sink.at('/sms').slice(before).map((r) => JSON.parse(r.body).to)).toEqual(['+85362123456', '+85260000001']);
    expect(stack.sink.at('/sms')).toHaveLength(GLOBAL_BUDGET);
  });
});
