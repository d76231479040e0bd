import { randomUUID } from 'node:crypto';
import { buildDataSourceOptions, NotificationStore, runRetriedTransaction, type PlannedNotification } from '@firsthand/persistence';
import { DataSource } from 'typeorm';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { createTestDatabase, type TestDatabase } from '../support/test-services.js';

/** Deadlocks PostgreSQL detected in a database since it was created. */
async function deadlocksIn(db: DataSource): Promise<number> {
  const [row] = await db.query(`SELECT deadlocks::int AS n FROM pg_stat_database WHERE datname = current_database()`);
  return row.n;
}

describe('a transaction PostgreSQL aborts for a deadlock or a serialization failure is run again', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    await database.db.query(`CREATE TABLE counters (id int PRIMARY KEY, n int NOT NULL)`);
  });
  afterAll(() => database.drop());

  /** Two transactions locking rows 1 and 2 in opposite order, each waiting until the other holds its first row: one is a deadlock victim. */
  async function collide(attempts: number) {
    await database.db.query(`TRUNCATE counters; INSERT INTO counters VALUES (1, 0), (2, 0)`);
    const runs = { a: 0, b: 0 };
    const firstHeld: Record<'a' | 'b', () => void> = { a: () => undefined, b: () => undefined };
    const held = { a: new Promise<void>((r) => (firstHeld.a = r)), b: new Promise<void>((r) => (firstHeld.b = r)) };
    const transfer = (name: 'a' | 'b', first: number, second: number, other: 'a' | 'b') =>
      runRetriedTransaction(
        database.db,
        async (tx) => {
          runs[name]++;
          await tx.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [first]);
          // Only the first run waits for the other: the retry must get through on its own.
          if (runs[name] === 1) {
            firstHeld[name]();
            await held[other];
          }
          await tx.query(`UPDATE counters SET n = n + 1 WHERE id = $1`, [second]);
        },
        { attempts },
      );
    const outcomes = await Promise.allSettled([transfer('a', 1, 2, 'b'), transfer('b', 2, 1, 'a')]);
    const rows: Array<{ id: number; n: number }> = await database.db.query(`SELECT id, n FROM counters ORDER BY id`);
    return { outcomes, runs, rows };
  }

  it('without a retry the victim fails with 40P01 (the collision is real)', async () => {
    const { outcomes, rows } = await collide(1);
    const failed = outcomes.filter((o) => o.status === 'rejected');
    expect(failed).toHaveLength(1);
    expect(((failed[0] as PromiseRejectedResult).reason as { code?: string }).code).toBe('40P01');
    expect(rows).toEqual([{ id: 1, n: 1 }, { id: 2, n: 1 }]);
  }, 20_000);

  it('with the retry both commit: the victim ran twice and nothing of its aborted run stayed', async () => {
    const { outcomes, runs, rows } = await collide(3);
    expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(runs.a + runs.b).toBe(3);
    expect(rows).toEqual([{ id: 1, n: 2 }, { id: 2, n: 2 }]);
  }, 20_000);

  /**
   * A SERIALIZABLE transaction reads row 1, another session then commits a change to it, and the
   * transaction's own UPDATE of that row is refused by PostgreSQL with 40001 ("could not serialize
   * access due to concurrent update"). The other session interferes with the first `interfering` runs.
   */
  async function serializationConflict(attempts: number, interfering: number) {
    await database.db.query(`TRUNCATE counters; INSERT INTO counters VALUES (1, 0)`);
    let runs = 0;
    const retried: unknown[] = [];
    const outcome = await runRetriedTransaction(
      database.db,
      async (tx) => {
        runs++;
        await tx.query(`SET TRANSACTION ISOLATION LEVEL SERIALIZABLE`);
        const [{ n }] = await tx.query(`SELECT n FROM counters WHERE id = 1`);
        if (runs <= interfering) await database.db.query(`UPDATE counters SET n = n + 100 WHERE id = 1`);
        await tx.query(`UPDATE counters SET n = $1 WHERE id = 1`, [n + 1]);
      },
      { attempts, onRetry: (error) => retried.push((error as { code?: string }).code) },
    ).then(
      () => ({ status: 'committed' as const }),
      (error: { code?: string }) => ({ status: 'failed' as const, code: error.code }),
    );
    const [{ n }] = await database.db.query(`SELECT n FROM counters WHERE id = 1`);
    return { outcome, runs, retried, n };
  }

  it('a serialization failure (40001) is run again and commits, reading what the other session committed', async () => {
    expect(await serializationConflict(3, 1)).toEqual({ outcome: { status: 'committed' }, runs: 2, retried: ['40001'], n: 101 });
  });

  it('after the last attempt the serialization failure reaches the caller, and none of the runs stayed', async () => {
    expect(await serializationConflict(3, 3)).toEqual({ outcome: { status: 'failed', code: '40001' }, runs: 3, retried: ['40001', '40001'], n: 300 });
  });

  it('other errors are not retried', async () => {
    let runs = 0;
    await expect(
      runRetriedTransaction(database.db, async (tx) => {
        runs++;
        await tx.query(`SELECT 1/0`);
      }),
    ).rejects.toMatchObject({ code: '22012' });
    expect(runs).toBe(1);
  });
});

