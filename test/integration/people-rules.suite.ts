import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('people rules at the edge: refusals change nothing', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let admin: { auth: { Authorization: string }; id: string };
  let supervisor: TestAgent;
  let otherSupervisor: TestAgent;
  let agent: TestAgent;
  const agentsTable = () => api.database.db.query(`SELECT id, name, role, team_id, active FROM agents ORDER BY id`);
  const teamsTable = () => api.database.db.query(`SELECT id, name, is_default FROM teams ORDER BY id`);

  beforeAll(async () => {
    api = await startApi({
      FIRSTHAND_ADMIN_EMAIL: 'root@firsthand.test',
      FIRSTHAND_ADMIN_PASSWORD: 'admin-password-1',
      // The mail settings the workers would route by; the API reads them to keep the names they use.
      MAIL_ADDRESSES: JSON.stringify([{ address: 'help@brand-c.example', team: 'Brand C' }]),
      IMAP_MAILBOXES: JSON.stringify([{ name: 'brand-c', url: 'imaps://u:p@mail.brand-c.example/INBOX', team: 'brand c' }]),
    });
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    const login = await api.http.post('/api/auth/login').send({ email: 'root@firsthand.test', password: 'admin-password-1' }).expect(200);
    admin = { auth: { Authorization: `Bearer ${login.body.accessToken}` }, id: login.body.agent.id };
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    otherSupervisor = await f.agent('supervisor', team, 'Zhou Lan');
    agent = await f.agent('agent', team, 'Li Wei');
  });
  afterAll(() => api.close());

  it('a supervisor may not change a supervisor, themselves included, nor promote an agent to supervisor', async () => {
    const before = await agentsTable();
    for (const [id, body] of [
      [otherSupervisor.id, { name: 'Renamed' }],
      [supervisor.id, { active: false }],
      [agent.id, { role: 'supervisor' }],
    ] as const) {
      const res = await api.http.patch(`/api/agents/${id}`).set(supervisor.auth).send(body).expect(403);
      expect(res.body).toMatchObject({ type: 'https://firsthand.dev/problems/role-required', requiredRoles: ['admin'] });
      expect(res.body.detail).toBe('Only an admin may create or change supervisors and admins.');
    }
    expect(await agentsTable()).toEqual(before);
  });

  it('an admin cannot disable themselves, but may rename themselves', async () => {
    const refused = await api.http.patch(`/api/agents/${admin.id}`).set(admin.auth).send({ active: false }).expect(409);
    expect(refused.body).toMatchObject({ type: 'https://firsthand.dev/problems/cannot-disable-self', title: 'Cannot disable yourself' });
    await api.http.get('/api/agents').set(admin.auth).expect(200);
    const renamed = await api.http.patch(`/api/agents/${admin.id}`).set(admin.auth).send({ name: 'Root' }).expect(200);
    expect(renamed.body).toMatchObject({ id: admin.id, name: 'Root', active: true });
  });

  it('an unknown agent is 404 and an unknown team a 400 naming teamId', async () => {
    const before = await agentsTable();
    const missing = await api.http.patch(`/api/agents/${NOBODY}`).set(supervisor.auth).send({ name: 'x' }).expect(404);
    expect(missing.body).toMatchObject({ type: 'https://firsthand.dev/problems/agent-not-found', title: 'Agent not found' });
    const badTeam = await api.http.patch(`/api/agents/${agent.id}`).set(supervisor.auth).send({ name: 'x', teamId: NOBODY }).expect(400);
    expect(badTeam.body.errors).toEqual([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
    expect(await agentsTable()).toEqual(before);
  });

  it('an empty change leaves the agent as it was', async () => {
    const before = await agentsTable();
    const res = await api.http.patch(`/api/agents/${agent.id}`).set(supervisor.auth).send({}).expect(200);
    expect(res.body).toMatchObject({ id: agent.id, name: 'Li Wei', role: 'agent', teamId: team, active: true });
    expect(await agentsTable()).toEqual(before);
  });

  it('a supervisor moves an agent out of any team and back', async () => {
    const out = await api.http.patch(`/api/agents/${agent.id}`).set(supervisor.auth).send({ teamId: null }).expect(200);
    expect(out.body.teamId).toBeNull();
    const back = await api.http.patch(`/api/agents/${agent.id}`).set(supervisor.auth).send({ teamId: team, role: 'senior' }).expect(200);
    expect(back.body).toMatchObject({ teamId: team, role: 'senior' });
  });

  it('a new default team takes over from the old one, and a refused one leaves the old default in place', async () => {
    const created = await api.http.post('/api/teams').set(supervisor.auth).send({ name: 'Billing', isDefault: true }).expect(201);
    expect(created.body).toMatchObject({ name: 'Billing', isDefault: true });
    expect((await teamsTable()).filter((t: { is_default: boolean }) => t.is_default).map((t: { name: string }) => t.name)).toEqual(['Billing']);
    const before = await teamsTable();
    const taken = await api.http.post('/api/teams').set(supervisor.auth).send({ name: 'front desk', isDefault: true }).expect(409);
    expect(taken.body).toMatchObject({ type: 'https://firsthand.dev/problems/team-exists', detail: 'A team named front desk already exists.' });
    expect(await teamsTable()).toEqual(before);
  });

  it('an admin renames a team, audited; a supervisor, a bad name, a taken name or no such team change nothing', async () => {
    const billing = await api.http.post('/api/teams').set(admin.auth).send({ name: 'Refunds' }).expect(201);
    expect(billing.body).toMatchObject({ name: 'Refunds', activeAgents: 0 });
    const id = billing.body.id as string;
    const before = await teamsTable();
    const refused = [
      [supervisor.auth, id, { name: 'Returns' }, 403, 'role-required'],
      [agent.auth, id, { name: 'Returns' }, 403, 'role-required'],
      [admin.auth, id, { name: '   ' }, 400, 'validation'],
      [admin.auth, id, { name: 'x'.repeat(81) }, 400, 'validation'],
      [admin.auth, id, { name: 'Returns', isDefault: true }, 400, 'validation'],
      [admin.auth, id, { name: 'FRONT DESK' }, 409, 'team-exists'],
      [admin.auth, NOBODY, { name: 'Returns' }, 404, 'team-not-found'],
    ] as const;
    for (const [auth, target, body, status, code] of refused) {
      const res = await api.http.patch(`/api/teams/${target}`).set(auth).send(body);
      expect({ status: res.status, type: res.body.type, contentType: res.headers['content-type'] }).toEqual({ status, type: `https://firsthand.dev/problems/${code}`, contentType: expect.stringContaining('application/problem+json') });
    }
    expect(await teamsTable()).toEqual(before);
    const audited = () => api.database.db.query(`SELECT before, after, target_id FROM audit_entries WHERE action = 'team.renamed' ORDER BY at`);
    expect(await audited()).toEqual([]);

    const renamed = await api.http.patch(`/api/teams/${id}`).set(admin.auth).send({ name: 'Returns' }).expect(200);
    expect(renamed.body).toMatchObject({ id, name: 'Returns', isDefault: false, activeAgents: 0 });
    // Its own name in another case is no conflict; the same name again records nothing.
    await api.http.patch(`/api/teams/${id}`).set(admin.auth).send({ name: 'returns' }).expect(200);
    await api.http.patch(`/api/teams/${id}`).set(admin.auth).send({ name: 'returns' }).expect(200);
    expect(await audited()).toEqual([
      { target_id: id, before: { name: 'Refunds' }, after: { name: 'Returns' } },
      { target_id: id, before: { name: 'Returns' }, after: { name: 'returns' } },
    ]);
  });

  it('a team the mail settings name by name keeps it: 409 naming the entries and the id to use, nothing changed or audited; a change of case is no rename for them', async () => {
    const brand = (await api.http.post('/api/teams').set(admin.auth).send({ name: 'Brand C' }).expect(201)).body.id as string;
    const before = await teamsTable();
    const audited = () => api.database.db.query(`SELECT before, after FROM audit_entries WHERE action = 'team.renamed' AND target_id = $1`, [brand]);
    const refused = await api.http.patch(`/api/teams/${brand}`).set(admin.auth).send({ name: 'Brand C Asia' }).expect(409);
    expect(refused.headers['content-type']).toContain('application/problem+json');
    expect(refused.body).toMatchObject({
      type: 'https://firsthand.dev/problems/team-named-in-settings',
      title: 'Team named in settings',
      teamId: brand,
      namedIn: [
        { setting: 'MAIL_ADDRESSES', entry: 'help@brand-c.example' },
        { setting: 'IMAP_MAILBOXES', entry: 'brand-c' },
      ],
    });
    expect(refused.body.detail).toContain(`by its id (${brand}; "teamId" in the mail settings)`);
    expect(await teamsTable()).toEqual(before);
    expect(await audited()).toEqual([]);

    await api.http.patch(`/api/teams/${brand}`).set(admin.auth).send({ name: 'BRAND C' }).expect(200);
    expect(await audited()).toEqual([{ before: { name: 'Brand C' }, after: { name: 'BRAND C' } }]);
  });

  it('the team list counts each team\'s active, unlocked people, whatever their role', async () => {
    const desk = await api.http.post('/api/teams').set(admin.auth).send({ name: 'Night Desk' }).expect(201);
    const [, off, locked] = await Promise.all([f.agent('agent', desk.body.id, 'Night One'), f.agent('senior', desk.body.id, 'Night Two'), f.agent('supervisor', desk.body.id, 'Night Three')]);
    await api.http.patch(`/api/agents/${off.id}`).set(admin.auth).send({ active: false }).expect(200);
    await api.http.post(`/api/agents/${locked.id}/lock`).set(admin.auth).expect(200);
    const list = await api.http.get('/api/teams').set(agent.auth).expect(200);
    const counts = Object.fromEntries(list.body.items.map((t: { name: string; activeAgents: number }) => [t.name, t.activeAgents]));
    expect(counts['Night Desk']).toBe(1);
    const [{ n }] = await api.database.db.query(`SELECT count(*)::int AS n FROM agents WHERE team_id = $1 AND active AND locked_at IS NULL`, [team]);
    expect(counts['Front Desk']).toBe(n);
  });

  it('an email registered in another case is taken, and nothing is added', async () => {
    const before = await agentsTable();
    const res = await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Dup', email: 'ROOT@firsthand.test', password: 'long-enough-1', role: 'agent' }).expect(409);
    expect(res.body).toMatchObject({ type: 'https://firsthand.dev/problems/email-taken', title: 'Email already registered' });
    expect(await agentsTable()).toEqual(before);
  });
});
