import { MIGRATIONS } from '@firsthand/persistence';
import bcrypt from 'bcryptjs';
import request from 'supertest';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { createTestDatabase, RELAXED_LIMITS, TEST_SECRET, testServices, type TestDatabase } from '../support/test-services.js';

const PASSWORD = 'race-password-1';

/** Two real API processes on one database: ownership must be decided by PostgreSQL, not process memory. */
describe('several API processes sharing one database', () => {
  let database: TestDatabase;
  let apis: AppProcess[];
  let agents: Array<{ id: string; name: string; token: string }>;
  const env = () => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    DATABASE_POOL_SIZE: '30',
    REDIS_URL: testServices().redisUrl,
    FIRSTHAND_SECRET: TEST_SECRET,
    ...RELAXED_LIMITS,
    API_PORT: '0',
    FIRSTHAND_RUN_MIGRATIONS: 'false',
  });
  const http = (i: number) => request(`http://127.0.0.1:${apis[i % apis.length].port}`);

  beforeAll(async () => {
    database = await createTestDatabase();
    const started = await Promise.allSettled([startAppProcess('api', env()), startAppProcess('api', env())]);
    apis = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    if (apis.length !== started.length) throw new Error('an API process did not start');
    const [team] = await database.db.query(`INSERT INTO teams (name, is_default) VALUES ('Front Desk', true) RETURNING id`);
    const hash = bcrypt.hashSync(PASSWORD, 4);
    agents = [];
    for (let i = 0; i < 50; i++) {
      const email = `racer${i}@firsthand.test`;
      const [row] = await database.db.query(
        `INSERT INTO agents (name, email, password_hash, role, team_id) VALUES ($1, $2, $3, 'agent', $4) RETURNING id`,
        [`Racer ${i}`, email, hash, team.id],
      );
      // Each agent signs in on the process it will claim through: tokens work on every process.
      const login = await http(i).post('/api/auth/login').send({ email, password: PASSWORD }).expect(200);
      agents.push({ id: row.id, name: `Racer ${i}`, token: login.body.accessToken });
    }
  });

  afterAll(async () => {
    await Promise.all((apis ?? []).map((p) => p.stop()));
    await database?.drop();
  });

  it('50 agents claim one ticket at once across two processes: one 200, 49 409 naming the winner', async () => {
    const opened = await http(0).post('/api/tickets').send({ subject: 'Parcel lost', description: 'Nothing arrived', customer: { name: 'Ana', email: 'ana@example.com' } }).expect(201);
    const results = await Promise.all(agents.map((a, i) => http(i).post(`/api/tickets/${opened.body.id}/claim`).set('Authorization', `Bearer ${a.token}`)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    const winner = results.find((r) => r.status === 200)!.body.ticket.owner;
    for (const r of results.filter((x) => x.status === 409)) expect(r.body).toMatchObject({ ownerId: winner.id, ownerName: winner.name });
    // Both processes answered some of the losers.
    const [row] = await database.db.query(`SELECT owner_id, first_responder_id FROM tickets WHERE id = $1`, [opened.body.id]);
    expect(row).toEqual({ owner_id: winner.id, first_responder_id: winner.id });
    const claimed = await database.db.query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'claimed'`, [opened.body.id]);
    expect(claimed[0].n).toBe(1);
  });

  it('concurrent writers through both processes leave a gapless seq', async () => {
    const opened = await http(1).post('/api/tickets').send({ subject: 'Refund', description: 'Where is it', customer: { name: 'Bo', email: 'bo@example.com' } }).expect(201);
    const owner = agents[0];
    await http(0).post(`/api/tickets/${opened.body.id}/claim`).set('Authorization', `Bearer ${owner.token}`).expect(200);
    const writes = agents.slice(0, 40).map((a, i) =>
      http(i).post(`/api/tickets/${opened.body.id}/messages`).set('Authorization', `Bearer ${a.token}`).send({ body: `note ${i}`, visibility: 'internal' }),
    );
    const customerWrites = Array.from({ length: 10 }, (_, i) =>
      http(i).post(`/api/track/${opened.body.code}/messages`).set('X-Tracking-Token', opened.body.trackingToken).send({ body: `customer ${i}` }),
    );
    const results = await Promise.all([...writes, ...customerWrites]);
    expect(results.every((r) => r.status === 201)).toBe(true);
    const rows = await database.db.query(`SELECT seq FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [opened.body.id]);
    expect(rows.map((r: { seq: number }) => r.seq)).toEqual(Array.from({ length: 52 }, (_, i) => i + 1));
  });
});

