import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { testConfig } from '../support/test-services.js';

describe('auth, roles and agent management', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let admin: { auth: { Authorization: string }; id: string };
  let supervisor: TestAgent;
  let agent: TestAgent;

  beforeAll(async () => {
    api = await startApi({ FIRSTHAND_ADMIN_EMAIL: 'root@firsthand.test', FIRSTHAND_ADMIN_PASSWORD: 'admin-password-1' });
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    const login = await api.http.post('/api/auth/login').send({ email: 'root@firsthand.test', password: 'admin-password-1' }).expect(200);
    admin = { auth: { Authorization: `Bearer ${login.body.accessToken}` }, id: login.body.agent.id };
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    agent = await f.agent('agent', team, 'Li Wei');
  });
  afterAll(() => api.close());

  it('creates the bootstrap admin on first start, with a hashed password', async () => {
    const [row] = await api.database.db.query(`SELECT role, password_hash FROM agents WHERE email = 'root@firsthand.test'`);
    expect(row.role).toBe('admin');
    expect(row.password_hash).toMatch(/^\$2[aby]\$/);
  });

  it('a bootstrap admin password the agents\' rule refuses stops the start, naming the variable; no admin is created', async () => {
    for (const [password, why] of [['12345678', /FIRSTHAND_ADMIN_PASSWORD must be at least 12 characters/], ['Firsthand2024!', /FIRSTHAND_ADMIN_PASSWORD is too easy to guess/]] as const) {
      const env = { FIRSTHAND_RUN_MIGRATIONS: 'false', FIRSTHAND_ADMIN_EMAIL: 'weak@firsthand.test', FIRSTHAND_ADMIN_PASSWORD: password };
      await expect(createApiApp(testConfig(api.database.url, env))).rejects.toThrow(why);
    }
    expect(await api.database.db.query(`SELECT id FROM agents WHERE email = 'weak@firsthand.test'`)).toEqual([]);
  });

  it('refuses wrong passwords and unknown emails alike', async () => {
    const wrong = await api.http.post('/api/auth/login').send({ email: agent.email, password: 'nope-nope' }).expect(401);
    const unknown = await api.http.post('/api/auth/login').send({ email: 'ghost@firsthand.test', password: 'nope-nope' }).expect(401);
    expect(wrong.body.detail).toBe(unknown.body.detail);
    expect(wrong.headers['content-type']).toMatch(/problem\+json/);
  });

  it('protects agent routes: no token, a forged token and an expired signature are 401', async () => {
    await api.http.get('/api/tickets').expect(401);
    await api.http.get('/api/tickets').set('Authorization', 'Bearer abc.def.ghi').expect(401);
    const [h, p] = agent.token.split('.');
    await api.http.get('/api/tickets').set('Authorization', `Bearer ${h}.${p}.c2lnbmF0dXJl`).expect(401);
  });

  it('supervisors and admins manage agents; agents may not', async () => {
    await api.http.get('/api/agents').set(agent.auth).expect(403);
    const listed = await api.http.get('/api/agents').set(supervisor.auth).expect(200);
    expect(listed.body.items.map((a: { email: string }) => a.email)).toContain(agent.email);
    expect(JSON.stringify(listed.body)).not.toContain('password');

    const created = await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'New Hire', email: 'new.hire@firsthand.test', password: 'long-enough-1', role: 'agent', teamId: team }).expect(201);
    expect(created.body).toMatchObject({ name: 'New Hire', role: 'agent', teamId: team, active: true });
    await api.http.post('/api/auth/login').send({ email: 'NEW.HIRE@firsthand.test', password: 'long-enough-1' }).expect(200);
    await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Dup', email: 'new.hire@firsthand.test', password: 'long-enough-1', role: 'agent' }).expect(409);
    await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Boss', email: 'boss@firsthand.test', password: 'long-enough-1', role: 'admin' }).expect(403);
    await api.http.post('/api/agents').set(admin.auth).send({ name: 'Boss', email: 'boss@firsthand.test', password: 'long-enough-1', role: 'supervisor' }).expect(201);
    await api.http.post('/api/agents').set(agent.auth).send({ name: 'X', email: 'x@firsthand.test', password: 'long-enough-1', role: 'agent' }).expect(403);
  });

  it('refuses short and guessable passwords (NIST 800-63B) with a problem naming the field, storing nothing', async () => {
    const attempt = (password: string, name = 'Zhou Min', email = 'zhou.min@firsthand.test') =>
      api.http.post('/api/agents').set(supervisor.auth).send({ name, email, password, role: 'agent', teamId: team });
    const agentsBefore = await api.database.db.query(`SELECT count(*)::int AS n FROM agents`);
    // `refusal` and `warning` are stable codes a client words in its reader's language.
    const cases: Array<[string, RegExp, Record<string, unknown>]> = [
      ['12345678', /must be at least 12 characters/, { refusal: 'too-short', minLength: 12 }],
      ['password1234', /too easy to guess/, { refusal: 'guessable', warning: 'similarToCommon' }],
      ['qwertyuiop12', /too easy to guess/, { refusal: 'guessable' }],
      ['111111111111', /too easy to guess/, { refusal: 'guessable' }],
      ['helpdesk2024!', /too easy to guess/, { refusal: 'guessable' }], // the product's own words
    ];
    for (const [password, reason, codes] of cases) {
      const refused = await attempt(password).expect(422);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({ type: expect.stringContaining('weak-password'), status: 422, ...codes, errors: [{ field: 'password', messages: [expect.stringMatching(reason)] }] });
    }
    expect(await api.database.db.query(`SELECT count(*)::int AS n FROM agents`)).toEqual(agentsBefore);
    await api.http.post('/api/auth/login').send({ email: 'zhou.min@firsthand.test', password: '12345678' }).expect(401);

    // No composition rules: a few plain words are enough.
    await attempt('violet tractor nineteen').expect(201);
    await api.http.post('/api/auth/login').send({ email: 'zhou.min@firsthand.test', password: 'violet tractor nineteen' }).expect(200);
  });

  it('a disabled agent is locked out at once, even with a token issued before', async () => {
    const temp = await f.agent('agent', team, 'Temp Worker');
    await api.http.get('/api/tickets').set(temp.auth).expect(200);
    await api.http.patch(`/api/agents/${temp.id}`).set(supervisor.auth).send({ active: false }).expect(200);
    await api.http.get('/api/tickets').set(temp.auth).expect(401);
    await api.http.post('/api/auth/login').send({ email: temp.email, password: TEST_PASSWORD }).expect(401);
  });

  it('teams are listed for agents and created by supervisors', async () => {
    await api.http.post('/api/teams').set(agent.auth).send({ name: 'VIP Desk' }).expect(403);
    await api.http.post('/api/teams').set(supervisor.auth).send({ name: 'VIP Desk' }).expect(201);
    await api.http.post('/api/teams').set(supervisor.auth).send({ name: 'vip desk' }).expect(409);
    const teams = await api.http.get('/api/teams').set(agent.auth).expect(200);
    expect(teams.body.items.map((t: { name: string }) => t.name)).toEqual(['Front Desk', 'VIP Desk']);
  });
});