/**
 * Issue 13: an agent's first reply (claim + reply: the second UPDATE of the row its transaction
 * already changed checks the ticket's foreign keys, a KEY SHARE lock on the customer) against the
 * worker planning the customer's notifications (the customer's row locked for the SMS budget, then
 * notifications inserted, a KEY SHARE lock on the ticket) deadlocked and the reply answered 500.
 */
describe('API replies and the worker planning notifications at once', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agents: TestAgent[];
  let worker: DataSource;

  beforeAll(async () => {
    api = await startApi({ DATABASE_POOL_SIZE: '12' });
    worker = new DataSource(buildDataSourceOptions(api.database.url, 24, 'worker-planning'));
    await worker.initialize();
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    agents = [];
    for (let i = 0; i < 6; i++) agents.push(await f.agent('agent', team, `Replier ${i}`));
  });
  afterAll(async () => {
    await worker?.destroy();
    await api?.close();
  });

  it('no reply fails, no planning fails, and PostgreSQL saw no deadlock', async () => {
    const notifications = new NotificationStore(worker);
    const tickets: Array<{ id: string; eventId: string; customerId: string }> = [];
    for (let i = 0; i < 24; i++) {
      const t = await f.customerTicket({}, { name: `Zhou Min ${i}`, phone: `+86138000001${String(i).padStart(2, '0')}` });
      const [row] = await api.database.db.query(`SELECT t.customer_id, e.id AS event_id FROM tickets t JOIN ticket_events e ON e.ticket_id = t.id AND e.seq = 1 WHERE t.id = $1`, [t.id]);
      tickets.push({ id: t.id, eventId: String(row.event_id), customerId: row.customer_id });
    }
    const before = await deadlocksIn(api.database.db);
    const plan = (t: (typeof tickets)[number]) => {
      const build = (): PlannedNotification[] => [
        {
          id: randomUUID(), dedupeKey: `${t.eventId}:customer:${randomUUID()}:sms`, ticketId: t.id, eventId: t.eventId, kind: 'agent_replied',
          recipientType: 'customer', recipientId: t.customerId, recipientName: 'Zhou Min', channel: 'sms', address: '+8613800000042', locale: 'en',
          subject: '', textBody: 'hello', htmlBody: null, payload: null, status: 'suppressed', lastError: 'test', maxAttempts: 3,
        },
      ];
      return notifications.planCountingSms({ id: t.eventId, ticketId: t.id }, t.customerId, { number: '+8613800000042', prefix: '+86' }, new Date(Date.now() - 3_600_000), build, { leaseMs: 60_000, worker: 'w', now: new Date() });
    };
    let planCount = 0;
    // The worker plans for the ticket's customer over and over while the agent's first reply (which claims) is under way.
    const replyWithPlanning = async (t: (typeof tickets)[number], i: number) => {
      let answered = false;
      const reply = api.http
        .post(`/api/tickets/${t.id}/messages`)
        .set(agents[i % agents.length].auth)
        .send({ body: `Answer ${i}`, visibility: 'public' })
        .then((r) => ((answered = true), r));
      const planning = (async () => {
        const outcomes: Array<PromiseSettledResult<unknown>> = [];
        for (let n = 0; n < 30 && !answered; n++) {
          planCount++;
          outcomes.push(...(await Promise.allSettled([plan(t)])));
        }
        return outcomes;
      })();
      return Promise.all([reply, planning]);
    };
    const results = await Promise.all(tickets.map(replyWithPlanning));
    const answers = results.map(([r]) => r);
    const planned = results.flatMap(([, p]) => p);
    expect(answers.map((r) => r.status).filter((s) => s !== 201)).toEqual([]);
    expect(planned.filter((p) => p.status === 'rejected')).toEqual([]);
    // The locks no longer form a cycle: not merely retried, never deadlocked.
    expect((await deadlocksIn(api.database.db)) - before).toBe(0);
    const [{ n }] = await api.database.db.query(`SELECT count(*)::int AS n FROM notifications WHERE ticket_id = ANY($1::uuid[])`, [tickets.map((t) => t.id)]);
    expect(n).toBe(planCount);
  }, 60_000);

  it('sends finished at once are recorded together, each as its own: sent, with its receipt, its attempt closed; a stale attempt changes nothing', async () => {
    // Two workers (two stores, two pools), each recording 40 accepted sends at once.
    const other = new DataSource(buildDataSourceOptions(api.database.url, 4, 'worker-two'));
    await other.initialize();
    try {
      const t = await f.customerTicket();
      const ids = Array.from({ length: 80 }, () => randomUUID());
      for (const id of ids) {
        await api.database.db.query(
          `INSERT INTO notifications (id, dedupe_key, ticket_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, attempts, max_attempts)
           VALUES ($1, $3, $2, 'agent_replied', 'customer', 'Zhou Min', 'email', 'zhou@example.com', 'en', 'hello', 'sending', 2, 5)`,
          [id, t.id, `mark-${id}`],
        );
        await api.database.db.query(`INSERT INTO notification_attempts (notification_id, attempt, worker, started_at) VALUES ($1, 1, 'w', now()), ($1, 2, 'w', now())`, [id]);
      }
      const stores = [new NotificationStore(worker), new NotificationStore(other)];
      const at = new Date('2026-12-04T10:00:00Z');
      const marks = ids.map((id, i) =>
        stores[i % 2].markSent(id, i === 7 ? 1 : 2, { providerMessageId: `<${id}@mail.test>`, responseCode: 250 }, new Date(at.getTime() + i * 1000)),
      );
      await Promise.all(marks);
      const rows = await api.database.db.query(
        `SELECT n.id, n.status, n.provider_message_id, n.sent_at, n.lease_until, a.outcome, a.response_code, a.finished_at
           FROM notifications n JOIN notification_attempts a ON a.notification_id = n.id AND a.attempt = 2 WHERE n.id = ANY($1::uuid[])`,
        [ids],
      );
      type Recorded = { id: string; status: string; provider_message_id: string | null; sent_at: Date; finished_at: Date };
      const byId = new Map((rows as Recorded[]).map((r) => [r.id, r]));
      ids.forEach((id, i) => {
        const row = byId.get(id)!;
        if (i === 7) {
          // Recorded against attempt 1 while attempt 2 runs: the notification stays with attempt 2.
          expect(row).toMatchObject({ status: 'sending', provider_message_id: null, outcome: null });
        } else {
          expect(row).toMatchObject({ status: 'sent', provider_message_id: `<${id}@mail.test>`, lease_until: null, outcome: 'sent', response_code: 250 });
          expect([row.sent_at.getTime(), row.finished_at.getTime()]).toEqual([at.getTime() + i * 1000, at.getTime() + i * 1000]);
        }
      });
    } finally {
      await other.destroy();
    }
  });
});
