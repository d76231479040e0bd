import { SystemClock } from '@firsthand/domain';
import { AuditLog } from '@firsthand/persistence';
import { AuditRetention } from '../../apps/worker/src/audit/audit-retention.js';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

interface Entry {
  id: string;
  at: string;
  action: string;
  actor: { type: string; id?: string; name?: string; role?: string };
  address: string | null;
  userAgent: string | null;
  target: { type: string; id: string | null; label: string | null };
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
}

describe('the audit log', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let agent: TestAgent;

  const entries = async (query: Record<string, string> = {}): Promise<Entry[]> =>
    (await api.http.get('/api/audit').query({ limit: '200', ...query }).set(admin.auth).expect(200)).body.items;
  const count = async () => Number((await api.database.db.query(`SELECT count(*)::int AS n FROM audit_entries`))[0].n);

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    admin = await f.agent('admin', team, 'Root Admin');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    agent = await f.agent('agent', team, 'Li Wei');
  });
  afterAll(() => api.close());

  it('records an agent created and each change of role, team and activity with before and after, secrets masked', async () => {
    const created = await api.http.post('/api/agents').set(supervisor.auth).set('User-Agent', 'audit-spec/1').send({ name: 'New Hire', email: 'new.hire@audit.test', password: 'long-enough-passphrase-1', role: 'agent', teamId: team }).expect(201);
    const [made] = await entries({ action: 'agent.created', targetId: created.body.id });
    expect(made).toMatchObject({
      actor: { type: 'agent', id: supervisor.id, name: 'Wang Fang', role: 'supervisor' },
      userAgent: 'audit-spec/1',
      target: { type: 'agent', id: created.body.id, label: 'New Hire' },
      before: null,
      after: { name: 'New Hire', email: 'new.hire@audit.test', role: 'agent', teamId: team, active: true, passwordHash: '•••' },
    });
    expect(made.address).toMatch(/127\.0\.0\.1|::1|::ffff:127\.0\.0\.1/);
    expect(made.requestId).toEqual(expect.any(String));
    expect(JSON.stringify(await entries())).not.toContain('$2');

    const other = await f.team('Billing');
    await api.http.patch(`/api/agents/${created.body.id}`).set(admin.auth).send({ role: 'senior', teamId: other, active: false }).expect(200);
    const changes = await entries({ targetType: 'agent', targetId: created.body.id });
    const byAction = Object.fromEntries(changes.map((e) => [e.action, e]));
    expect(byAction['agent.role_changed']).toMatchObject({ actor: { id: admin.id, role: 'admin' }, before: { role: 'agent' }, after: { role: 'senior' } });
    expect(byAction['agent.team_changed']).toMatchObject({ before: { teamId: team }, after: { teamId: other } });
    expect(byAction['agent.deactivated']).toMatchObject({ before: { active: true }, after: { active: false } });
    await api.http.patch(`/api/agents/${created.body.id}`).set(admin.auth).send({ active: true }).expect(200);
    expect((await entries({ action: 'agent.reactivated', targetId: created.body.id }))).toHaveLength(1);
  });

  it('records nothing for a refused request, and rolls the entry back with a failed change', async () => {
    const before = await count();
    await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Boss', email: 'boss@audit.test', password: 'long-enough-passphrase-1', role: 'admin' }).expect(403);
    await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Weak', email: 'weak@audit.test', password: 'short', role: 'agent' }).expect(422);
    await api.http.post('/api/agents').set(supervisor.auth).send({ name: 'Dup', email: agent.email, password: 'long-enough-passphrase-1', role: 'agent' }).expect(409);
    await api.http.patch(`/api/agents/${supervisor.id}`).set(supervisor.auth).send({ active: false }).expect((r) => expect(r.status).toBeGreaterThanOrEqual(400));
    await api.http.post('/api/teams').set(admin.auth).send({ name: 'front desk', isDefault: true }).expect(409);
    expect(await count()).toBe(before);
    // The conflicting default team rolled back with its entry: Front Desk is still the default.
    expect((await api.database.db.query(`SELECT name FROM teams WHERE is_default`)).map((r: { name: string }) => r.name)).toEqual(['Front Desk']);
  });

  it('records teams created', async () => {
    const made = await api.http.post('/api/teams').set(supervisor.auth).send({ name: 'Escalations' }).expect(201);
    const [entry] = await entries({ action: 'team.', targetId: made.body.id });
    expect(entry).toMatchObject({ action: 'team.created', after: { name: 'Escalations', isDefault: false } });
  });

  it('records calendars, SLA policies, webhook endpoints, customers, reassignments, bulk actions, exports and the admin board, each with before and after', async () => {
    const week = Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ start: '09:00', end: '18:00' }]]));
    const cal = (await api.http.post('/api/calendars').set(supervisor.auth).send({ name: 'Office', zone: 'Asia/Shanghai', week, holidays: [], extraWorkingDays: [] }).expect(201)).body;
    await api.http.put(`/api/calendars/${cal.id}`).set(supervisor.auth).send({ name: 'Office hours', zone: 'Asia/Shanghai', week, holidays: [{ date: '2026-10-01', name: 'National Day' }], extraWorkingDays: [] }).expect(200);
    const ics = 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//audit//EN\r\nBEGIN:VEVENT\r\nUID:a@audit\r\nDTSTART;VALUE=DATE:20261225\r\nSUMMARY:Holiday\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    await api.http.post(`/api/calendars/${cal.id}/import`).set(supervisor.auth).send({ ics, mode: 'merge' }).expect(200);
    await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: cal.id }).expect(200);
    const settings = (await api.http.get('/api/calendar-settings').set(supervisor.auth).expect(200)).body;
    await api.http.put('/api/calendar-settings').set(admin.auth).send({ defaultCalendarId: cal.id, complaintCap: settings.complaintCap }).expect(200);
    const calendarActs = (await entries({ action: 'calendar' })).map((e) => e.action);
    expect(calendarActs).toEqual(expect.arrayContaining(['calendar.created', 'calendar.changed', 'calendar.imported', 'calendar.team_assigned', 'calendar.made_default', 'calendar_settings.changed']));
    const [changed] = await entries({ action: 'calendar.changed', targetId: cal.id });
    expect(changed).toMatchObject({ before: { name: 'Office', holidays: [] }, after: { name: 'Office hours', holidays: [{ date: '2026-10-01' }] } });
    const [assigned] = await entries({ action: 'calendar.team_assigned', targetId: team });
    expect(assigned).toMatchObject({ before: { calendarId: null }, after: { calendarId: cal.id } });

    await api.http.put('/api/sla-policies/normal/standard').set(supervisor.auth).send({ firstResponseMinutes: 9, updateCadenceMinutes: 30, resolutionMinutes: 600 }).expect(200);
    const [policy] = await entries({ action: 'sla_policy.changed', targetId: 'normal/standard' });
    expect(policy.after).toMatchObject({ firstResponseSeconds: 540, updateCadenceSeconds: 1800, resolutionSeconds: 36000 });
    expect(policy.before).toMatchObject({ firstResponseSeconds: expect.any(Number) });
    expect(policy.before!.firstResponseSeconds).not.toBe(540);

    const hook = (await api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: 'https://93.184.216.34/hook' }).expect(201)).body;
    await api.http.delete(`/api/webhook-endpoints/${hook.endpoint.id}`).set(admin.auth).expect(200);
    const [hookMade] = await entries({ action: 'webhook_endpoint.created' });
    expect(hookMade).toMatchObject({ target: { id: hook.endpoint.id, label: 'https://93.184.216.34/hook' }, after: { url: 'https://93.184.216.34/hook', secret: '•••' } });
    expect(JSON.stringify(await entries())).not.toContain(hook.secret);
    const [hookGone] = await entries({ action: 'webhook_endpoint.deleted' });
    expect(hookGone).toMatchObject({ before: { active: true }, after: { active: false } });

    const first = await f.customerTicket({ subject: 'Charged twice' });
    const second = await f.customerTicket({ subject: 'Charged again' });
    const customerOf = async (ticketId: string): Promise<string> => (await api.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id;
    const survivor = await customerOf(first.id);
    const duplicate = await customerOf(second.id);
    await api.http.patch(`/api/customers/${survivor}`).set(supervisor.auth).send({ tier: 'vip' }).expect(200);
    await api.http.post(`/api/customers/${survivor}/merge`).set(supervisor.auth).send({ duplicateId: duplicate }).expect(200);
    const [tier] = await entries({ action: 'customer.tier_changed', targetId: survivor });
    expect(tier).toMatchObject({ before: { tier: 'standard' }, after: { tier: 'vip', changedTickets: [first.code] } });
    const [merged] = await entries({ action: 'customer.merged', targetId: survivor });
    expect(merged).toMatchObject({ before: { survivorId: survivor, duplicateId: duplicate }, after: { mergedIntoId: survivor, movedTickets: [second.code] } });
    expect(JSON.stringify([tier, merged])).not.toMatch(/@example\.com/);

    await api.http.post(`/api/tickets/${first.id}/reassign`).set(supervisor.auth).send({ toAgentId: agent.id, reason: 'Knows billing' }).expect(200);
    const [moved] = await entries({ action: 'ticket.reassigned', targetId: first.id });
    expect(moved).toMatchObject({ target: { label: first.code }, before: { ownerId: null }, after: { ownerId: agent.id, reason: 'Knows billing' } });
    const bulk = await api.http.post('/api/tickets/bulk').set(supervisor.auth).send({ action: 'tag', ticketIds: [first.id, '00000000-0000-4000-8000-000000000000'], add: ['billing'] }).expect(200);
    expect(bulk.body.succeeded).toBe(1);
    const bulkEntries = await entries({ action: 'tickets.bulk_changed' });
    expect(bulkEntries).toHaveLength(1);
    expect(bulkEntries[0]).toMatchObject({ target: { id: first.id }, before: { tags: [] }, after: { bulkAction: 'tag', add: ['billing'], tags: ['billing'] } });

    await api.http.get('/api/metrics/fcr.csv').query({ from: '2026-11-01', to: '2026-11-30' }).set(supervisor.auth).expect(200);
    const [exported] = await entries({ action: 'metrics.exported' });
    expect(exported).toMatchObject({ actor: { id: supervisor.id }, after: { from: '2026-11-01', to: '2026-11-30', groupBy: 'day' } });

    // The board's sign-out also ends the sign-in it was opened from, so the board gets a sign-in of its own.
    const boardSignIn = (await api.http.post('/api/auth/login').send({ email: admin.email, password: TEST_PASSWORD }).expect(200)).body.accessToken as string;
    const session = await api.http.post('/admin/session').set('Authorization', `Bearer ${boardSignIn}`).expect(204);
    const jar = String(session.headers['set-cookie']).split(';')[0];
    await api.http.post('/admin/logout').set('Cookie', jar).expect(204);
    await api.http.post('/admin/logout').set('Cookie', jar).expect(204);
    await api.http.get('/api/auth/sessions').set('Authorization', `Bearer ${boardSignIn}`).expect(401);
    expect((await entries({ action: 'admin_board.' })).map((e) => [e.action, e.actor.id])).toEqual([['admin_board.signed_out', admin.id], ['admin_board.signed_in', admin.id]]);
  });

  it('records team canned replies and team macros, not personal ones', async () => {
    const team = await api.http.post('/api/canned-replies').set(supervisor.auth).send({ scope: 'team', title: 'Refund', shortcut: 'refund', bodyEn: 'Your refund is on its way.' }).expect(201);
    await api.http.patch(`/api/canned-replies/${team.body.id}`).set(supervisor.auth).send({ title: 'Refund sent' }).expect(200);
    await api.http.delete(`/api/canned-replies/${team.body.id}`).set(supervisor.auth).expect(204);
    await api.http.post('/api/canned-replies').set(supervisor.auth).send({ scope: 'personal', title: 'Mine', shortcut: 'mine', bodyEn: 'Only mine.' }).expect(201);
    const replies = await entries({ action: 'canned_reply.' });
    expect(replies.map((e) => e.action)).toEqual(['canned_reply.deleted', 'canned_reply.changed', 'canned_reply.created']);
    expect(replies[1]).toMatchObject({ before: { title: 'Refund' }, after: { title: 'Refund sent' } });

    const macro = { name: 'Team greeting', scope: 'team', reply: { 'zh-CN': null, en: 'Hello {{customer.name}}' } };
    const made = await api.http.post('/api/macros').set(supervisor.auth).send(macro).expect(201);
    await api.http.patch(`/api/macros/${made.body.id}`).set(supervisor.auth).send({ ...macro, scope: undefined, name: 'Team hello', expectedVersion: 1 }).expect(200);
    await api.http.post('/api/macros').set(supervisor.auth).send({ ...macro, scope: 'personal', name: 'My greeting' }).expect(201);
    const macros = await entries({ action: 'macro.' });
    expect(macros.map((e) => e.action)).toEqual(['macro.changed', 'macro.created']);
    expect(macros[0]).toMatchObject({ before: { name: 'Team greeting', version: 1 }, after: { name: 'Team hello', version: 2 } });
  });

  it('a team canned reply or macro whose audit entry cannot be written is not kept either', async () => {
    const db = api.database.db;
    const existing = await api.http.post('/api/canned-replies').set(supervisor.auth).send({ scope: 'team', title: 'Standing', shortcut: 'standing', bodyEn: 'Still here.' }).expect(201);
    const macro = { name: 'Standing macro', scope: 'team', reply: { 'zh-CN': null, en: 'Hello' } };
    const standingMacro = await api.http.post('/api/macros').set(supervisor.auth).send(macro).expect(201);
    const before = await count();
    // For the length of this test the audit table refuses these entries: each change must go with its entry.
    await db.query(`CREATE FUNCTION refuse_for_test() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit store unavailable'; END $$`);
    await db.query(
      `CREATE TRIGGER refuse_for_test BEFORE INSERT ON audit_entries FOR EACH ROW WHEN (NEW.action LIKE 'canned_reply.%' OR NEW.action LIKE 'macro.%') EXECUTE FUNCTION refuse_for_test()`,
    );
    const statuses: number[] = [];
    try {
      const attempts = [
        api.http.post('/api/canned-replies').set(supervisor.auth).send({ scope: 'team', title: 'Lost', shortcut: 'lost', bodyEn: 'Lost.' }),
        api.http.patch(`/api/canned-replies/${existing.body.id}`).set(supervisor.auth).send({ title: 'Renamed' }),
        api.http.delete(`/api/canned-replies/${existing.body.id}`).set(supervisor.auth),
        api.http.post('/api/macros').set(supervisor.auth).send({ ...macro, name: 'Lost macro' }),
        api.http.patch(`/api/macros/${standingMacro.body.id}`).set(supervisor.auth).send({ ...macro, scope: undefined, name: 'Renamed macro', expectedVersion: 1 }),
        api.http.delete(`/api/macros/${standingMacro.body.id}`).set(supervisor.auth),
      ];
      for (const attempt of attempts) statuses.push((await attempt).status);
      // Personal ones are not audited and go through.
      await api.http.post('/api/canned-replies').set(supervisor.auth).send({ scope: 'personal', title: 'Mine too', shortcut: 'minetoo', bodyEn: 'Mine.' }).expect(201);
    } finally {
      await db.query(`DROP TRIGGER IF EXISTS refuse_for_test ON audit_entries`);
      await db.query(`DROP FUNCTION IF EXISTS refuse_for_test()`);
    }
    expect(statuses).toEqual([500, 500, 500, 500, 500, 500]);
    const replies = await db.query(`SELECT title FROM canned_replies WHERE scope = 'team' AND shortcut IN ('standing', 'lost') ORDER BY title`);
    expect(replies).toEqual([{ title: 'Standing' }]);
    const macros = await db.query(`SELECT name, version FROM macros WHERE name LIKE '%macro' ORDER BY name`);
    expect(macros).toEqual([{ name: 'Standing macro', version: 1 }]);
    expect(await count()).toBe(before);
  });

  it('records sign-ins and every kind of failed sign-in, never the password tried', async () => {
    await api.http.post('/api/auth/login').send({ email: agent.email, password: TEST_PASSWORD }).expect(200);
    await api.http.post('/api/auth/login').send({ email: agent.email, password: 'wrong-password-here' }).expect(401);
    await api.http.post('/api/auth/login').send({ email: 'ghost@audit.test', password: 'wrong-password-here' }).expect(401);
    const disabled = await f.agent('agent', team, 'Gone Agent');
    await api.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [disabled.id]);
    await api.http.post('/api/auth/login').send({ email: disabled.email, password: TEST_PASSWORD }).expect(401);

    const ok = await entries({ action: 'sign_in.succeeded', targetId: agent.id });
    expect(ok[0]).toMatchObject({ actor: { type: 'agent', id: agent.id, role: 'agent' }, after: { method: 'password' } });
    const failed = await entries({ action: 'sign_in.failed' });
    const reasons = failed.map((e) => [e.target.label, e.after?.reason]);
    expect(reasons).toEqual(expect.arrayContaining([[agent.email, 'wrong_password'], ['ghost@audit.test', 'unknown_email'], [disabled.email, 'disabled']]));
    expect(failed.every((e) => e.actor.type === 'system')).toBe(true);
    expect(JSON.stringify(failed)).not.toContain('wrong-password-here');
  });

  it('lets only admins read it', async () => {
    await api.http.get('/api/audit').set(supervisor.auth).expect(403);
    await api.http.get('/api/audit').set(agent.auth).expect(403);
    await api.http.get('/api/audit').expect(401);
  });

  it('filters by actor, action prefix, target and time, and pages by keyset without gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await api.http.post('/api/teams').set(admin.auth).send({ name: `Paged ${i}` }).expect(201);
    const all = await entries({ actorId: admin.id, action: 'team.created' });
    expect(all.length).toBe(7);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: Record<string, string> = { actorId: admin.id, action: 'team.', limit: '3', ...(cursor ? { cursor } : {}) };
      const page = (await api.http.get('/api/audit').query(query).set(admin.auth).expect(200)).body;
      seen.push(...page.items.map((e: Entry) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((e) => e.id));
    const newest = all[0].at;
    expect(await entries({ actorId: admin.id, action: 'team.', from: newest })).toHaveLength(1);
    expect(await entries({ actorId: admin.id, action: 'team.', to: newest })).toHaveLength(6);
    expect(await entries({ action: 'team.', actorId: supervisor.id })).toHaveLength(1);

    for (const bad of [{ from: 'yesterday' }, { action: 'DROP TABLE' }, { limit: '0' }, { cursor: 'nope' }, { actorId: 'x' }, { from: '2026-12-02T00:00:00Z', to: '2026-12-01T00:00:00Z' }, { format: 'xml' }]) {
      const refused = await api.http.get('/api/audit').query(bad).set(admin.auth);
      expect(refused.status).toBe(400);
      expect(refused.headers['content-type']).toMatch(/problem\+json/);
    }
  });

  it('exports CSV, injection-safe, and audits the export', async () => {
    await api.http.post('/api/teams').set(admin.auth).send({ name: '=HYPERLINK("http://evil.test")' }).expect(201);
    const res = await api.http.get('/api/audit').query({ format: 'csv', action: 'team.created' }).set(admin.auth).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment/);
    const lines = res.text.trim().split('\r\n');
    expect(lines[0]).toBe('at,actor_type,actor_id,actor_name,actor_role,address,user_agent,action,target_type,target_id,target_label,before,after,request_id');
    expect(lines.length).toBeGreaterThan(8);
    expect(res.text).toContain(`"'=HYPERLINK(""http://evil.test"")"`);
    expect(res.text).not.toMatch(/(^|,)=HYPERLINK/m);
    const [exported] = await entries({ action: 'audit.exported' });
    expect(exported).toMatchObject({ actor: { id: admin.id }, after: { rows: lines.length - 1, filter: { action: 'team.created' } } });
  });

  it('is append-only in the database: UPDATE, DELETE and TRUNCATE are refused; the purge function keeps the last day', async () => {
    const before = await count();
    await expect(api.database.db.query(`UPDATE audit_entries SET action = 'x'`)).rejects.toThrow(/append-only/);
    await expect(api.database.db.query(`DELETE FROM audit_entries`)).rejects.toThrow(/append-only/);
    await expect(api.database.db.query(`TRUNCATE audit_entries`)).rejects.toThrow(/append-only/);
    await expect(api.database.db.query(`SELECT purge_audit_entries(now(), 100)`)).rejects.toThrow(/younger than a day/);
    // A session setting alone does not open the door for recent rows either.
    await expect(api.database.db.query(`SELECT set_config('firsthand.audit_purge_before', '2000-01-01', false); DELETE FROM audit_entries`)).rejects.toThrow();
    expect(await count()).toBe(before);
  });

  it('retention deletes entries older than FIRSTHAND_AUDIT_RETENTION_DAYS through the sanctioned path, and records that it did', async () => {
    const insertAt = (days: number, action: string) =>
      api.database.db.query(`INSERT INTO audit_entries (at, actor_type, action, target_type) VALUES (now() - make_interval(days => $1), 'system', $2, 'test')`, [days, action]);
    await insertAt(400, 'old.one');
    await insertAt(366, 'old.two');
    await insertAt(364, 'kept.young');
    const retention = new AuditRetention(api.app.get(AuditLog), new SystemClock(), { ...api.config, audit: { retentionDays: 365 } });
    expect(await retention.sweep()).toBe(2);
    const left = (await api.database.db.query(`SELECT action FROM audit_entries WHERE target_type = 'test'`)).map((r: { action: string }) => r.action);
    expect(left).toEqual(['kept.young']);
    const [purged] = await entries({ action: 'audit.purged' });
    expect(purged).toMatchObject({ actor: { type: 'system' }, after: { removed: 2, retentionDays: 365 } });
    expect(await retention.sweep()).toBe(0);
    expect(await entries({ action: 'audit.purged' })).toHaveLength(1);
  });
});
