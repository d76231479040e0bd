import { randomUUID } from 'node:crypto';
import { TRACKING_TOKEN_SLOT } from '@firsthand/access';
import { committedEventIds, JobName, QueueName } from '@firsthand/queue-contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Webhook } from 'standardwebhooks';
import { formatLocalTime } from '../../libs/notifications/src/templates/local-time.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { OwnRedis, startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/** Progress notifications end to end: API → outbox → BullMQ → worker processes → real SMTP / HTTP servers. */
describe('progress notifications are never lost and never doubled', () => {
  let redis: OwnRedis;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let webhookSecret: string;

  const db = () => stack.api.database.db;
  const notificationsOf = (ticketId: string): Promise<Array<{ id: string; kind: string; channel: string; status: string; attempts: number; recipient_type: string }>> =>
    db().query(`SELECT id, kind, channel, status, attempts, recipient_type FROM notifications WHERE ticket_id = $1 ORDER BY created_at, id`, [ticketId]);
  const emailsAbout = (address: string, code: string) => stack.smtp.to(address).filter((m) => m.text.includes(code) || m.subject.includes(code));
  /** The notification id is the Message-ID: what arrived of one notification, however often it was attempted. */
  const arrivalsOf = (notificationId: string) => stack.smtp.emails.filter((m) => m.messageId === `<${notificationId}@firsthand>`);

  beforeAll(async () => {
    redis = await OwnRedis.start();
    stack = await startWorkerStack({ redis, workers: 2 });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    admin = await f.agent('admin', null, 'Root');
    const registered = await stack.api.http
      .post('/api/webhook-endpoints')
      .set(admin.auth)
      .send({ url: stack.sink.url('/hooks'), description: 'CRM' })
      .expect(201);
    webhookSecret = registered.body.secret;
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    await stack?.close();
    await redis?.remove();
  });

  it('a zh-CN customer is told in Chinese, by email and (for milestones) SMS; the owner hears of the reply; webhooks are signed and public only', async () => {
    const ticket = await f.customerTicket({}, { name: '王芳', locale: 'zh-CN', phone: '+8613800000001' });
    const [{ email }] = await db().query(`SELECT c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [ticket.id]);
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: '已为您退款', visibility: 'public' }).expect(201);
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'internal: refund id 42', visibility: 'internal' }).expect(201);
    await stack.api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: '收到了吗？' }).expect(201);

    const claimed = await eventually(() => emailsAbout(email, ticket.code).find((m) => m.text.startsWith('Li Wei 正在处理您的问题')), 15_000, 'the claim email, in Chinese');
    const [{ subject }] = await db().query(`SELECT subject FROM tickets WHERE id = $1`, [ticket.id]);
    expect(claimed.subject).toBe(`Re: 【${ticket.code}】${subject}`);
    // The link in the message opens the customer's own ticket: it carries their token.
    expect(claimed.text).toContain(`http://help.example.test/track/${ticket.code}#token=${ticket.trackingToken}`);
    const reply = await eventually(() => emailsAbout(email, ticket.code).find((m) => m.text.includes('已为您退款')), 15_000, 'the reply email');
    expect(reply.html).toContain('已为您退款');
    const smsTo = () => stack.sink.at('/sms').filter((r) => JSON.parse(r.body).to === '+8613800000001');
    await eventually(() => smsTo().length >= 2, 15_000, 'the two SMS (the opening and the claim)');
    await eventually(() => emailsAbout(li.email, ticket.code).length > 0, 15_000, "the owner's notice of the customer reply");
    const ownerNotice = emailsAbout(li.email, ticket.code)[0];
    expect(ownerNotice.text).toContain('收到了吗？');

    // Wait for every notification of this ticket to settle, then count what arrived.
    await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.status === 'sent' || n.status === 'suppressed'), 15_000, 'all sent');
    const stored = await notificationsOf(ticket.id);
    const customerEmails = stored.filter((n) => n.recipient_type === 'customer' && n.channel === 'email').map((n) => n.kind);
    expect(customerEmails.sort()).toEqual(['agent_replied', 'claimed', 'next_update', 'received']);
    expect(emailsAbout(email, ticket.code)).toHaveLength(4);
    const smsStored = stored.filter((n) => n.channel === 'sms');
    // Two workers plan the opening's and the claim's messages side by side: which row is first is not a promise.
    expect(smsStored.map((n) => n.kind).sort()).toEqual(['claimed', 'received']);
    const sms = smsTo();
    expect(sms).toHaveLength(2);
    for (const message of sms) expect(JSON.parse(message.body).text).toContain(ticket.code);
    // Issue 13: what was sent carries the token (filled in at send time), yet no stored row anywhere holds it.
    expect(JSON.parse(sms[0].body).text).toContain(`#token=${ticket.trackingToken}`);
    expect(reply.html).toContain(`#token=${ticket.trackingToken}`);
    const tables: Array<{ name: string }> = await db().query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
    const holding = [];
    for (const { name } of tables) {
      const [{ n }] = await db().query(`SELECT count(*)::int AS n FROM "${name}" r WHERE r::text LIKE $1`, [`%${ticket.trackingToken}%`]);
      if (n > 0) holding.push(name);
    }
    expect(holding).toEqual([]);
    expect((await db().query(`SELECT count(*)::int AS n FROM notifications WHERE ticket_id = $1 AND text_body LIKE '%#token=%'`, [ticket.id]))[0].n).toBeGreaterThan(0);
    expect(sms.map((m) => m.headers['idempotency-key']).sort()).toEqual(smsStored.map((n) => n.id).sort());

    const hooks = stack.sink.at('/hooks').filter((r) => JSON.parse(r.body).data.ticketCode === ticket.code);
    const verifier = new Webhook(webhookSecret);
    const types = hooks.map((h) => (verifier.verify(h.body, h.headers as Record<string, string>) as { type: string }).type);
    expect(types.sort()).toEqual(['ticket.agent_replied', 'ticket.claimed', 'ticket.created', 'ticket.customer_replied']);
    expect(hooks.map((h) => h.body).join()).not.toContain('refund id 42');
  });

  it('a customer gets their emails in the order things happened, even when the first of them is slow to go out; a reply that claims is one email', async () => {
    const email = `order.${randomUUID().slice(0, 8)}@example.com`;
    const ticket = await f.customerTicket({ subject: 'The kettle trips the fuse' }, { email });
    await eventually(() => stack.smtp.to(email).length === 1, 15_000, 'the acknowledgement');
    // The next email to them is held at the relay for a while: none of what follows may overtake it.
    stack.smtp.holdNext(email);
    // A reply on an unowned ticket claims it as well (two events, one commit); it is resolved right after (another job, maybe another worker).
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Replaced the fuse in the plug.', visibility: 'public' }).expect(201);
    await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Fuse replaced' }).expect(200);
    await eventually(() => stack.smtp.isHolding(), 15_000, 'the relay to hold the first of them');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    stack.smtp.release();
    const caught = await eventually(() => {
      const all = stack.smtp.to(email);
      return all.length >= 3 && all;
    }, 20_000, 'the three emails');
    // The claim made by replying is told in the reply's email: one email, not two at the same moment.
    expect(caught.map((m) => m.text.split('\n')[0])).toEqual([
      expect.stringMatching(/^We received your issue/),
      expect.stringMatching(/^Li Wei is now handling your issue/),
      expect.stringMatching(/^Li Wei has resolved your issue/),
    ]);
    // One thread in the customer's mail client: the same subject, each referring to the ones before;
    // "Re:" on the answers only, not on the web form's acknowledgement, which answers no mail.
    expect(caught.map((m) => m.subject)).toEqual([`[${ticket.code}] The kettle trips the fuse`, ...Array(2).fill(`Re: [${ticket.code}] The kettle trips the fuse`)]);
    expect(caught.map((m) => m.inReplyTo !== '')).toEqual([false, true, true]);
    expect(caught[1].text).toContain('Li Wei is now handling your issue “The kettle trips the fuse” and will follow it personally');
    expect(caught[1].text).toContain('Replaced the fuse in the plug.');
    // The resolved email says how, as the tracking page does.
    expect(caught[2].text).toContain('Fuse replaced');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(stack.smtp.to(email)).toHaveLength(3);
  });

  it("a macro's public reply that sets the ticket waiting for the customer is one email saying both (the wait's SMS, a milestone, stays); a reply and a later wait are two", async () => {
    const email = `waiting.${randomUUID().slice(0, 8)}@example.com`;
    const phone = '+8613800000077';
    const ticket = await f.customerTicket({ subject: '发票抬头错误' }, { name: '王芳', email, locale: 'zh-CN', phone });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const macro = await stack.api.http
      .post('/api/macros')
      .set(li.auth)
      .send({ name: `Ask for the invoice ${randomUUID().slice(0, 8)}`, scope: 'personal', reply: { 'zh-CN': '请把发票照片发给我们。', en: 'Please send us a photo of the invoice.' }, status: 'pending_customer' })
      .expect(201);
    await stack.api.http.post(`/api/tickets/${ticket.id}/macros/${macro.body.id}/apply`).set(li.auth).expect(200);
    const settled = async (ticketId: string, customerEmails: number) => {
      await eventually(async () => {
        const stored = await notificationsOf(ticketId);
        return stored.filter((n) => n.recipient_type === 'customer' && n.channel === 'email').length === customerEmails && stored.every((n) => n.status === 'sent' || n.status === 'suppressed');
      }, 15_000, `${customerEmails} customer emails, all sent`);
      // Nothing more comes: a second email of the same step would be planned with the first.
      await new Promise((resolve) => setTimeout(resolve, 1000));
      return notificationsOf(ticketId);
    };
    const stored = await settled(ticket.id, 3);
    const forCustomer = (channel: string) => stored.filter((n) => n.recipient_type === 'customer' && n.channel === channel).map((n) => n.kind).sort();
    expect(forCustomer('email')).toEqual(['agent_replied', 'claimed', 'received']);
    expect(forCustomer('sms')).toEqual(['claimed', 'pending_customer', 'received']);
    const emails = emailsAbout(email, ticket.code);
    expect(emails).toHaveLength(3);
    const reply = emails.find((m) => m.text.includes('请把发票照片发给我们。'))!;
    expect(reply.text.split('\n')[0]).toBe('Li Wei 就“发票抬头错误”回复您，正在等待您的回复：');
    expect(reply.text).toContain('在此期间，您的问题仍由 Li Wei 负责');
    await eventually(() => stack.sink.at('/sms').filter((r) => JSON.parse(r.body).to === phone).length === 3, 15_000, 'the three SMS');
    expect(stack.sink.at('/sms').map((r) => JSON.parse(r.body)).filter((b) => b.to === phone).some((b) => b.text.includes('正在等待您的回复'))).toBe(true);

    // The same two steps as separate actions, one after the other: each is told on its own, as before.
    const later = `waiting.later.${randomUUID().slice(0, 8)}@example.com`;
    const other = await f.customerTicket({ subject: 'Wrong name on the invoice' }, { email: later });
    await stack.api.http.post(`/api/tickets/${other.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${other.id}/messages`).set(li.auth).send({ body: 'Which name should it carry?', visibility: 'public' }).expect(201);
    await eventually(() => emailsAbout(later, other.code).some((m) => m.text.includes('Which name should it carry?')), 15_000, 'the reply email');
    await stack.api.http.post(`/api/tickets/${other.id}/status`).set(li.auth).send({ status: 'pending_customer' }).expect(200);
    await settled(other.id, 4);
    const firstLines = emailsAbout(later, other.code).map((m) => m.text.split('\n')[0]);
    expect(firstLines).toHaveLength(4);
    expect(firstLines).toContain('Li Wei replied about “Wrong name on the invoice”:');
    expect(firstLines).toContain('Li Wei needs a reply from you to go on with “Wrong name on the invoice”.');
  });

  it('the next-update promise is told once between two of our updates, not again for each message the customer adds', async () => {
    const email = `promise.${randomUUID().slice(0, 8)}@example.com`;
    const ticket = await f.customerTicket({ subject: 'The oven light stays off' }, { email });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const promises = () => stack.smtp.to(email).filter((m) => m.text.includes('You will hear from us by'));
    const write = (body: string) => stack.api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body }).expect(201);
    await write('Any news?');
    await eventually(() => promises().length === 1, 15_000, 'the first promise');
    await write('Also, the fan is loud.');
    await write('And the clock blinks.');
    // Both planned by now (each message also reaches the owner, after its customer notifications are planned).
    await eventually(async () => (await notificationsOf(ticket.id)).filter((n) => n.recipient_type === 'agent' && n.kind === 'customer_replied').length === 3, 15_000, "the owner's three notices");
    await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.status === 'sent' || n.status === 'suppressed'), 15_000, 'all sent');
    expect(promises()).toHaveLength(1);
    // After an answer of ours, the next message gets the promise again.
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Checking the light now.', visibility: 'public' }).expect(201);
    await write('Thanks, waiting.');
    await eventually(() => promises().length === 2, 15_000, 'the promise after our answer');
  });

  it('a ticket resolved again after its customer rated it asks for no second rating (one a ticket)', async () => {
    const email = `rated.${randomUUID().slice(0, 8)}@example.com`;
    const ticket = await f.customerTicket({ subject: 'The lid does not close' }, { email });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'New hinge sent' }).expect(200);
    const resolvedEmails = () => stack.smtp.to(email).filter((m) => m.text.startsWith('Li Wei has resolved your issue'));
    const [first] = await eventually(() => resolvedEmails().length === 1 && resolvedEmails(), 15_000, 'the first resolved email');
    expect(first.text).toMatch(/Rate the service: \S+[#&]rate\b/);
    const track = (path: string) => stack.api.http.post(`/api/track/${ticket.code}/${path}`).set('X-Tracking-Token', ticket.trackingToken);
    await track('feedback').send({ rating: 2 }).expect(200);
    await track('reopen').send({}).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Hinge fitted' }).expect(200);
    const [, second] = await eventually(() => resolvedEmails().length === 2 && resolvedEmails(), 15_000, 'the second resolved email');
    expect(second.text).not.toMatch(/[#&]rate\b/);
    expect(second.text).not.toContain('Rate the service');
    await track('feedback').send({ rating: 5 }).expect(409);
  });

  it("a customer's text naming the stored-text slot inside a link of its own never gets the token: only our link does", async () => {
    const email = `slot.${randomUUID().slice(0, 8)}@example.com`;
    const bait = `https://evil.example/x#token=${TRACKING_TOKEN_SLOT}`;
    const ticket = await f.customerTicket({ subject: `Refund ${bait}`, description: `See ${bait}` }, { email });
    const received = await eventually(() => emailsAbout(email, ticket.code)[0], 15_000, 'the acknowledgement');
    for (const part of [received.text, received.html ?? '']) {
      expect(part).not.toContain(`evil.example/x#token=${ticket.trackingToken}`);
      expect(part).toContain(`/track/${ticket.code}#token=${ticket.trackingToken}`);
    }
  });

  it("an owner's request for help is mailed to the supervisors it made watchers, with the reason, once", async () => {
    const ticket = await f.customerTicket({ subject: 'Refund above my limit' });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/escalate`).set(li.auth).send({ reason: 'Needs approval for a 5,000 CNY refund' }).expect(200);
    const mail = await eventually(() => emailsAbout(supervisor.email, ticket.code).find((m) => m.subject.includes('asks for your help')), 15_000, "the supervisor's notice");
    expect(mail.subject).toBe(`[${ticket.code}] Li Wei asks for your help`);
    expect(mail.text).toContain('Needs approval for a 5,000 CNY refund');
    await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.status === 'sent' || n.status === 'suppressed'), 15_000, 'all sent');
    const asked = (await notificationsOf(ticket.id)).filter((n) => n.kind === 'escalation_requested');
    expect(asked.map((n) => [n.recipient_type, n.channel])).toEqual([['agent', 'email']]);
    expect(emailsAbout(supervisor.email, ticket.code).filter((m) => m.subject.includes('asks for your help'))).toHaveLength(1);
    // The owner asked: they are not told of their own request.
    expect(emailsAbout(li.email, ticket.code).filter((m) => m.subject.includes('asks for your help'))).toEqual([]);
  });

  it("states times in the zone of the ticket's team's business calendar, else NOTIFY_TIME_ZONE, and says which", async () => {
    const [{ id: calendar }] = await db().query(`INSERT INTO business_calendars (name, zone, always_open) VALUES ('New York hours', 'America/New_York', true) RETURNING id`);
    const newYork = await f.team('New York desk');
    await db().query(`UPDATE teams SET calendar_id = $1 WHERE id = $2`, [calendar, newYork]);
    // Opened for the team by an agent (a customer's form has no team to choose).
    const there = (
      await stack.api.http
        .post('/api/tickets')
        .set(supervisor.auth)
        .send({ subject: 'Order lost', description: 'Never arrived.', channel: 'phone', kind: 'problem', teamId: newYork, customer: { name: 'Ana Silva', email: `ana.${Date.now()}@example.com`, locale: 'en' } })
        .expect(201)
    ).body as { id: string; code: string };
    const here = await f.customerTicket({}, { locale: 'en' });
    const promised = async (ticket: { id: string; code: string }) => {
      const [{ email, due }] = await db().query(`SELECT c.email, t.first_response_due_at AS due FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [ticket.id]);
      const received = await eventually(() => emailsAbout(email, ticket.code).find((m) => m.text.startsWith('We received your issue')), 15_000, `the acknowledgement of ${ticket.code}`);
      return { text: received.text, due: due as Date };
    };
    const inNewYork = await promised(there);
    expect(formatLocalTime(inNewYork.due, 'en', 'America/New_York')).toMatch(/\(E[SD]T\)$/);
    expect(inNewYork.text).toContain(`first answer by ${formatLocalTime(inNewYork.due, 'en', 'America/New_York')} at the latest`);
    expect(inNewYork.text).not.toContain('GMT+8');
    // A team without a calendar of its own: the stack's NOTIFY_TIME_ZONE (Asia/Shanghai).
    const inShanghai = await promised(here);
    expect(inShanghai.text).toContain(`first answer by ${formatLocalTime(inShanghai.due, 'en', 'Asia/Shanghai')} at the latest`);
    expect(inShanghai.text).toContain('(GMT+8)');
  });

  it('a delivery job run several times (forced duplicates on both workers) sends one message', async () => {
    const ticket = await f.customerTicket();
    const [{ email }] = await db().query(`SELECT c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [ticket.id]);
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const notification = await eventually(async () => (await notificationsOf(ticket.id)).find((n) => n.kind === 'claimed' && n.channel === 'email'), 10_000, 'the planned notification');
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.Notifications, { connection, prefix: stack.api.config.queuePrefix });
    try {
      await queue.addBulk(
        Array.from({ length: 8 }, (_, i) => ({ name: JobName.DeliverNotification, data: { notificationId: notification.id, attempt: 1, round: 0 }, opts: { jobId: `dup-${notification.id}-${i}` } })),
      );
      await eventually(async () => (await notificationsOf(ticket.id)).find((n) => n.id === notification.id)?.status === 'sent', 10_000, 'sent');
      await new Promise((r) => setTimeout(r, 1500));
      expect(arrivalsOf(notification.id)).toHaveLength(1);
      expect(emailsAbout(email, ticket.code).filter((m) => m.text.includes('is now handling your issue'))).toHaveLength(1);
      const attempts = await db().query(`SELECT count(*)::int AS n FROM notification_attempts WHERE notification_id = $1`, [notification.id]);
      expect(attempts[0].n).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('Redis stopped: ticket changes still succeed, fast; once Redis is back every notification arrives exactly once', async () => {
    await redis.down();
    try {
      const started = Date.now();
      const ticket = await f.customerTicket();
      await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Refund sent', visibility: 'public' }).expect(201);
      await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'pending_customer' }).expect(200);
      // The API did not wait on Redis: four writes well within the time one hung Redis call would take.
      expect(Date.now() - started).toBeLessThan(5000);
      const [{ n: waiting }] = await db().query(
        `SELECT count(*)::int AS n FROM job_outbox o JOIN ticket_events e ON e.id = o.event_id WHERE e.ticket_id = $1`,
        [ticket.id],
      );
      expect(waiting).toBe(4);
      // A worker told to stop while Redis is away still exits by itself, within the grace period.
      const stopping = stack.workers.splice(0, 1)[0];
      const exit = await stopping.stop(10_000);
      if (process.env.DEBUG_WORKERS) console.log(stopping.output());
      expect(exit.forced).toBe(false);
      await redis.up();
      await stack.startWorker();
      const [{ email }] = await db().query(`SELECT c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [ticket.id]);
      await eventually(() => emailsAbout(email, ticket.code).length >= 4, 30_000, 'the four progress emails');
      await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.status === 'sent' || n.status === 'suppressed'), 15_000, 'all sent');
      await new Promise((r) => setTimeout(r, 2000));
      const firstLines = emailsAbout(email, ticket.code).map((m) => m.text.split('\n')[0]);
      // received, claimed, the reply, waiting for you: each once.
      expect(firstLines).toHaveLength(4);
      expect(new Set(firstLines).size).toBe(4);
      // Handed over together once Redis was back: the events shared a job, and the ticket's emails of
      // that job reference each other in event order, as they would had they been handled one by one.
      const events: Array<{ id: string }> = await db().query(`SELECT id::text FROM ticket_events WHERE ticket_id = $1`, [ticket.id]);
      const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
      const queue = new Queue(QueueName.TicketEvents, { connection, prefix: stack.api.config.queuePrefix });
      try {
        const jobs = await queue.getJobs(['completed'], 0, -1);
        const together = jobs.map((j) => committedEventIds(j.data).filter((id) => events.some((e) => e.id === id))).find((ids) => ids.length > 1);
        expect(together).toBeDefined();
        const emails: Array<{ id: string }> = await db().query(
          `SELECT id FROM notifications WHERE event_id = ANY($1::bigint[]) AND recipient_type = 'customer' AND channel = 'email' ORDER BY event_id`,
          [together],
        );
        const mails = emails.map((n) => arrivalsOf(n.id)[0]!);
        expect(mails.length).toBeGreaterThan(1);
        mails.forEach((mail, k) => expect(mail.references).toEqual(expect.arrayContaining(mails.slice(0, k).map((m) => m.messageId))));
        expect(mails.at(-1)!.inReplyTo).toBe(mails.at(-2)!.messageId);
      } finally {
        await queue.close();
        connection.disconnect();
      }
    } finally {
      if (!redis.isUp) await redis.up();
    }
  });

  it('a worker killed (kill -9) in the middle of a send: another worker completes it, the customer receives one message', async () => {
    stack.smtp.holdNext();
    const ticket = await f.customerTicket();
    await eventually(() => stack.smtp.isHolding(), 15_000, 'a send stuck in the SMTP server');
    const [attempt] = await db().query(
      `SELECT a.worker, n.id FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id WHERE n.ticket_id = $1 AND n.channel = 'email' AND n.recipient_type = 'customer' AND a.finished_at IS NULL`,
      [ticket.id],
    );
    const pid = Number(attempt.worker.split(':').pop());
    const victim = stack.workers.find((w) => w.child.pid === pid)!;
    expect(victim).toBeDefined();
    victim.child.kill('SIGKILL');
    await eventually(() => victim.child.exitCode !== null || victim.child.signalCode !== null, 5000, 'the worker to die');
    stack.workers.splice(stack.workers.indexOf(victim), 1);
    const sent = await eventually(async () => (await notificationsOf(ticket.id)).find((n) => n.id === attempt.id && n.status === 'sent'), 30_000, 'another worker to finish the send');
    expect(sent.attempts).toBe(2);
    await new Promise((r) => setTimeout(r, 1500));
    expect(arrivalsOf(attempt.id)).toHaveLength(1);
    expect(stack.smtp.dropped).toBe(1);
    const workers = await db().query(`SELECT worker, outcome FROM notification_attempts WHERE notification_id = $1 ORDER BY attempt`, [attempt.id]);
    expect(workers.map((w: { outcome: string | null }) => w.outcome)).toEqual([null, 'sent']);
    expect(workers[1].worker).not.toBe(workers[0].worker);
    await stack.startWorker();
  });

  it('a send that keeps failing is dead-lettered, listed for supervisors, and a retry delivers it', async () => {
    stack.sink.answer = (r) => (r.path === '/sms' ? 500 : 200);
    const ticket = await f.customerTicket({}, { phone: '+8613800000099' });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const failed = await eventually(async () => (await notificationsOf(ticket.id)).find((n) => n.channel === 'sms' && n.status === 'failed'), 30_000, 'the SMS to fail for good');
    expect(failed.attempts).toBe(stack.api.config.notifications.maxAttempts);
    const listed = await stack.api.http.get('/api/notifications').query({ status: 'failed' }).set(supervisor.auth).expect(200);
    const item = listed.body.items.find((n: { id: string }) => n.id === failed.id);
    expect(item).toMatchObject({ ticketCode: ticket.code, channel: 'sms', status: 'failed', lastError: expect.stringContaining('deferred') });
    await stack.api.http.get('/api/notifications').query({ status: 'failed' }).set(li.auth).expect(403);
    const detail = await stack.api.http.get(`/api/notifications/${failed.id}`).set(supervisor.auth).expect(200);
    expect(detail.body.attemptLog).toHaveLength(failed.attempts);

    stack.sink.answer = () => 200;
    const retried = await stack.api.http.post(`/api/notifications/${failed.id}/retry`).set(supervisor.auth).expect(202);
    expect(retried.body).toMatchObject({ queued: true, notification: { status: 'pending', retryRound: 1 } });
    await eventually(async () => (await notificationsOf(ticket.id)).find((n) => n.id === failed.id)?.status === 'sent', 15_000, 'the retried SMS');
    await stack.api.http.post(`/api/notifications/${failed.id}/retry`).set(supervisor.auth).expect(409);
  });

  it("a webhook receiver's 429 with Retry-After is not tried again before then", async () => {
    const ticket = await f.customerTicket();
    const mine = (r: { path: string; body: string }) => r.path === '/hooks' && r.body.includes(ticket.code);
    stack.sink.answer = (r) => (mine(r) ? 429 : 200);
    stack.sink.answerHeaders = (r): Record<string, string> => (mine(r) ? { 'retry-after': '600' } : {});
    try {
      const before = Date.now();
      await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
      const deferred = await eventually(async () => {
        const rows: Array<{ attempts: number; status: string; last_error: string | null; next_attempt_at: Date }> = await db().query(
          `SELECT attempts, status, last_error, next_attempt_at FROM notifications WHERE ticket_id = $1 AND channel = 'webhook' AND attempts >= 1 AND status = 'pending'`,
          [ticket.id],
        );
        return rows.length > 0 && rows;
      }, 15_000, 'the deferred webhooks');
      for (const row of deferred) {
        expect(row).toMatchObject({ attempts: 1, last_error: expect.stringContaining('429') });
        // The worker's own first backoff is at most 5 s: waiting 10 minutes is the receiver's asking.
        expect(new Date(row.next_attempt_at).getTime()).toBeGreaterThanOrEqual(before + 600_000);
      }
      // The ticket's emails are through before the next test holds the SMTP server.
      await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.channel === 'webhook' || n.status === 'sent'), 15_000, 'the emails sent');
    } finally {
      stack.sink.answer = () => 200;
      stack.sink.answerHeaders = () => ({});
    }
  });

  it('an endpoint removed while its webhook waits for a retry gets nothing more', async () => {
    const flaky = (await stack.api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: stack.sink.url('/flaky'), description: 'Flaky CRM' }).expect(201)).body.endpoint as { id: string };
    stack.sink.answer = (r) => (r.path === '/flaky' ? 503 : 200);
    // Asked to come back in 5 s, the workers leave a wide gap between attempts for the removal.
    stack.sink.answerHeaders = (r): Record<string, string> => (r.path === '/flaky' ? { 'retry-after': '5' } : {});
    try {
      const ticket = await f.customerTicket();
      const waiting = await eventually(async () => {
        const rows: Array<{ id: string; status: string; waits_ms: number }> = await db().query(
          `SELECT id, status, EXTRACT(EPOCH FROM next_attempt_at - clock_timestamp()) * 1000 AS waits_ms
             FROM notifications WHERE ticket_id = $1 AND recipient_id = $2 AND attempts >= 1`,
          [ticket.id, flaky.id],
        );
        // Removed while every webhook waits, not while one is on the wire: an attempt already sent
        // cannot be called back, and its receiver may still accept it.
        return rows.length > 0 && rows.every((r) => r.status === 'pending' && Number(r.waits_ms) > 2_500) && rows;
      }, 15_000, 'a failed first attempt at the flaky endpoint, its retry ahead');
      await stack.api.http.delete(`/api/webhook-endpoints/${flaky.id}`).set(admin.auth).expect((r) => expect([200, 204]).toContain(r.status));
      const removedAt = stack.sink.at('/flaky').length;
      stack.sink.answer = () => 200;
      const settled = await eventually(async () => {
        const rows: Array<{ status: string; last_error: string | null }> = await db().query(`SELECT status, last_error FROM notifications WHERE id = ANY($1::uuid[])`, [waiting.map((w) => w.id)]);
        return rows.every((r) => r.status !== 'pending' && r.status !== 'sending') && rows;
      }, 20_000, 'the waiting webhooks settled');
      for (const row of settled) expect(row).toMatchObject({ status: 'failed', last_error: expect.stringContaining('removed') });
      expect(stack.sink.at('/flaky').length).toBe(removedAt);
    } finally {
      stack.sink.answer = () => 200;
      stack.sink.answerHeaders = () => ({});
    }
  });

  it('SIGTERM lets the active send finish before the worker exits', async () => {
    // Held by address: on a busy machine an earlier test's late email could otherwise be the one held.
    const email = `held.${randomUUID().slice(0, 8)}@example.com`;
    stack.smtp.holdNext(email);
    const ticket = await f.customerTicket({}, { email });
    await eventually(() => stack.smtp.isHolding(), 15_000, 'a send in progress');
    const [attempt] = await db().query(
      `SELECT a.worker, n.id FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id WHERE n.ticket_id = $1 AND n.channel = 'email' AND n.recipient_type = 'customer' AND a.finished_at IS NULL`,
      [ticket.id],
    );
    const sender = stack.workers.find((w) => w.child.pid === Number(attempt.worker.split(':').pop()))!;
    const exit = sender.stop(10_000);
    await new Promise((r) => setTimeout(r, 500));
    expect(sender.child.exitCode).toBeNull(); // still finishing its job
    stack.smtp.release();
    expect((await exit).forced).toBe(false);
    stack.workers.splice(stack.workers.indexOf(sender), 1);
    const [row] = await db().query(`SELECT status, attempts FROM notifications WHERE id = $1`, [attempt.id]);
    expect(row).toEqual({ status: 'sent', attempts: 1 });
    expect(arrivalsOf(attempt.id)).toHaveLength(1);
    await stack.startWorker();
  });

  it("a worker's Prometheus endpoint counts its jobs, their lateness and the queues' depth", async () => {
    // Alone, so the jobs below are surely its own.
    await Promise.all(stack.workers.splice(0).map((w) => w.stop()));
    const worker = await stack.startWorker({ WORKER_METRICS_PORT: '0' });
    const port = Number(/metricsPort=(\d+)/.exec(worker.output())![1]);
    const ticket = await f.customerTicket();
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await eventually(async () => (await notificationsOf(ticket.id)).every((n) => n.status === 'sent'), 15_000, 'sent');
    // The queue depth is read from Redis on each scrape, on a connection the first scrape may still be opening.
    const expected = [
      /firsthand_worker_jobs_total\{[^}]*outcome="completed"[^}]*\} [1-9]/,
      /firsthand_worker_job_lateness_seconds_bucket\{/,
      /firsthand_queue_jobs\{queue="notifications",state="completed"\} \d+/,
      /firsthand_notifications\{status="sent",channel="email"\} [1-9]/,
      /firsthand_job_outbox_backlog\{state="waiting"\} \d+/,
      // The roster as its own check-in read it: at least this process runs every role (one killed earlier may count for 45 s).
      /firsthand_worker_role_processes\{role="timers"\} [1-9]/,
    ];
    let last = '';
    await eventually(async () => {
      last = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      return expected.every((pattern) => pattern.test(last));
    }, 15_000, 'the metrics').catch((error: Error) => {
      throw new Error(`${error.message}; missing: ${expected.filter((p) => !p.test(last)).join(', ')}`);
    });
  });
});
