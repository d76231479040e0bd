import { generate } from 'otplib';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });

describe('sign-in sessions and two-factor sign-in', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let admin: TestAgent;
  let adminRecoveryCodes: string[] = [];

  const count = async (sql: string, params: unknown[] = []) => Number((await api.database.db.query(sql, params))[0].n);
  const login = (email: string, password = TEST_PASSWORD) => api.http.post('/api/auth/login').set('User-Agent', 'jest-agent/1').send({ email, password });

  /** The code `steps` 30 s steps from now: the server accepts one step either side, so +1 is a fresh code without waiting. */
  const codeAt = (secret: string, steps: number) => generate({ secret, epoch: Math.floor(Date.now() / 1000) + steps * 30 });

  /** `enrolledAt`: the moment (seconds) whose code confirmed the enrolment, so a test can replay that very step. */
  async function enrol(agent: TestAgent): Promise<{ secret: string; recoveryCodes: string[]; enrolledAt: number }> {
    const started = await api.http.post('/api/auth/two-factor/enrolment').set(agent.auth).expect(200);
    expect(started.body.qrCode).toMatch(/^data:image\/png;base64,/);
    expect(started.body.otpauthUri).toContain(`secret=${started.body.secret}`);
    const enrolledAt = Math.floor(Date.now() / 1000);
    const confirmed = await api.http.post('/api/auth/two-factor/enrolment/confirm').set(agent.auth).send({ code: await generate({ secret: started.body.secret, epoch: enrolledAt }) }).expect(200);
    return { secret: started.body.secret, recoveryCodes: confirmed.body.recoveryCodes, enrolledAt };
  }

  beforeAll(async () => {
    // Three free failures per account from one address, then waits, the sixth locks: wrong codes count like wrong passwords.
    api = await startApi({ FIRSTHAND_REQUIRE_2FA_FOR: 'admin', FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_FREE_FAILURES: '3', FIRSTHAND_LOGIN_ACCOUNT_ADDRESS_LOCK_AFTER: '6' });
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    admin = await f.agent('admin', null, 'Admin Zhao');
  });
  afterAll(() => api.close());

  it('each sign-in is a session; signing out ends that token at once, not the others', async () => {
    const agent = await f.agent('agent', team, 'Li Wei');
    const second = await login(agent.email).expect(200);
    const other = bearer(second.body.accessToken);
    const listed = await api.http.get('/api/auth/sessions').set(agent.auth).expect(200);
    expect(listed.body.items).toHaveLength(2);
    expect(listed.body.items.filter((s: { current: boolean }) => s.current)).toHaveLength(1);
    expect(listed.body.items.find((s: { current: boolean }) => !s.current)).toMatchObject({ method: 'password', userAgent: 'jest-agent/1' });

    await api.http.get('/api/tickets').set(agent.auth).expect(200);
    await api.http.post('/api/auth/logout').set(agent.auth).expect(204);
    await api.http.get('/api/tickets').set(agent.auth).expect(401);
    await api.http.get('/api/tickets').set(other).expect(200);

    const third = bearer((await login(agent.email).expect(200)).body.accessToken);
    const everywhere = await api.http.post('/api/auth/logout-everywhere').set(third).expect(200);
    expect(everywhere.body.revoked).toBe(2);
    await api.http.get('/api/tickets').set(other).expect(401);
    await api.http.get('/api/tickets').set(third).expect(401);
  });

  it('"who am I" answers the role and team as they stand now, not as at sign-in; a disabled agent is signed out', async () => {
    const contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
    const supervisor = await f.agent('supervisor', team, 'Chen Jie');
    const first = await api.http.get('/api/auth/me').set(supervisor.auth).expect(200);
    expect(first.body).toEqual({ id: supervisor.id, name: 'Chen Jie', email: supervisor.email, role: 'supervisor', teamId: team });
    expect(contract.problems(contract.responseSchema('get', '/api/auth/me', 200), first.body)).toEqual([]);

    // Another admin demotes them and moves them to a new team: the same token now says so.
    const other = await f.team('Night Shift');
    await api.database.db.query(`UPDATE agents SET role = 'agent', team_id = $2 WHERE id = $1`, [supervisor.id, other]);
    expect((await api.http.get('/api/auth/me').set(supervisor.auth).expect(200)).body).toMatchObject({ role: 'agent', teamId: other });
    await api.http.get('/api/metrics/live').set(supervisor.auth).expect(403);

    await api.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [supervisor.id]);
    await api.http.get('/api/auth/me').set(supervisor.auth).expect(401);
    await api.http.get('/api/auth/me').expect(401);
  });

  it('ends one other session by id; another agent\'s session id is not found', async () => {
    const a = await f.agent('agent', team, 'Wang Fang');
    const b = await f.agent('agent', team, 'Zhou Min');
    const aOther = bearer((await login(a.email).expect(200)).body.accessToken);
    const others = (await api.http.get('/api/auth/sessions').set(a.auth).expect(200)).body.items.filter((s: { current: boolean }) => !s.current);
    await api.http.delete(`/api/auth/sessions/${others[0].id}`).set(b.auth).expect(404);
    await api.http.get('/api/tickets').set(aOther).expect(200);
    await api.http.delete(`/api/auth/sessions/${others[0].id}`).set(a.auth).expect(204);
    await api.http.get('/api/tickets').set(aOther).expect(401);
    const bad = await api.http.delete('/api/auth/sessions/not-a-uuid').set(a.auth).expect(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('only admins lock agents, and an admin who must still enrol cannot', async () => {
    const agent = await f.agent('agent', team, 'Chen Jie');
    const supervisor = await f.agent('supervisor', team, 'Sun Li');
    await api.http.post(`/api/agents/${agent.id}/lock`).set(supervisor.auth).expect(403);
    await api.http.get('/api/tickets').set(agent.auth).expect(200);
    await api.http.post(`/api/agents/${agent.id}/lock`).set(admin.auth).expect(403); // the admin still has to enrol (FIRSTHAND_REQUIRE_2FA_FOR=admin)
  });

  it('a role that must use two-factor gets an enrolment-only token until it enrols; then a full sign-in', async () => {
    const denied = await api.http.get('/api/tickets').set(admin.auth).expect(403);
    expect(denied.body.type).toContain('second-factor-enrolment-required');
    await api.http.get('/api/auth/sessions').set(admin.auth).expect(200);
    const fresh = await login(admin.email).expect(200);
    expect(fresh.body.enrolmentRequired).toBe(true);

    const started = await api.http.post('/api/auth/two-factor/enrolment').set(admin.auth).expect(200);
    const wrong = await api.http.post('/api/auth/two-factor/enrolment/confirm').set(admin.auth).send({ code: '000000' }).expect(422);
    expect(wrong.body.detail).toMatch(/does not match/);
    expect(await count(`SELECT count(*) AS n FROM agent_second_factors WHERE agent_id = $1 AND confirmed_at IS NOT NULL`, [admin.id])).toBe(0);
    const confirmed = await api.http.post('/api/auth/two-factor/enrolment/confirm').set(admin.auth).send({ code: await generate({ secret: started.body.secret }) }).expect(200);
    expect(confirmed.body.recoveryCodes).toHaveLength(10);
    adminRecoveryCodes = [...confirmed.body.recoveryCodes];
    expect(confirmed.body.signIn.enrolmentRequired).toBe(false);
    await api.http.get('/api/tickets').set(admin.auth).expect(401); // the limited session ended
    admin = { ...admin, token: confirmed.body.signIn.accessToken, auth: bearer(confirmed.body.signIn.accessToken) };
    await api.http.get('/api/tickets').set(admin.auth).expect(200);

    // The secret is sealed at rest, the recovery codes hashed.
    const [stored] = await api.database.db.query(`SELECT secret_sealed FROM agent_second_factors WHERE agent_id = $1`, [admin.id]);
    expect(stored.secret_sealed).not.toContain(started.body.secret);
    const hashes = await api.database.db.query(`SELECT code_hash FROM agent_recovery_codes WHERE agent_id = $1`, [admin.id]);
    expect(hashes).toHaveLength(10);
    expect(JSON.stringify(hashes)).not.toContain(confirmed.body.recoveryCodes[0]);
    await api.http.post('/api/auth/two-factor/enrolment').set(admin.auth).expect(409);
  });

  it('locking (now as an enrolled admin) ends REST access at once and refuses sign-in until unlocked', async () => {
    const agent = await f.agent('agent', team, 'He Ping');
    await api.http.post(`/api/agents/${admin.id}/lock`).set(admin.auth).expect(409);
    await api.http.post('/api/agents/00000000-0000-4000-8000-000000000000/lock').set(admin.auth).expect(404);
    await api.http.post(`/api/agents/${agent.id}/lock`).set(admin.auth).expect(200);
    await api.http.get('/api/tickets').set(agent.auth).expect(401);
    const refused = await login(agent.email).expect(403);
    expect(refused.body.type).toContain('agent-locked');
    await api.http.post(`/api/agents/${agent.id}/unlock`).set(admin.auth).expect(200);
    await api.http.get('/api/tickets').set(agent.auth).expect(401); // ended sessions stay ended
    await login(agent.email).expect(200);
    // The audit log has the lock, the refused sign-in and the unlock, by whom; not the refused self-lock or unknown agent.
    const audited = await api.database.db.query(
      `SELECT action, actor_id, after->>'reason' AS reason FROM audit_entries WHERE target_id = $1 AND action IN ('agent.locked', 'agent.unlocked', 'sign_in.failed') ORDER BY at, id`, [agent.id]);
    expect(audited).toEqual([
      { action: 'agent.locked', actor_id: admin.id, reason: null },
      { action: 'sign_in.failed', actor_id: null, reason: 'locked' },
      { action: 'agent.unlocked', actor_id: admin.id, reason: null },
    ]);
    expect(await count(`SELECT count(*) AS n FROM audit_entries WHERE action = 'agent.locked' AND target_id = $1`, [admin.id])).toBe(0);
  });

  it('an enrolled agent is challenged; a code completes the sign-in once; replay, wrong codes and bad input create nothing', async () => {
    const agent = await f.agent('senior', team, 'Liu Yang');
    const { secret, recoveryCodes, enrolledAt } = await enrol(agent);
    const challenged = await login(agent.email).expect(200);
    expect(challenged.body).toMatchObject({ secondFactorRequired: true });
    expect(challenged.body.accessToken).toBeUndefined();
    const sessionsBefore = await count(`SELECT count(*) AS n FROM agent_sessions WHERE agent_id = $1`, [agent.id]);

    const verify = (body: object) => api.http.post('/api/auth/login/second-factor').send(body);
    for (const bad of [{}, { challenge: 'short', code: '123456' }, { challenge: challenged.body.challenge, code: '12345' }, { challenge: challenged.body.challenge, code: '123456', recoveryCode: 'AAAA-BBBB-CCCC' }, { challenge: challenged.body.challenge, code: '123456', extra: 1 }]) {
      const refused = await verify(bad).expect(400);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
    const wrong = await verify({ challenge: challenged.body.challenge, code: await codeAt(secret, 10) }).expect(401);
    expect(wrong.body.type).toContain('invalid-second-factor');
    expect(await count(`SELECT count(*) AS n FROM agent_sessions WHERE agent_id = $1`, [agent.id])).toBe(sessionsBefore);

    // The enrolment's own step is refused as a replay (the clock may have moved on a step since); the next step's code signs in.
    const replayed = await verify({ challenge: challenged.body.challenge, code: await generate({ secret, epoch: enrolledAt }) }).expect(401);
    expect(replayed.body.type).toContain('second-factor-replayed');
    const fresh = await generate({ secret, epoch: enrolledAt + 30 });
    const signed = await verify({ challenge: challenged.body.challenge, code: fresh }).expect(200);
    await api.http.get('/api/tickets').set(bearer(signed.body.accessToken)).expect(200);
    expect(await count(`SELECT count(*) AS n FROM agent_sessions WHERE agent_id = $1`, [agent.id])).toBe(sessionsBefore + 1);

    // The challenge is single use; the same code on a new challenge is a replay.
    const used = await verify({ challenge: challenged.body.challenge, code: fresh }).expect(401);
    expect(used.body.type).toContain('challenge-expired');
    const again = await login(agent.email).expect(200);
    const replay = await verify({ challenge: again.body.challenge, code: fresh }).expect(401);
    expect(replay.body.type).toContain('second-factor-replayed');
    expect(await count(`SELECT count(*) AS n FROM agent_sessions WHERE agent_id = $1`, [agent.id])).toBe(sessionsBefore + 1);

    // A recovery code works once, typed in any case.
    await verify({ challenge: again.body.challenge, recoveryCode: recoveryCodes[0].toLowerCase() }).expect(200);
    const third = await login(agent.email).expect(200);
    const spent = await verify({ challenge: third.body.challenge, recoveryCode: recoveryCodes[0] }).expect(401);
    expect(spent.body.type).toContain('invalid-recovery-code');
    const status = await api.http.get('/api/auth/two-factor').set(bearer(signed.body.accessToken)).expect(200);
    expect(status.body).toEqual({ enrolled: true, required: false, recoveryCodesLeft: 9 });
  });

  it('a challenge allows five codes; then it is over even for the right code', async () => {
    const agent = await f.agent('agent', team, 'Ma Lin');
    const { secret } = await enrol(agent);
    const challenged = await login(agent.email).expect(200);
    for (let i = 0; i < 5; i++) {
      const refused = await api.http.post('/api/auth/login/second-factor').send({ challenge: challenged.body.challenge, code: '000000' });
      expect([401, 429]).toContain(refused.status);
    }
    const over = await api.http.post('/api/auth/login/second-factor').send({ challenge: challenged.body.challenge, code: await codeAt(secret, 1) });
    expect(over.status).toBe(401);
    expect(over.body.type).toContain('challenge-expired');
  });

  it('wrong codes count against the account like wrong passwords: past the free ones, the account must wait', async () => {
    const agent = await f.agent('agent', team, 'Tang Wei');
    await enrol(agent);
    const challenged = await login(agent.email).expect(200);
    const wrong = () => api.http.post('/api/auth/login/second-factor').send({ challenge: challenged.body.challenge, code: '000000' });
    for (let i = 0; i < 4; i++) await wrong().expect(401);
    const waiting = await wrong().expect(429);
    expect(Number(waiting.headers['retry-after'])).toBeGreaterThan(0);
    await login(agent.email).expect(429);
    expect(await count(`SELECT count(*) AS n FROM agent_sessions WHERE agent_id = $1`, [agent.id])).toBe(1);
  });

  it('wrong codes from rotating addresses lock the account for codes everywhere; a password sign-in is not held by them', async () => {
    const agent = await f.agent('agent', team, 'Xu Jing');
    const { secret } = await enrol(agent);
    let addresses = 0;
    const from = () => `198.51.100.${++addresses}`;
    const signIn = async () => (await api.http.post('/api/auth/login').set('X-Forwarded-For', from()).send({ email: agent.email, password: TEST_PASSWORD }).expect(200)).body.challenge as string;
    const code = (challenge: string, value = '000000') => api.http.post('/api/auth/login/second-factor').set('X-Forwarded-For', from()).send({ challenge, code: value });
    // Only someone past the password sends codes, so their count over all addresses may lock: three free,
    // then waits of 1 s and 2 s (slept out: a refused code would spend one of the challenge's five), the sixth locks.
    let challenge = await signIn();
    for (let i = 1; i <= 6; i++) {
      if (i === 6) challenge = await signIn();
      await code(challenge).expect(401);
      if (i === 4 || i === 5) await new Promise((r) => setTimeout(r, (i - 3) * 1000 + 100));
    }
    const locked = await code(challenge, await codeAt(secret, 1)).expect(429);
    expect(locked.body.type).toContain('login-throttled');
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(60);
    // The password, from yet another address, is not held by the codes' lock (wrong passwords from strangers never lock the account).
    await signIn();
  });

  it('turning two-factor off needs a right password or code; a wrong one changes nothing', async () => {
    const agent = await f.agent('agent', team, 'Guo Hui');
    await enrol(agent);
    await api.http.post('/api/auth/two-factor/disable').set(agent.auth).send({ password: 'wrong-password' }).expect(401);
    expect(await count(`SELECT count(*) AS n FROM agent_second_factors WHERE agent_id = $1`, [agent.id])).toBe(1);
    await api.http.post('/api/auth/two-factor/disable').set(agent.auth).send({}).expect(400);
    await api.http.post('/api/auth/two-factor/disable').set(agent.auth).send({ password: TEST_PASSWORD }).expect(204);
    expect(await count(`SELECT count(*) AS n FROM agent_recovery_codes WHERE agent_id = $1`, [agent.id])).toBe(0);
    const plain = await login(agent.email).expect(200);
    expect(plain.body.accessToken).toEqual(expect.any(String));
    const audited = await api.database.db.query(`SELECT action FROM audit_entries WHERE target_id = $1 AND action LIKE 'two_factor.%' ORDER BY at, id`, [agent.id]);
    expect(audited.map((r: { action: string }) => r.action)).toEqual(['two_factor.enrolled', 'two_factor.disabled']);
  });

  it('an admin resets a lost authenticator: factor and codes gone, signed out everywhere, audited; refusals change nothing', async () => {
    const agent = await f.agent('agent', team, 'Tang Li');
    const supervisor = await f.agent('supervisor', team, 'Shen Jie');
    await enrol(agent);
    const listed = await api.http.get('/api/agents').set(admin.auth).expect(200);
    expect(listed.body.items.find((a: { id: string }) => a.id === agent.id)).toMatchObject({ twoFactor: true, locked: false });
    const challenged = await login(agent.email).expect(200);
    expect(challenged.body.secondFactorRequired).toBe(true);

    await api.http.post(`/api/agents/${agent.id}/two-factor/reset`).set(supervisor.auth).expect(403);
    await api.http.post(`/api/agents/${admin.id}/two-factor/reset`).set(admin.auth).expect(409);
    await api.http.post('/api/agents/00000000-0000-4000-8000-000000000000/two-factor/reset').set(admin.auth).expect(404);
    await api.http.post('/api/agents/not-a-uuid/two-factor/reset').set(admin.auth).expect(400);
    expect(await count(`SELECT count(*) AS n FROM agent_second_factors WHERE agent_id = $1`, [agent.id])).toBe(1);
    await api.http.get('/api/tickets').set(agent.auth).expect(200);

    await api.http.post(`/api/agents/${agent.id}/two-factor/reset`).set(admin.auth).expect(204);
    expect(await count(`SELECT count(*) AS n FROM agent_second_factors WHERE agent_id = $1`, [agent.id])).toBe(0);
    expect(await count(`SELECT count(*) AS n FROM agent_recovery_codes WHERE agent_id = $1`, [agent.id])).toBe(0);
    await api.http.get('/api/tickets').set(agent.auth).expect(401);
    const plain = await login(agent.email).expect(200);
    expect(plain.body.accessToken).toEqual(expect.any(String));
    const again = await api.http.post(`/api/agents/${agent.id}/two-factor/reset`).set(admin.auth).expect(409);
    expect(again.body.type).toContain('second-factor-not-on');
    const audited = await api.database.db.query(`SELECT action, actor_id FROM audit_entries WHERE target_id = $1 AND action LIKE 'two_factor.%' ORDER BY at, id`, [agent.id]);
    expect(audited).toEqual([{ action: 'two_factor.enrolled', actor_id: agent.id }, { action: 'two_factor.reset', actor_id: admin.id }]);
    const after = await api.http.get('/api/agents').set(admin.auth).expect(200);
    expect(after.body.items.find((a: { id: string }) => a.id === agent.id)).toMatchObject({ twoFactor: false });
  });

  it('the queue board\'s sign-out ends its session and the sign-in it came from; signing out everywhere ends the board too', async () => {
    const boardLogin = async () => {
      const challenged = await login(admin.email).expect(200);
      const answer = await api.http.post('/api/auth/login/second-factor').send({ challenge: challenged.body.challenge, recoveryCode: adminRecoveryCodes.pop() }).expect(200);
      const opened = await api.http.post('/admin/session').set(bearer(answer.body.accessToken)).expect(204);
      return { token: bearer(answer.body.accessToken), cookie: String(opened.headers['set-cookie']).split(';')[0] };
    };
    const first = await boardLogin();
    await api.http.get('/admin/queues/api/queues').set('Cookie', first.cookie).expect(200);
    await api.http.post('/admin/logout').set('Cookie', first.cookie).expect(204);
    await api.http.get('/admin/queues/api/queues').set('Cookie', first.cookie).expect(401);
    await api.http.get('/api/tickets').set(first.token).expect(401);

    const second = await boardLogin();
    await api.http.get('/admin/queues/api/queues').set('Cookie', second.cookie).expect(200);
    await api.http.post('/api/auth/logout-everywhere').set(second.token).expect(200);
    await api.http.get('/admin/queues/api/queues').set('Cookie', second.cookie).expect(401);

    // The board's session never outlives the sign-in it came from, and ends when that expires.
    const third = await boardLogin();
    const [{ board, signIn }] = await api.database.db.query(
      `SELECT b.expires_at AS board, s.expires_at AS "signIn" FROM admin_board_sessions b JOIN agent_sessions s ON s.id = b.agent_session_id WHERE b.agent_id = $1 ORDER BY b.created_at DESC LIMIT 1`,
      [admin.id],
    );
    expect(board.getTime()).toBeLessThanOrEqual(signIn.getTime());
    await api.http.get('/admin/queues/api/queues').set('Cookie', third.cookie).expect(200);
    await api.database.db.query(
      `UPDATE agent_sessions SET expires_at = now() - interval '1 second' WHERE id = (SELECT agent_session_id FROM admin_board_sessions WHERE agent_id = $1 ORDER BY created_at DESC LIMIT 1)`,
      [admin.id],
    );
    await api.http.get('/admin/queues/api/queues').set('Cookie', third.cookie).expect(401);
  });

  it('a sign-in whose session expired is refused, though its token has not; disabling an agent ends its sign-ins for good', async () => {
    const agent = await f.agent('agent', team, 'Zhou Min');
    const fresh = bearer((await login(agent.email).expect(200)).body.accessToken);
    // Expired before it was ever used, so no process holds it as checked.
    await api.database.db.query(
      `UPDATE agent_sessions SET expires_at = now() - interval '1 second' WHERE id = (SELECT id FROM agent_sessions WHERE agent_id = $1 ORDER BY created_at DESC LIMIT 1)`,
      [agent.id],
    );
    await api.http.get('/api/auth/me').set(fresh).expect(401);
    await api.http.get('/api/auth/me').set(agent.auth).expect(200);

    const supervisor = await f.agent('supervisor', team, 'Sun Li');
    await api.http.patch(`/api/agents/${agent.id}`).set(supervisor.auth).send({ active: false }).expect(200);
    expect(await count(`SELECT count(*) AS n FROM agent_sessions WHERE agent_id = $1 AND revoked_at IS NULL`, [agent.id])).toBe(0);
    await api.http.patch(`/api/agents/${agent.id}`).set(supervisor.auth).send({ active: true }).expect(200);
    // Enabled again, the agent signs in afresh; the token from before stays dead.
    await api.http.get('/api/auth/me').set(agent.auth).expect(401);
    await api.http.get('/api/auth/me').set(bearer((await login(agent.email).expect(200)).body.accessToken)).expect(200);
  });
});
