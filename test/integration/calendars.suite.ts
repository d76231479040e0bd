import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALWAYS_OPEN_UTC, initialDueTimes, reachSlaThreshold } from '@firsthand/domain';
import { ALWAYS_OPEN_CALENDAR_ID, readComplaintCapCalendar, readSlaCalendar, readSlaCalendars, SlaEscalationLedger, SlaReplans } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import { ReplanSlaClocks } from '../../apps/worker/src/sla/replan-sla-clocks.js';
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

  it("a re-plan moves a ticket's own targets onto the changed calendar: a policy shortened since applies to tickets opened after it", async () => {
    const desk = await f.team('Replan Desk');
    const hours = (start: string, end: string, days: number[]) => Object.fromEntries(days.map((d) => [String(d), [{ start, end }]]));
    const calendar = (await create({ name: 'Desk hours', zone: 'UTC', week: hours('09:00', '17:00', [1, 2, 3, 4, 5]) }).expect(201)).body.id;
    await api.http.put(`/api/teams/${desk}/calendar`).set(supervisor.auth).send({ calendarId: calendar }).expect(200);
    const db = api.database.db;
    const replanner = new ReplanSlaClocks(api.app.get(SlaReplans), api.app.get(TicketWriter));
    const replanAll = async () => {
      while ((await db.query(`SELECT 1 FROM sla_replans WHERE done_at IS NULL`)).length) await replanner.run();
    };
    await replanAll();
    const key = { teamId: desk, priority: 'normal' as const, tier: 'standard' as const, complaint: false };
    const [policy] = await db.query(`SELECT first_response_seconds, update_cadence_seconds, resolution_seconds FROM sla_policies WHERE priority = 'normal' AND tier = 'standard'`);
    const planned = { firstResponseMinutes: 240, updateCadenceMinutes: 240, resolutionMinutes: 2880 };
    const row = async (id: string) =>
      (await db.query(`SELECT created_at, first_response_due_at, resolution_due_at, sla_first_response_seconds, sla_resolution_seconds, sla_first_response_warn_at FROM tickets WHERE id = $1`, [id]))[0];
    const open = async (subject: string) =>
      (await api.http.post('/api/tickets').set(supervisor.auth).send({ subject, description: 'Card declined.', kind: 'problem', teamId: desk, customer: { name: 'Lu Yan', email: `lu-${Date.now()}@example.com` } }).expect(201)).body.id as string;
    try {
      await api.http.put('/api/sla-policies/normal/standard').set(admin.auth).send(planned).expect(200);
      const ticket = await open('Promised a solution by the 15th');
      const opened = await row(ticket);
      const onDeskHours = initialDueTimes('problem', { ...planned, calendar: await readSlaCalendar(db.manager, key) }, opened.created_at);
      expect(opened).toMatchObject({ ...dueColumns(onDeskHours), sla_first_response_seconds: 240 * 60, sla_resolution_seconds: 2880 * 60 });

      // The supervisor shortens the policy (the page saves its calendar choice too, which asks for a re-plan of every ticket),
      // then the team's hours change: two re-plans, neither with the new targets.
      const shortened = { firstResponseMinutes: 1, updateCadenceMinutes: 1, resolutionMinutes: 2, calendarId: null };
      await api.http.put('/api/sla-policies/normal/standard').set(admin.auth).send(shortened).expect(200);
      await replanAll();
      expect(await row(ticket)).toEqual(opened);
      await api.http.put(`/api/calendars/${calendar}`).set(supervisor.auth).send({ name: 'Desk hours', zone: 'UTC', week: hours('08:00', '20:00', [1, 2, 3, 4, 5, 6, 7]) }).expect(200);
      await replanAll();

      const longerHours = initialDueTimes('problem', { ...planned, calendar: await readSlaCalendar(db.manager, key) }, opened.created_at);
      const replanned = await row(ticket);
      expect(replanned).toMatchObject({ ...dueColumns(longerHours), sla_first_response_seconds: 240 * 60, sla_resolution_seconds: 2880 * 60 });
      expect(replanned.sla_first_response_warn_at.getTime()).toBeGreaterThan(Date.now());
      const events = await db.query(`SELECT type, payload FROM ticket_events WHERE ticket_id = $1 AND type LIKE 'sla_%' ORDER BY seq`, [ticket]);
      expect(events).toEqual([
        {
          type: 'sla_replanned',
          payload: {
            reason: `calendar ${calendar} edited`,
            firstResponseDueAt: { from: onDeskHours.firstResponseDueAt.toISOString(), to: longerHours.firstResponseDueAt.toISOString() },
            resolutionDueAt: { from: onDeskHours.resolutionDueAt.toISOString(), to: longerHours.resolutionDueAt.toISOString() },
          },
        },
      ]);
      // Nothing for the worker's overdue sweep to escalate.
      expect(await new SlaEscalationLedger(db).overdueTicketIds(new Date(), 1000)).not.toContain(ticket);

      // A ticket opened after the change is planned, and keeps, the shortened targets.
      const later = await row(await open('Opened after the change'));
      expect(later).toMatchObject({ sla_first_response_seconds: 60, sla_resolution_seconds: 120 });
    } finally {
      await db.query(`UPDATE sla_policies SET first_response_seconds = $1, update_cadence_seconds = $2, resolution_seconds = $3 WHERE priority = 'normal' AND tier = 'standard'`, [
        policy.first_response_seconds, policy.update_cadence_seconds, policy.resolution_seconds,
      ]);
      await api.http.put(`/api/teams/${desk}/calendar`).set(supervisor.auth).send({ calendarId: null }).expect(200);
    }
  });

  // Last in the file: it undoes the newest migration and runs it again.
  it('the migration records on tickets not closed the targets they were planned with, from the audit log where a policy changed since', async () => {
    const db = api.database.db;
    const desk = await f.team('Backfill Desk');
    const policies = await db.query(`SELECT priority, tier, first_response_seconds, update_cadence_seconds, resolution_seconds FROM sla_policies`);
    const setPolicy = (path: string, first: number, resolution: number) =>
      api.http.put(`/api/sla-policies/${path}`).set(admin.auth).send({ firstResponseMinutes: first, updateCadenceMinutes: 60, resolutionMinutes: resolution }).expect(200);
    const open = async (subject: string, email = `backfill-${subject.length}-${Date.now()}@example.com`) =>
      (await api.http.post('/api/tickets').set(supervisor.auth).send({ subject, description: 'Card declined.', teamId: desk, customer: { name: 'Gao Lin', email } }).expect(201)).body.id as string;
    const recorded = async (id: string) =>
      (await db.query(`SELECT sla_first_response_seconds AS first, sla_resolution_seconds AS resolution FROM tickets WHERE id = $1`, [id]))[0];
    try {
      await setPolicy('normal/standard', 240, 2880);
      await setPolicy('normal/member', 120, 1440);
      const before = await open('Opened before the policy changed');
      const raised = await open('Raised by the critical stage');
      // The critical stage, as the worker applies it once 150% of the first response has passed.
      await api.app.get(TicketWriter).changeAsSystem(raised, ({ ticket }) =>
        reachSlaThreshold(ticket, { target: 'first_response', stage: 'critical', dueAt: ticket.firstResponseDueAt! }, new Date(Date.now() + 86_400_000), { teamAgentIds: [], seniorAndSupervisorIds: [] }),
      );
      expect((await db.query(`SELECT priority FROM tickets WHERE id = $1`, [raised]))[0].priority).toBe('high');
      const email = `member-${Date.now()}@example.com`;
      const upgraded = await open('Customer became a member', email);
      const [{ customer_id: customerId }] = await db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [upgraded]);
      await api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'member' }).expect(200);
      const closed = await open('Closed as spam');
      await api.http.post('/api/tickets/bulk').set(supervisor.auth).send({ action: 'close_as_spam', ticketIds: [closed] }).expect(200);
      await setPolicy('normal/standard', 1, 2);
      await setPolicy('normal/member', 3, 4);
      const after = await open('Opened after the change');

      // Back to the schema before it: the migrations after it are undone first; the bound only stops a runaway loop.
      for (let undone = 0; ; undone++) {
        const [last] = await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
        expect(undone).toBeLessThan(50);
        await db.undoLastMigration({ transaction: 'each' });
        if (last.name === 'TicketPlannedSlaTargets1763805300000') break;
      }
      await db.runMigrations({ transaction: 'each' });

      expect(await recorded(before)).toEqual({ first: 240 * 60, resolution: 2880 * 60 });
      // Normal's targets when it was opened, not high's, nor normal's now.
      expect(await recorded(raised)).toEqual({ first: 240 * 60, resolution: 2880 * 60 });
      // Re-planned by the tier change under member's targets of that moment.
      expect(await recorded(upgraded)).toEqual({ first: 120 * 60, resolution: 1440 * 60 });
      expect(await recorded(after)).toEqual({ first: 60, resolution: 120 });
      expect(await recorded(closed)).toEqual({ first: null, resolution: null });
    } finally {
      for (const p of policies) {
        await db.query(`UPDATE sla_policies SET first_response_seconds = $3, update_cadence_seconds = $4, resolution_seconds = $5 WHERE priority = $1 AND tier = $2`, [
          p.priority, p.tier, p.first_response_seconds, p.update_cadence_seconds, p.resolution_seconds,
        ]);
      }
    }
  });
});

const dueColumns = (due: { firstResponseDueAt: Date; resolutionDueAt: Date }) => ({ first_response_due_at: due.firstResponseDueAt, resolution_due_at: due.resolutionDueAt });
