import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALWAYS_OPEN_UTC } from '@firsthand/domain';
import { ALWAYS_OPEN_CALENDAR_ID, readComplaintCapCalendar, readSlaCalendar, readSlaCalendars } from '@firsthand/persistence';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const ics = (name: string) => readFileSync(join(process.cwd(), 'libs/domain/src/business-time/fixtures', name), 'utf8');

/** Business calendars over real HTTP and PostgreSQL (issue 14): routes, bad input changing nothing, replan requests, the resolver's order. */
describe('business calendars', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let team: string;
  let agent: TestAgent;
  let supervisor: TestAgent;
  let admin: TestAgent;

  const OFFICE = {
    name: 'Shanghai office',
    zone: 'Asia/Shanghai',
    week: Object.fromEntries([1, 2, 3, 4, 5].map((d) => [String(d), [{ start: '09:00', end: '12:00' }, { start: '13:00', end: '18:00' }]])),
    holidays: [{ date: '2026-02-16', name: '春节' }],
    extraWorkingDays: [{ date: '2026-02-14', name: '春节补班' }],
  };
  const create = (body: object, who: TestAgent = supervisor) => api.http.post('/api/calendars').set(who.auth).send(body);
  const state = async () => {
    const [row] = await api.database.db.query(
      `SELECT (SELECT count(*)::int FROM business_calendars) AS calendars, (SELECT count(*)::int FROM business_calendar_days) AS days,
              (SELECT count(*)::int FROM sla_replans) AS replans, (SELECT coalesce(jsonb_agg(calendar_id), '[]') FROM teams) AS teams,
              (SELECT jsonb_agg(jsonb_build_array(priority, tier, calendar_id, first_response_seconds) ORDER BY priority, tier) FROM sla_policies) AS policies,
              (SELECT row_to_json(s) FROM sla_calendar_settings s) AS settings`,
    );
    return row;
  };
  const replans = () => api.database.db.query(`SELECT reason, team_ids, done_at FROM sla_replans ORDER BY id`);

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    [agent, supervisor, admin] = await Promise.all([f.agent('agent', team, 'Li Wei'), f.agent('supervisor', team, 'Wang Fang'), f.agent('admin', team, 'Chen Jie')]);
  });
  afterAll(() => api.close());

  it('starts with the seeded 24×7 calendar as the default, complaints capped in 24×7', async () => {
    const list = await api.http.get('/api/calendars').set(agent.auth).expect(200);
    expect(list.body.items).toEqual([expect.objectContaining({ id: ALWAYS_OPEN_CALENDAR_ID, name: '24×7 (UTC)', zone: 'UTC', alwaysOpen: true, isDefault: true })]);
    const settings = await api.http.get('/api/calendar-settings').set(agent.auth).expect(200);
    expect(settings.body).toMatchObject({ defaultCalendarId: ALWAYS_OPEN_CALENDAR_ID, complaintCap: 'always_open' });
  });

  it('creates, reads, replaces; agents read only; a taken name is 409', async () => {
    await create(OFFICE, agent).expect(403);
    const created = await create(OFFICE).expect(201);
    expect(created.body).toMatchObject({ ...OFFICE, alwaysOpen: false, makeUpHours: null, isDefault: false, teamIds: [], createdBy: supervisor.id });
    await api.http.get(`/api/calendars/${created.body.id}`).set(agent.auth).expect(200);
    await create({ ...OFFICE, name: 'SHANGHAI OFFICE' }).expect(409);

    const replaced = await api.http
      .put(`/api/calendars/${created.body.id}`)
      .set(admin.auth)
      .send({ ...OFFICE, name: 'Shanghai office (short Friday)', week: { ...OFFICE.week, '5': [{ start: '09:00', end: '15:00' }] }, holidays: [], makeUpHours: [{ start: '10:00', end: '16:00' }] })
      .expect(200);
    expect(replaced.body).toMatchObject({ name: 'Shanghai office (short Friday)', holidays: [], makeUpHours: [{ start: '10:00', end: '16:00' }], updatedBy: admin.id });
    expect(replaced.body.week['5']).toEqual([{ start: '09:00', end: '15:00' }]);
    await api.http.put(`/api/calendars/${created.body.id}`).set(agent.auth).send(OFFICE).expect(403);
    const taken = await api.http.put(`/api/calendars/${created.body.id}`).set(admin.auth).send({ ...OFFICE, name: '24×7 (utc)' }).expect(409);
    expect(taken.body.type).toBe('https://firsthand.dev/problems/calendar-name-taken');
    await api.http.delete(`/api/calendars/${created.body.id}`).set(supervisor.auth).expect(204);
    await api.http.get(`/api/calendars/${created.body.id}`).set(agent.auth).expect(404);
  });

  it.each([
    ['overlapping ranges', { ...OFFICE, week: { '1': [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '18:00' }] } }, 'week.1[1]'],
    ['a zone that does not exist', { ...OFFICE, zone: 'Asia/Atlantis' }, 'zone'],
    ['a calendar with no working time', { ...OFFICE, week: {} }, 'week'],
    ['a range that ends before it starts', { ...OFFICE, week: { '2': [{ start: '18:00', end: '09:00' }] } }, 'week.2[0]'],
    ['13 ranges in a day', { ...OFFICE, week: { '3': Array.from({ length: 13 }, (_, i) => ({ start: `${String(i + 8).padStart(2, '0')}:00`, end: `${String(i + 8).padStart(2, '0')}:30` })) } }, 'week.3'],
    ['a date that is not one', { ...OFFICE, holidays: [{ date: '2026-02-30', name: 'Nope' }] }, 'holidays[0].date'],
    ['a date listed twice', { ...OFFICE, holidays: [{ date: '2026-02-14', name: 'Closed' }] }, 'extraWorkingDays[0].date'],
    ['more than 1000 days', { ...OFFICE, holidays: Array.from({ length: 1001 }, (_, i) => ({ date: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), name: 'Day' })) }, 'holidays'],
    ['an unknown field', { ...OFFICE, colour: 'red' }, 'colour'],
    ['no name', { ...OFFICE, name: '' }, 'name'],
  ])('refuses %s with 400 naming the field, and stores nothing', async (_, body, field) => {
    const before = await state();
    const res = await create(body).expect(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(await state()).toEqual(before);
  });

  it('gives each refused calendar rule a reason and what it is about, for a page to word in its own language', async () => {
    const res = await create({ ...OFFICE, zone: 'Asia/Atlantis', week: { '1': [{ start: '09:00', end: '13:00' }, { start: '12:00', end: '25:00' }], '2': [{ start: '12:00', end: '13:00' }, { start: '09:00', end: '12:30' }] } }).expect(400);
    expect(res.body.errors).toEqual([
      { field: 'zone', messages: ['"Asia/Atlantis" is not an IANA time zone'], reason: 'unknown-zone', values: { zone: 'Asia/Atlantis' } },
      { field: 'week.1[1].end', messages: ['must be a time HH:mm from 00:01 to 24:00'], reason: 'not-a-time' },
      { field: 'week.2[0]', messages: ['overlaps week.2[1]'], reason: 'overlaps', values: { other: 'week.2[1]' } },
    ]);
  });

  describe('importing iCalendar', () => {
    let calendar: string;

    beforeAll(async () => {
      calendar = (await create({ ...OFFICE, name: 'China import' }).expect(201)).body.id;
      await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: calendar }).expect(200);
    });

    it('merges a China feed: holidays and make-up working days, timed events listed as skipped, a replan asked for the team', async () => {
      const before = (await replans()).length;
      const res = await api.http.post(`/api/calendars/${calendar}/import`).set(supervisor.auth).send({ ics: ics('china-2026.ics'), mode: 'merge' }).expect(200);
      expect(res.body.imported).toEqual({ holidays: 20, extraWorkingDays: 4 });
      expect(res.body.skipped).toEqual([{ summary: '团队会议', reason: 'is a timed event, not an all-day one' }]);
      expect(res.body.calendar.holidays).toHaveLength(20);
      expect(res.body.calendar.holidays).toContainEqual({ date: '2026-02-16', name: '春节' });
      expect(res.body.calendar.extraWorkingDays.map((d: { date: string }) => d.date)).toEqual(['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09']);
      const after = await replans();
      expect(after).toHaveLength(before + 1);
      expect(after.at(-1)).toMatchObject({ team_ids: [team], done_at: null, reason: expect.stringContaining('imported (merge)') });
    });

    it('replaces with a US feed: only its days remain', async () => {
      const res = await api.http.post(`/api/calendars/${calendar}/import`).set(supervisor.auth).send({ ics: ics('us-federal-2026.ics'), mode: 'replace' }).expect(200);
      expect(res.body.calendar.holidays.map((d: { date: string }) => d.date)).toEqual(['2026-01-01', '2026-01-19', '2026-07-03', '2026-11-26', '2026-12-25']);
      expect(res.body.calendar.extraWorkingDays).toEqual([]);
    });

    it.each([
      ['a file that does not parse', { ics: 'this is not a calendar', mode: 'merge' }, 'ics'],
      ['an unknown mode', { ics: ics('china-2026.ics'), mode: 'append' }, 'mode'],
      ['an .ics over 200,000 characters', { ics: 'x'.repeat(200_001), mode: 'merge' }, 'ics'],
    ])('refuses %s with 400 and changes nothing', async (_, body, field) => {
      const before = await state();
      const res = await api.http.post(`/api/calendars/${calendar}/import`).set(supervisor.auth).send(body).expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await state()).toEqual(before);
    });

    it('is for supervisors and admins, on a calendar that exists', async () => {
      await api.http.post(`/api/calendars/${calendar}/import`).set(agent.auth).send({ ics: ics('china-2026.ics'), mode: 'merge' }).expect(403);
      await api.http.post(`/api/calendars/00000000-0000-4000-8000-000000000999/import`).set(supervisor.auth).send({ ics: ics('china-2026.ics'), mode: 'merge' }).expect(404);
    });
  });

  it('resolves policy override, then team, then default; complaints on the cap calendar; the preview says which and when', async () => {
    const china = (await create({ ...OFFICE, name: 'Resolver China' }).expect(201)).body.id;
    const fallback = (await create({ ...OFFICE, name: 'Resolver default', zone: 'Europe/Berlin' }).expect(201)).body.id;
    const other = await f.team('Back Office');
    const em = api.database.db.manager;
    const key = { teamId: other, priority: 'normal' as const, tier: 'standard' as const, complaint: false };

    expect(await readSlaCalendar(em, key)).toEqual(ALWAYS_OPEN_UTC);
    await api.http.put('/api/calendar-settings').set(supervisor.auth).send({ defaultCalendarId: fallback, complaintCap: 'always_open' }).expect(200);
    expect((await readSlaCalendar(em, key)).zone).toBe('Europe/Berlin');
    await api.http.put(`/api/teams/${other}/calendar`).set(supervisor.auth).send({ calendarId: china }).expect(200);
    expect(await readSlaCalendar(em, key)).toMatchObject({ zone: 'Asia/Shanghai', holidays: OFFICE.holidays, extraWorkingDays: OFFICE.extraWorkingDays });
    expect(await readSlaCalendar(em, { ...key, complaint: true })).toEqual(ALWAYS_OPEN_UTC);

    const targets = { firstResponseMinutes: 60, updateCadenceMinutes: 240, resolutionMinutes: 1440 };
    // Friday 13 February 2026, 17:30 in Shanghai: 30 minutes left that day, then the make-up Saturday.
    const preview = (teamId: string) => api.http.get('/api/sla-policies/preview').query({ priority: 'normal', tier: 'standard', teamId, at: '2026-02-13T09:30:00Z' }).set(agent.auth).expect(200);
    await api.http.put('/api/sla-policies/normal/standard').set(admin.auth).send(targets).expect(200);
    const byTeam = (await preview(other)).body;
    expect(byTeam).toMatchObject({
      calendar: { id: china, name: 'Resolver China', zone: 'Asia/Shanghai', source: 'team' },
      openedAt: { at: '2026-02-13T09:30:00.000Z', local: '2026-02-13T17:30:00+08:00' },
      firstResponseDue: { at: '2026-02-14T01:30:00.000Z', local: '2026-02-14T09:30:00+08:00' },
    });

    await api.http.put('/api/sla-policies/normal/standard').set(admin.auth).send({ ...targets, calendarId: ALWAYS_OPEN_CALENDAR_ID }).expect(200);
    expect(await readSlaCalendar(em, key)).toEqual(ALWAYS_OPEN_UTC);
    expect((await preview(other)).body).toMatchObject({ calendar: { source: 'policy', alwaysOpen: true }, firstResponseDue: { at: '2026-02-13T10:30:00.000Z', local: '2026-02-13T10:30:00Z' } });
    await api.http.put('/api/sla-policies/normal/standard').set(admin.auth).send({ ...targets, calendarId: null }).expect(200);

    await api.http.put('/api/calendar-settings').set(supervisor.auth).send({ defaultCalendarId: fallback, complaintCap: 'ticket_calendar' }).expect(200);
    expect((await readComplaintCapCalendar(em, key)).zone).toBe('Asia/Shanghai');
    expect(await readSlaCalendars(em, key)).toEqual({ calendar: await readSlaCalendar(em, key), complaintCapCalendar: await readComplaintCapCalendar(em, key) });
    const pending = await api.database.db.query(`SELECT reason, team_ids FROM sla_replans WHERE done_at IS NULL ORDER BY id`);
    expect(pending.filter((r: { team_ids: string[] | null }) => r.team_ids === null).length).toBeGreaterThanOrEqual(4);
    expect(pending).toContainEqual({ reason: expect.stringContaining(`team ${other}`), team_ids: [other] });

    await api.http.put('/api/calendar-settings').set(supervisor.auth).send({ defaultCalendarId: ALWAYS_OPEN_CALENDAR_ID, complaintCap: 'always_open' }).expect(200);
  });

  it("saving a policy's targets or a team's calendar without changing the calendar asks for no re-plan of open tickets", async () => {
    const team = await f.team('Same Calendar');
    const office = (await create({ ...OFFICE, name: 'Unchanged office' }).expect(201)).body.id;
    await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: office }).expect(200);
    const counted = async () =>
      (await api.database.db.query(`SELECT (SELECT count(*)::int FROM sla_replans) AS replans, (SELECT count(*)::int FROM audit_entries WHERE action = 'calendar.team_assigned') AS assigned`))[0];
    const before = await counted();
    // The policy page sends the calendar it shows with every save, here the team's (null), as before.
    await api.http.put('/api/sla-policies/low/vip').set(admin.auth).send({ firstResponseMinutes: 2, updateCadenceMinutes: 3, resolutionMinutes: 6, calendarId: null }).expect(200);
    await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: office }).expect(200);
    expect(await counted()).toEqual(before);
    // A calendar that does change still asks for one.
    await api.http.put('/api/sla-policies/low/vip').set(admin.auth).send({ firstResponseMinutes: 2, updateCadenceMinutes: 3, resolutionMinutes: 6, calendarId: office }).expect(200);
    await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: null }).expect(200);
    expect(await counted()).toEqual({ replans: before.replans + 2, assigned: before.assigned + 1 });
    await api.http.put('/api/sla-policies/low/vip').set(admin.auth).send({ firstResponseMinutes: 120, updateCadenceMinutes: 720, resolutionMinutes: 2880, calendarId: null }).expect(200);
  });

  it('refuses a calendar or team that does not exist, and bad preview input, changing nothing', async () => {
    const missing = '00000000-0000-4000-8000-000000000998';
    const before = await state();
    const refused = [
      await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: missing }).expect(400),
      await api.http.put(`/api/teams/${team}/calendar`).set(supervisor.auth).send({ calendarId: 'china' }).expect(400),
      await api.http.put('/api/calendar-settings').set(supervisor.auth).send({ defaultCalendarId: missing, complaintCap: 'always_open' }).expect(400),
      await api.http.put('/api/calendar-settings').set(supervisor.auth).send({ defaultCalendarId: ALWAYS_OPEN_CALENDAR_ID, complaintCap: 'sometimes' }).expect(400),
      await api.http.put('/api/sla-policies/urgent/vip').set(admin.auth).send({ firstResponseMinutes: 1, updateCadenceMinutes: 1, resolutionMinutes: 1, calendarId: missing }).expect(400),
      await api.http.get('/api/sla-policies/preview').query({ priority: 'normal', tier: 'gold' }).set(agent.auth).expect(400),
      await api.http.get('/api/sla-policies/preview').query({ priority: 'normal', tier: 'standard', at: 'tomorrow' }).set(agent.auth).expect(400),
      await api.http.get('/api/sla-policies/preview').query({ priority: 'normal', tier: 'standard', teamId: missing }).set(agent.auth).expect(400),
    ];
    expect(refused.map((r) => r.body.errors.map((e: { field: string }) => e.field)[0])).toEqual(['calendarId', 'calendarId', 'defaultCalendarId', 'complaintCap', 'calendarId', 'tier', 'at', 'teamId']);
    await api.http.put(`/api/teams/${missing}/calendar`).set(supervisor.auth).send({ calendarId: null }).expect(404);
    await api.http.put(`/api/teams/${team}/calendar`).set(agent.auth).send({ calendarId: null }).expect(403);
    expect(await state()).toEqual(before);
  });

  it('refuses to delete a calendar while it is the default or in use (409), then deletes it', async () => {
    const id = (await create({ ...OFFICE, name: 'To delete' }).expect(201)).body.id;
    const spare = await f.team('Spare');
    await api.http.put(`/api/teams/${spare}/calendar`).set(supervisor.auth).send({ calendarId: id }).expect(200);
    const inUse = await api.http.delete(`/api/calendars/${id}`).set(supervisor.auth).expect(409);
    expect(inUse.body).toMatchObject({ type: 'https://firsthand.dev/problems/calendar-in-use', teamIds: [spare] });
    await api.http.delete(`/api/calendars/${ALWAYS_OPEN_CALENDAR_ID}`).set(supervisor.auth).expect(409);
    await api.http.put(`/api/teams/${spare}/calendar`).set(supervisor.auth).send({ calendarId: null }).expect(200);
    await api.http.delete(`/api/calendars/${id}`).set(agent.auth).expect(403);
    await api.http.delete(`/api/calendars/${id}`).set(supervisor.auth).expect(204);
    await api.http.delete(`/api/calendars/${id}`).set(supervisor.auth).expect(404);
  });
});
