import { JobName, QueueName } from '@firsthand/queue-contracts';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { AgentNotification, LiveTicketEvent, QueueChange, SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startAppProcess } from '../support/app-process.js';
import { LiveClient } from '../support/live-client.js';
import { TEST_SECRET } from '../support/test-services.js';
import { eventually } from '../support/notification-sinks.js';
import { OwnRedis, startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

/** Seconds, not minutes: the policy the tickets below are opened under. */
const FIRST_RESPONSE_S = 3;
const CADENCE_S = 3;

interface SlaEventRow {
  seq: number;
  type: string;
  payload: { target: string; stage?: string; fromLevel?: number; toLevel?: number; priority?: { from: string; to: string } | null; notifiedIds?: string[] };
  created_at: Date;
}

/** SLA timers on real BullMQ, two worker processes, a Redis of the test's own (so it can be flushed). */
describe('SLA timers: warned, escalated, in order and each once', () => {
  let redis: OwnRedis;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let senior: TestAgent;
  let supervisor: TestAgent;

  const slaEvents = async (ticketId: string): Promise<SlaEventRow[]> =>
    stack.api.database.db.query(
      `SELECT seq, type, payload, created_at FROM ticket_events WHERE ticket_id = $1 AND type IN ('sla_warning', 'sla_escalated', 'update_reminder') ORDER BY seq`,
      [ticketId],
    );
  const firstResponseEvents = async (ticketId: string) => (await slaEvents(ticketId)).filter((e) => e.payload.target === 'first_response');

  beforeAll(async () => {
    redis = await OwnRedis.start();
    stack = await startWorkerStack({ redis, workers: 2 });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Na');
    senior = await f.agent('senior', team, 'Chen Jie');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    await stack.api.database.db.query(
      `UPDATE sla_policies SET first_response_seconds = $1, update_cadence_seconds = $2, resolution_seconds = 3600 WHERE priority = 'normal' AND tier = 'standard'`,
      [FIRST_RESPONSE_S, CADENCE_S],
    );
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    await stack?.close();
    await redis?.remove();
  });

  it('an unclaimed ticket is warned at 80%, escalated at 100% and again at 150%, each once, on time, owner untouched', async () => {
    const ticket = await f.customerTicket();
    const [{ created_at: createdAt }] = await stack.api.database.db.query(`SELECT created_at FROM tickets WHERE id = $1`, [ticket.id]);
    await eventually(async () => (await firstResponseEvents(ticket.id)).length >= 3, 15_000, 'three first-response thresholds');
    await new Promise((r) => setTimeout(r, 1500)); // long enough for a duplicate to show
    const events = await firstResponseEvents(ticket.id);
    expect(events.map((e) => [e.type, e.payload.stage ?? 'warning', e.payload.fromLevel, e.payload.toLevel])).toEqual([
      ['sla_warning', 'warning', 0, 1],
      ['sla_escalated', 'breach', 1, 2],
      ['sla_escalated', 'critical', 2, 3],
    ]);
    // Each fired at its time: not before it, and soon after (that timers, not the sweep, fire them is
    // the last describe's test, with the sweep ten minutes apart; here a busy CI machine may add seconds).
    const due = [0.8, 1, 1.5].map((share) => createdAt.getTime() + share * FIRST_RESPONSE_S * 1000);
    events.forEach((event, i) => {
      const lateness = event.created_at.getTime() - due[i];
      expect(lateness).toBeGreaterThanOrEqual(-5);
      expect(lateness).toBeLessThan(3000);
    });
    // Unclaimed: the whole team is told; escalation adds seniors and supervisors; 150% raises the priority.
    expect(events[0].payload.notifiedIds).toEqual(expect.arrayContaining([li.id, senior.id]));
    expect(events[1].payload.notifiedIds).toEqual(expect.arrayContaining([li.id, senior.id, supervisor.id]));
    expect(events[2].payload.priority).toEqual({ from: 'normal', to: 'high' });
    const [row] = await stack.api.database.db.query(`SELECT owner_id, escalation_level, priority FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row).toEqual({ owner_id: null, escalation_level: 3, priority: 'high' });
    const watchers = await stack.api.database.db.query(`SELECT agent_id FROM ticket_watchers WHERE ticket_id = $1`, [ticket.id]);
    expect(watchers.map((w: { agent_id: string }) => w.agent_id)).toEqual(expect.arrayContaining([senior.id, supervisor.id]));
    // The agents heard about it by email, each notice once.
    await eventually(() => stack.smtp.to(supervisor.email).filter((m) => m.subject.includes(ticket.code)).length >= 2, 10_000, 'escalation emails');
    const toLi = stack.smtp.to(li.email).filter((m) => m.subject.includes(ticket.code));
    expect(new Set(toLi.map((m) => m.messageId)).size).toBe(toLi.length);
  });

  it('claiming in time cancels the first-response timers; the owner is reminded once when the promised update is missed', async () => {
    const ticket = await f.customerTicket();
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const reminder = await eventually(async () => (await slaEvents(ticket.id)).find((e) => e.type === 'update_reminder'), 10_000, 'the update reminder');
    expect(reminder.payload).toMatchObject({ ownerId: li.id });
    await new Promise((r) => setTimeout(r, (FIRST_RESPONSE_S * 1.5 + 1) * 1000));
    const events = await slaEvents(ticket.id);
    expect(events.filter((e) => e.payload.target === 'first_response')).toEqual([]);
    expect(events.filter((e) => e.type === 'update_reminder')).toHaveLength(1);
    // A reply moves the promise: the next reminder is for the new due time.
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'On it', visibility: 'public' }).expect(201);
    await eventually(async () => (await slaEvents(ticket.id)).filter((e) => e.type === 'update_reminder').length === 2, 10_000, 'a second reminder');
  });

  it('a timer delivered several times (duplicate jobs on both workers) escalates once', async () => {
    const ticket = await f.customerTicket();
    const [{ first_response_due_at: dueAt }] = await stack.api.database.db.query(`SELECT first_response_due_at FROM tickets WHERE id = $1`, [ticket.id]);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.SlaTimers, { connection, prefix: stack.queuePrefix });
    try {
      const data = { ticketId: ticket.id, target: 'first_response' as const, stage: 'breach' as const, dueAt: dueAt.toISOString() };
      const delay = Math.max(0, dueAt.getTime() - Date.now());
      await queue.addBulk(Array.from({ length: 6 }, (_, i) => ({ name: JobName.SlaThresholdReached, data, opts: { jobId: `duplicate-${ticket.id}-${i}`, delay } })));
      await eventually(async () => (await firstResponseEvents(ticket.id)).length >= 3, 15_000, 'the thresholds');
      await new Promise((r) => setTimeout(r, 1000));
      const breaches = (await firstResponseEvents(ticket.id)).filter((e) => e.payload.stage === 'breach');
      expect(breaches).toHaveLength(1);
      const [{ n }] = await stack.api.database.db.query(`SELECT count(*)::int AS n FROM sla_escalations WHERE ticket_id = $1 AND stage = 'breach'`, [ticket.id]);
      expect(n).toBe(1);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('a burst of thresholds due at the same instant, each job twice on two workers, is applied once per ticket, none lost', async () => {
    const tickets = await Promise.all(Array.from({ length: 24 }, () => f.customerTicket()));
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.SlaTimers, { connection, prefix: stack.queuePrefix });
    try {
      // Every ticket's breach job twice, all due at the same instant once the last of them is due: batches
      // on both workers mix thresholds to apply, duplicates of them, and ones the tickets' own timers took.
      const rows: Array<{ id: string; first_response_due_at: Date }> = await stack.api.database.db.query(
        `SELECT id, first_response_due_at FROM tickets WHERE id = ANY($1::uuid[])`,
        [tickets.map((t) => t.id)],
      );
      const burstAt = Math.max(...rows.map((r) => r.first_response_due_at.getTime()));
      const jobs = rows.flatMap((row) =>
        [0, 1].map((copy) => ({
          name: JobName.SlaThresholdReached,
          data: { ticketId: row.id, target: 'first_response' as const, stage: 'breach' as const, dueAt: row.first_response_due_at.toISOString() },
          opts: { jobId: `burst-${row.id}-${copy}`, delay: Math.max(0, burstAt - Date.now()) },
        })),
      );
      await queue.addBulk(jobs);
      await eventually(async () => {
        const [{ n }] = await stack.api.database.db.query(
          `SELECT count(DISTINCT ticket_id)::int AS n FROM sla_escalations WHERE ticket_id = ANY($1::uuid[]) AND stage = 'breach'`,
          [tickets.map((t) => t.id)],
        );
        return n === tickets.length;
      }, 15_000, 'every ticket of the burst breached');
      await new Promise((r) => setTimeout(r, 1000));
      for (const ticket of tickets) {
        const breaches = (await firstResponseEvents(ticket.id)).filter((e) => e.payload.stage === 'breach');
        expect(breaches).toHaveLength(1);
      }
      const [{ n }] = await stack.api.database.db.query(`SELECT count(*)::int AS n FROM sla_escalations WHERE ticket_id = ANY($1::uuid[]) AND stage = 'breach'`, [tickets.map((t) => t.id)]);
      expect(n).toBe(tickets.length);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it('Redis flushed (every timer lost): the sweepers still escalate each overdue ticket, each threshold once', async () => {
    const tickets = await Promise.all(Array.from({ length: 5 }, () => f.customerTicket()));
    // Let the worker schedule their timers (it does so when it handles the opening event), then make
    // Redis forget everything. Only the opening events count: the thresholds' own events keep coming
    // on these 3 s clocks, and one whose job failed waits a minute for its next hand-over.
    await eventually(async () => {
      const [{ n }] = await stack.api.database.db.query(
        `SELECT count(*)::int AS n FROM job_outbox o JOIN ticket_events e ON e.id = o.event_id WHERE e.ticket_id = ANY($1::uuid[]) AND e.type = 'created'`,
        [tickets.map((t) => t.id)],
      );
      return n === 0;
    }, 20_000, 'the opening events handed over and handled');
    const admin = new Redis(redis.url);
    await admin.flushall();
    admin.disconnect();
    for (const ticket of tickets) {
      await eventually(async () => (await firstResponseEvents(ticket.id)).length >= 3, 20_000, `thresholds of ${ticket.code}`);
    }
    await new Promise((r) => setTimeout(r, 1500));
    for (const ticket of tickets) {
      const events = await firstResponseEvents(ticket.id);
      expect(events.map((e) => e.payload.stage ?? 'warning')).toEqual(['warning', 'breach', 'critical']);
    }
  });

  it("the worker's escalations reach the supervisors' screens live: the event and the figures it moved", async () => {
    const gateway = await startAppProcess('gateway', {
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: stack.api.database.url,
      REDIS_URL: redis.url,
      QUEUE_PREFIX: stack.queuePrefix,
      FIRSTHAND_SECRET: TEST_SECRET,
      GATEWAY_PORT: '0',
    });
    const watcher = await LiveClient.connect(`http://127.0.0.1:${gateway.port}/supervisors`, { token: supervisor.token });
    const teamAgent = await LiveClient.connect(`http://127.0.0.1:${gateway.port}/agents`, { token: li.token });
    try {
      const ticket = await f.customerTicket();
      const breach = await watcher.until<LiveTicketEvent>('ticket.event', (events) => events.some((e) => e.ticketId === ticket.id && e.type === 'sla_escalated'), 15_000);
      const escalated = breach.find((e) => e.ticketId === ticket.id && e.type === 'sla_escalated')!;
      expect(escalated.payload).toMatchObject({ stage: 'breach', toLevel: 2 });
      // The figures pushed after it count the ticket as breaching now.
      const pushes = await watcher.until<SupervisorLiveMetrics>(
        'metrics.changed',
        (figures) => figures.some((m) => m.breachingNow.tickets.some((t) => t.id === ticket.id)),
        10_000,
      );
      expect(pushes.length).toBeGreaterThan(0);
      // The team's agents hear it as a queue change, so a view of breaching tickets counts it at once.
      await teamAgent.until<QueueChange>('queue.changed', (changes) => changes.some((c) => c.ticketId === ticket.id && c.change === 'breached'), 10_000);
      // Their notices say which target and which stage, so the console words the breach and the 150% stage apart.
      const notices = await teamAgent.until<AgentNotification>('notification', (all) => all.filter((n) => n.ticketId === ticket.id).length >= 3, 10_000);
      expect(notices.filter((n) => n.ticketId === ticket.id).sort((a, b) => a.seq - b.seq).map((n) => n.sla)).toEqual(
        ['warning', 'breach', 'critical'].map((stage) => ({ target: 'first_response', stage })),
      );
    } finally {
      teamAgent.close();
      watcher.close();
      await gateway.stop();
    }
  });
});

/**
 * Two jobs of one ticket's changes, racing, can leave its timers as the older change wanted them: the
 * right timer removed, one for a due time the ticket no longer has in its place. The wrong one fires
 * stale; the ticket's timers are then set again from the ticket as it is, so the right one still fires
 * on time, long before the sweeper (here every 10 minutes) would have found it.
 */
describe('SLA timers left behind by racing jobs', () => {
  let redis: OwnRedis;
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;

  beforeAll(async () => {
    redis = await OwnRedis.start();
    stack = await startWorkerStack({ redis, workers: 1, env: { WORKER_SWEEP_EVERY_SECONDS: '600' } });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Na');
    await stack.api.database.db.query(
      `UPDATE sla_policies SET first_response_seconds = 3600, update_cadence_seconds = $1, resolution_seconds = 7200 WHERE priority = 'normal' AND tier = 'standard'`,
      [CADENCE_S],
    );
  });
  afterAll(async () => {
    await stack?.close();
    await redis?.remove();
  });

  it("a ticket is timed for its next moment only; when that fires, the next one is timed and fires on time", async () => {
    await stack.api.database.db.query(`UPDATE sla_policies SET first_response_seconds = 6 WHERE priority = 'normal' AND tier = 'standard'`);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.SlaTimers, { connection, prefix: stack.queuePrefix });
    try {
      const ticket = await f.customerTicket();
      const [{ created_at: createdAt }] = await stack.api.database.db.query(`SELECT created_at FROM tickets WHERE id = $1`, [ticket.id]);
      const timers = async () => (await queue.getDelayed()).filter((job) => job.data.ticketId === ticket.id).map((job) => `${job.data.target}:${job.data.stage}`);
      // Warning at 4.8 s, breach at 6 s, critical at 9 s; the resolution's stages hours away: one timer.
      await eventually(async () => (await timers()).length > 0, 4_000, "the new ticket's timer");
      expect(await timers()).toEqual(['first_response:warning']);
      const stagesAt = async (stage: string) =>
        (await stack.api.database.db.query(`SELECT created_at FROM ticket_events WHERE ticket_id = $1 AND type IN ('sla_warning', 'sla_escalated') AND payload->>'target' = 'first_response' AND coalesce(payload->>'stage', 'warning') = $2`, [ticket.id, stage]))[0];
      const warned = await eventually(() => stagesAt('warning'), 8_000, 'the warning');
      await eventually(async () => (await timers()).join() === 'first_response:breach', 2_000, "the breach's timer, set when the warning fired");
      const breached = await eventually(() => stagesAt('breach'), 6_000, 'the breach');
      await eventually(async () => (await timers()).join() === 'first_response:critical', 2_000, "the critical stage's timer");
      const critical = await eventually(() => stagesAt('critical'), 8_000, 'the critical stage');
      [[warned, 0.8], [breached, 1], [critical, 1.5]].forEach(([event, share]) => {
        const lateness = (event as { created_at: Date }).created_at.getTime() - (createdAt.getTime() + (share as number) * 6_000);
        expect(lateness).toBeGreaterThanOrEqual(-5);
        expect(lateness).toBeLessThan(3_000);
      });
    } finally {
      await stack.api.database.db.query(`UPDATE sla_policies SET first_response_seconds = 3600 WHERE priority = 'normal' AND tier = 'standard'`);
      await queue.close();
      connection.disconnect();
    }
  });

  it('a later stage whose timer runs first carries the earlier due ones: warned, escalated, critical, in that order, each once', async () => {
    const ticket = await f.customerTicket();
    // Its clock moved two hours back (its own timer, for the old due time, now fires stale): the
    // warning, the breach and the critical stage are all due, and only the critical stage's job runs.
    const [[{ first_response_due_at: dueAt }]] = await stack.api.database.db.query(
      `UPDATE tickets SET created_at = created_at - interval '2 hours', first_response_due_at = first_response_due_at - interval '2 hours' WHERE id = $1 RETURNING first_response_due_at`,
      [ticket.id],
    );
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.SlaTimers, { connection, prefix: stack.queuePrefix });
    try {
      await queue.add(JobName.SlaThresholdReached, { ticketId: ticket.id, target: 'first_response', stage: 'critical', dueAt: dueAt.toISOString() }, { jobId: `late-${ticket.id}` });
      const staged = async () =>
        stack.api.database.db.query(
          `SELECT e.seq, coalesce(e.payload->>'stage', 'warning') AS stage, (e.payload->>'toLevel')::int AS level, x.event_seq
             FROM ticket_events e LEFT JOIN sla_escalations x ON x.ticket_id = e.ticket_id AND x.target = 'first_response' AND x.stage = coalesce(e.payload->>'stage', 'warning')
            WHERE e.ticket_id = $1 AND e.type IN ('sla_warning', 'sla_escalated') ORDER BY e.seq`,
          [ticket.id],
        );
      await eventually(async () => (await staged()).length >= 3, 10_000, 'the three stages');
      await new Promise((r) => setTimeout(r, 500)); // long enough for a late duplicate to show
      const rows: Array<{ seq: number; stage: string; level: number; event_seq: number }> = await staged();
      expect(rows.map((r) => [r.stage, r.level])).toEqual([
        ['warning', 1],
        ['breach', 2],
        ['critical', 3],
      ]);
      // One after another, each ledger row naming its own event.
      expect(rows.map((r) => r.seq - rows[0].seq)).toEqual([0, 1, 2]);
      for (const row of rows) expect(row.event_seq).toBe(row.seq);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });

  it("a stale timer sets the ticket's timers again: the promised update's reminder still comes on time", async () => {
    const ticket = await f.customerTicket();
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const [{ next_update_due_at: due }] = await stack.api.database.db.query(`SELECT next_update_due_at FROM tickets WHERE id = $1`, [ticket.id]);
    const connection = new Redis(redis.url, { maxRetriesPerRequest: null });
    const queue = new Queue(QueueName.SlaTimers, { connection, prefix: stack.queuePrefix });
    try {
      const ours = async () => (await queue.getDelayed()).filter((job) => job.data.ticketId === ticket.id);
      await eventually(async () => (await ours()).some((job) => job.data.target === 'next_update'), 10_000, "the reminder's timer");
      // What the older job leaves: the right timers gone, the set naming only a timer for a due time the ticket no longer has.
      for (const job of await ours()) await job.remove();
      const staleDue = new Date(due.getTime() - 3_600_000).toISOString();
      const stale = await queue.add(JobName.SlaThresholdReached, { ticketId: ticket.id, target: 'next_update', stage: 'reminder', dueAt: staleDue }, { jobId: `stale-${ticket.id}`, delay: 300 });
      await connection.del(`${stack.queuePrefix}:sla-timers:${ticket.id}`);
      await connection.sadd(`${stack.queuePrefix}:sla-timers:${ticket.id}`, stale.id!);
      const reminder = await eventually(
        async () => (await stack.api.database.db.query(`SELECT created_at FROM ticket_events WHERE ticket_id = $1 AND type = 'update_reminder'`, [ticket.id]))[0],
        CADENCE_S * 1000 + 8_000,
        'the reminder',
      );
      expect(reminder.created_at.getTime()).toBeGreaterThanOrEqual(due.getTime());
      expect(reminder.created_at.getTime() - due.getTime()).toBeLessThan(5_000);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  });
});