describe('SLA policies', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let admin: { Authorization: string };
  let supervisor: TestAgent;

  beforeAll(async () => {
    api = await startApi({ FIRSTHAND_ADMIN_EMAIL: 'root@firsthand.test', FIRSTHAND_ADMIN_PASSWORD: 'admin-password-1' });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    supervisor = await f.agent('supervisor', team);
    const login = await api.http.post('/api/auth/login').send({ email: 'root@firsthand.test', password: 'admin-password-1' }).expect(200);
    admin = { Authorization: `Bearer ${login.body.accessToken}` };
  });
  afterAll(() => api.close());

  it('lists the seeded defaults for every priority x tier, VIPs served faster', async () => {
    const res = await api.http.get('/api/sla-policies').set(supervisor.auth).expect(200);
    expect(res.body.items).toHaveLength(12);
    const normal = (tier: string) => res.body.items.find((p: { priority: string; tier: string }) => p.priority === 'normal' && p.tier === tier);
    expect(normal('vip').firstResponseMinutes).toBeLessThan(normal('standard').firstResponseMinutes);
  });

  it('supervisors and admins change a policy, agents may not; new tickets get the new targets, bad values change nothing', async () => {
    const targets = { firstResponseMinutes: 7, updateCadenceMinutes: 30, resolutionMinutes: 600 };
    const agent = await f.agent('agent', (await f.team('Policy Readers')));
    await api.http.put('/api/sla-policies/normal/standard').set(agent.auth).send(targets).expect(403);
    await api.http.put('/api/sla-policies/normal/standard').set(supervisor.auth).send({ ...targets, firstResponseMinutes: 8 }).expect(200);
    expect((await api.database.db.query(`SELECT first_response_seconds FROM sla_policies WHERE priority = 'normal' AND tier = 'standard'`))[0].first_response_seconds).toBe(480);
    await api.http.put('/api/sla-policies/normal/standard').set(admin).send(targets).expect(200);
    const before = await api.database.db.query(`SELECT * FROM sla_policies ORDER BY priority, tier`);
    await api.http.put('/api/sla-policies/normal/standard').set(admin).send({ ...targets, firstResponseMinutes: 601 }).expect(400);
    await api.http.put('/api/sla-policies/normal/gold').set(admin).send(targets).expect(400);
    await api.http.put('/api/sla-policies/normal/standard').set(admin).send({ ...targets, resolutionMinutes: 0 }).expect(400);
    expect(await api.database.db.query(`SELECT * FROM sla_policies ORDER BY priority, tier`)).toEqual(before);
    const ticket = await f.customerTicket({ kind: 'question' });
    const view = await api.http.get(`/api/tickets/${ticket.id}`).set(supervisor.auth).expect(200);
    expect(Date.parse(view.body.sla.firstResponseDueAt) - Date.parse(view.body.createdAt)).toBe(7 * 60_000);
    expect(Date.parse(view.body.sla.resolutionDueAt) - Date.parse(view.body.createdAt)).toBe(600 * 60_000);
  });

  it('targets may be fractions of a minute, kept to the second (short drills); under a second is refused', async () => {
    const res = await api.http
      .put('/api/sla-policies/high/vip')
      .set(admin)
      .send({ firstResponseMinutes: 0.05, updateCadenceMinutes: 0.5, resolutionMinutes: 1.5 })
      .expect(200);
    expect(res.body).toMatchObject({ firstResponseSeconds: 3, updateCadenceSeconds: 30, resolutionSeconds: 90, firstResponseMinutes: 0.05 });
    const refused = await api.http.put('/api/sla-policies/high/vip').set(admin).send({ firstResponseMinutes: 0.001, updateCadenceMinutes: 1, resolutionMinutes: 2 }).expect(400);
    expect(refused.body.errors).toEqual([{ field: 'firstResponseMinutes', messages: ['firstResponseMinutes must be at least one second (1/60 of a minute)'] }]);
    const [row] = await api.database.db.query(`SELECT first_response_seconds FROM sla_policies WHERE priority = 'high' AND tier = 'vip'`);
    expect(row.first_response_seconds).toBe(3);
  });
});