describe('API replicas starting together on an empty database', () => {
  it('take turns on the migration lock: both start, each migration applied once', async () => {
    const database = await createTestDatabase({ migrate: false });
    const env = { NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: database.url, REDIS_URL: testServices().redisUrl, FIRSTHAND_SECRET: TEST_SECRET, API_PORT: '0', FIRSTHAND_RUN_MIGRATIONS: 'true' };
    const started = await Promise.allSettled([startAppProcess('api', env), startAppProcess('api', env), startAppProcess('api', env)]);
    const apis = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(started.filter((s) => s.status === 'rejected').map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
      const rows = await database.db.query(`SELECT name FROM migrations`);
      expect(rows.map((r: { name: string }) => r.name).sort()).toEqual(MIGRATIONS.map((m) => m.name).sort());
      await request(`http://127.0.0.1:${apis[2].port}`).get('/health/ready').expect(200);
    } finally {
      await Promise.all(apis.map((a) => a.stop()));
      await database.drop();
    }
  });
});

describe('worker and gateway processes', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(() => database.drop());

  const env = (extra: Record<string, string> = {}) => ({
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    DATABASE_URL: database.url,
    REDIS_URL: `${testServices().redisUrl}/3`,
    FIRSTHAND_SECRET: TEST_SECRET,
    GATEWAY_PORT: '0',
    ...extra,
  });

  it('the worker closes resolutions whose reopen window has passed, once, through its BullMQ schedule', async () => {
    const [customer] = await database.db.query(`INSERT INTO customers (name, email) VALUES ('Cy', 'cy@example.com') RETURNING id`);
    const [agent] = await database.db.query(`INSERT INTO agents (name, email, password_hash, role) VALUES ('Li', 'li@x.test', 'x', 'agent') RETURNING id`);
    const insert = (code: string, resolvedDaysAgo: number) =>
      database.db.query(
        `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, customer_id,
           owner_id, first_responder_id, resolved_at, last_seq)
         VALUES ($1, 'h', 's', 'd', 'web', 'question', 'normal', 'standard', 'resolved', $2, $3, $3, now() - make_interval(days => $4), 0)
         RETURNING id`,
        [code, customer.id, agent.id, resolvedDaysAgo],
      );
    const [[settled], [recent]] = [await insert('FH-AAAA1', 8), await insert('FH-AAAA2', 2)];
    const started = await Promise.allSettled([
      startAppProcess('worker', env({ WORKER_AUTO_CLOSE_EVERY_SECONDS: '1' })),
      startAppProcess('worker', env({ WORKER_AUTO_CLOSE_EVERY_SECONDS: '1' })),
    ]);
    const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
    try {
      expect(workers).toHaveLength(2);
      const deadline = Date.now() + 15_000;
      let status = 'resolved';
      while (status !== 'closed' && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 250));
        [{ status }] = await database.db.query(`SELECT status FROM tickets WHERE id = $1`, [settled.id]);
      }
      expect(status).toBe('closed');
      await new Promise((r) => setTimeout(r, 2500)); // more scheduled runs, on both workers
      const events = await database.db.query(`SELECT seq, type, payload FROM ticket_events WHERE ticket_id = $1`, [settled.id]);
      expect(events).toEqual([{ seq: 1, type: 'status_changed', payload: { from: 'resolved', to: 'closed' } }]);
      const [still] = await database.db.query(`SELECT status FROM tickets WHERE id = $1`, [recent.id]);
      expect(still.status).toBe('resolved');
    } finally {
      const exits = await Promise.all(workers.map((w) => w.stop()));
      for (const exit of exits) expect(exit.forced).toBe(false);
    }
  });

  it('the gateway starts on its Redis adapter, answers health, and stops cleanly on SIGTERM', async () => {
    const gateway = await startAppProcess('gateway', env());
    await request(`http://127.0.0.1:${gateway.port}`).get('/health/ready').expect(200);
    const exit = await gateway.stop();
    expect(exit.forced).toBe(false);
    expect(exit.code === 0 || exit.signal === 'SIGTERM').toBe(true);
  });
});
