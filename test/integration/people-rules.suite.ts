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
    api = await startApi({ FIRSTHAND_ADMIN_EMAIL: 'root@firsthand.test', FIRSTHAND_ADMIN_PASSWORD: 'admin-password-1' });
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

  it('an email registered in another case is taken, and nothing is added', async () => {
    const before = await agentsTable();
    const res = await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Dup', email: 'ROOT@firsthand.test', password: 'long-enough-1', role: 'agent' }).expect(409);
    expect(res.body).toMatchObject({ type: 'https://firsthand.dev/problems/email-taken', title: 'Email already registered' });
    expect(await agentsTable()).toEqual(before);
  });
});
