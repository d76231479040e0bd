import { Redis } from 'ioredis';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { OwnRedis, startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/**
 * The bot's answer across processes: the API answers at opening, the real worker mails the answer
 * to the customer, and the worker's sweep hands a held ticket to a person when its hold has ended,
 * read from PostgreSQL, so an outage of Redis at that moment loses nothing.
 */
describe('the bot for standard questions, with the real worker', () => {
  let redis: OwnRedis;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let agent: TestAgent;
  let teamId: string;
  let listener: Redis | null = null;
  /** What the API and worker published to the live stream (socket.io's Redis emitter), as raw text. */
  const published: Array<{ channel: string; text: string }> = [];

  const db = () => stack.api.database.db;
  const open = (subject: string, locale: 'en' | 'zh-CN') =>
    stack.api.http
      .post('/api/tickets')
      .send({ subject, description: 'Please help.', channel: 'web', kind: 'question', customer: { name: 'Zhang San', email: `bot${Date.now()}${Math.random()}@example.com`, locale } })
      .expect(201);
  const handovers = (ticketId: string): Promise<Array<{ payload: { reason: string } }>> =>
    db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'bot_handed_over'`, [ticketId]);
  const endHoldNow = (ticketId: string) => db().query(`UPDATE tickets SET bot_hold_until = now() - interval '1 second' WHERE id = $1`, [ticketId]);
  const queueIds = async () => ((await stack.api.http.get('/api/tickets').query({ status: 'new' }).set(agent.auth).expect(200)).body.items as Array<{ id: string }>).map((t) => t.id);
  const listen = async () => {
    listener = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    listener.on('error', () => undefined);
    listener.on('pmessageBuffer', (_pattern: Buffer, channel: Buffer, message: Buffer) => published.push({ channel: channel.toString(), text: message.toString('latin1') }));
    await listener.psubscribe('*');
  };
  /** The team queue was told this ticket arrived (socket.io's emitter writes msgpack: event name and strings as raw bytes). */
  const queueToldOf = (ticketId: string, after: number) =>
    published.some((m, i) => i >= after && m.channel.includes(`team:${teamId}`) && m.text.includes('queue.changed') && m.text.includes(ticketId) && m.text.includes('created'));

  beforeAll(async () => {
    redis = await OwnRedis.start();
    stack = await startWorkerStack({
      redis,
      workers: 1,
      env: { FIRSTHAND_BOT_ENABLED: 'true', FIRSTHAND_BOT_MIN_CONFIDENCE_PERCENT: '70', FIRSTHAND_BOT_HOLD_MINUTES: '10' },
    });
    f = new HelpdeskFactory(stack.api);
    teamId = await f.team('Front Desk', true);
    agent = await f.agent('agent', teamId, 'Li Wei');
    const senior = await f.agent('senior', teamId, 'Chen Jie');
    const category = (await stack.api.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款', botMayAnswer: true }).expect(201)).body.id;
    await stack.api.http
      .post('/api/kb/articles')
      .set(senior.auth)
      .send({ status: 'published', categoryId: category, titleEn: 'How to request a refund', bodyEn: 'Ask within **30 days** of delivery.', titleZhCn: '如何申请退款', bodyZhCn: '签收后 **30 天**内可以申请退款。' })
      .expect(201);
    await listen();
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    listener?.disconnect();
    await stack?.close();
    await redis?.remove();
  });

  it('mails the answer at once, marked automatic, with links to both choices, instead of a separate "received" notice; nothing stored holds the token', async () => {
    const res = await open('如何申请退款', 'zh-CN');
    const { id, code, trackingToken } = res.body as { id: string; code: string; trackingToken: string };
    expect(res.body.automaticAnswer).toMatchObject({ title: '如何申请退款' });

    const mail = await eventually(() => stack.smtp.emails.find((m) => m.subject.includes(code)), 15_000, 'the automatic answer by email');
    // Opened on the web form, the answer answers no mail of theirs: no "Re:".
    expect(mail.subject).toBe(`【${code}】如何申请退款`);
    expect(mail.text).toMatch(/^自动回复：/);
    expect(mail.text).toContain('签收后 30 天内可以申请退款。');
    expect(mail.html).toContain('<strong>30 天</strong>');
    const link = `http://help.example.test/track/${code}#token=${trackingToken}`;
    expect(mail.text).toContain(`问题已解决：${link}&automatic-answer=solved`);
    expect(mail.text).toContain(`我需要人工客服：${link}&automatic-answer=need-person`);
    expect(mail.html).toContain(`href="${link}&amp;automatic-answer=need-person"`);

    await eventually(async () => (await db().query(`SELECT 1 FROM notifications WHERE ticket_id = $1 AND status = 'sent'`, [id])).length > 0, 15_000, 'the send recorded');
    const stored: Array<{ kind: string; recipient_type: string; channel: string; subject: string; text_body: string; html_body: string | null }> = await db().query(
      `SELECT kind, recipient_type, channel, subject, text_body, html_body FROM notifications WHERE ticket_id = $1`,
      [id],
    );
    expect(stored.filter((n) => n.recipient_type === 'customer').map((n) => `${n.channel}:${n.kind}`)).toEqual(['email:automatic_answer']);
    for (const n of stored) expect(`${n.subject}${n.text_body}${n.html_body ?? ''}`).not.toContain(trackingToken);
    expect(stack.smtp.emails.filter((m) => m.subject.includes(code))).toHaveLength(1);
  });

  it("the worker's sweep hands a held ticket to a person once its stored hold has ended, and tells the team queue live", async () => {
    const res = await open('How to request a refund', 'en');
    const { id } = res.body as { id: string };
    expect(await queueIds()).not.toContain(id);
    // The opening's own change first (the agents' queue leaves a held ticket out when it looks), so only the hand-over's counts after it.
    await eventually(() => queueToldOf(id, 0), 10_000, "the opening's live change");
    const before = published.length;
    // The in-process timer is set for the 10-minute hold; only the periodic sweep (every second here) sees the earlier end.
    await endHoldNow(id);

    await eventually(async () => (await handovers(id)).length > 0, 15_000, 'the hand-over by the worker');
    expect((await handovers(id)).map((e) => e.payload.reason)).toEqual(['timer']);
    const [row] = await db().query(`SELECT status, owner_id, bot_outcome FROM tickets WHERE id = $1`, [id]);
    expect(row).toEqual({ status: 'new', owner_id: null, bot_outcome: 'timer' });
    expect(await queueIds()).toContain(id);
    await eventually(() => queueToldOf(id, before), 10_000, 'the live queue change');
  });

  it('hands over from PostgreSQL while Redis is down, and the live change follows once Redis is back', async () => {
    const res = await open('How to request a refund', 'en');
    const { id } = res.body as { id: string };
    await eventually(() => queueToldOf(id, 0), 10_000, "the opening's live change");
    const before = published.length;
    await redis.down();
    try {
      await endHoldNow(id);
      await eventually(async () => (await handovers(id)).length > 0, 20_000, 'the hand-over with Redis down');
      expect(queueToldOf(id, before)).toBe(false);
    } finally {
      await redis.up();
    }
    expect((await handovers(id)).map((e) => e.payload.reason)).toEqual(['timer']);
    // The listener reconnects by itself; the event's live-outbox row is published once Redis answers again.
    await eventually(() => listener?.status === 'ready', 10_000, 'the listener back');
    await eventually(() => queueToldOf(id, before), 20_000, 'the live queue change after the outage');
  });
});
