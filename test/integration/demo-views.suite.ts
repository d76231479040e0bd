import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The demo data `npm start` creates includes the Front Desk's three shared views, with working counts. */
describe('demo data: the team views', () => {
  let api: ApiHarness;

  beforeAll(async () => {
    api = await startApi({ FIRSTHAND_SEED_DEMO: 'true' });
  });
  afterAll(() => api.close());

  it('gives a Front Desk agent "VIP waiting", "Complaints" and "Breaching" with live counts', async () => {
    const login = await api.http.post('/api/auth/login').send({ email: 'li.wei@firsthand.local', password: 'firsthand-demo' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const views = (await api.http.get('/api/views').set(auth).expect(200)).body.items as Array<{ id: string; name: string; preset: string | null; scope: string; mayChange: boolean; filters: Record<string, unknown> }>;
    expect(views.map((v) => v.name).sort()).toEqual(['Breaching', 'Complaints', 'VIP waiting']);
    // Made from presets, so each console names them in its language.
    expect(views.map((v) => v.preset).sort()).toEqual(['breaching', 'complaints', 'vip_waiting']);
    expect(views.every((v) => v.scope === 'team' && !v.mayChange)).toBe(true);
    const counts = new Map(((await api.http.get('/api/views/counts').set(auth).expect(200)).body.items as Array<{ id: string; count: number }>).map((c) => [c.id, c.count]));
    const complaints = views.find((v) => v.name === 'Complaints')!;
    const [row] = await api.database.db.query(`SELECT count(*)::int AS n FROM tickets WHERE kind = 'complaint' AND status IN ('new', 'open', 'pending_customer')`);
    expect(row.n).toBeGreaterThan(0);
    expect(counts.get(complaints.id)).toBe(row.n);

    // Its supervisor changes its order: still the preset. Renames it: the team's own, named as typed, in every language.
    const wang = await api.http.post('/api/auth/login').send({ email: 'wang.fang@firsthand.local', password: 'firsthand-demo' }).expect(200);
    const byWang = { Authorization: `Bearer ${wang.body.accessToken}` };
    expect((await api.http.patch(`/api/views/${complaints.id}`).set(byWang).send({ sort: 'newest' }).expect(200)).body.preset).toBe('complaints');
    expect((await api.http.patch(`/api/views/${complaints.id}`).set(byWang).send({ name: '投诉（前台）' }).expect(200)).body).toMatchObject({ name: '投诉（前台）', preset: null });
  });

  // Shares this suite's demo API rather than booting another (issue 14's demo calendars).
  it('puts the demo teams on the China calendar and VIP x urgent on 24×7', async () => {
    const login = await api.http.post('/api/auth/login').send({ email: 'wang.fang@firsthand.local', password: 'firsthand-demo' }).expect(200);
    const auth = { Authorization: `Bearer ${login.body.accessToken}` };
    const calendars = (await api.http.get('/api/calendars').set(auth).expect(200)).body.items as Array<{ name: string; zone: string; teamIds: string[]; holidays: unknown[]; extraWorkingDays: unknown[] }>;
    const china = calendars.find((c) => c.name === '中国 (Asia/Shanghai)')!;
    expect(china).toMatchObject({ zone: 'Asia/Shanghai' });
    expect([china.holidays.length, china.extraWorkingDays.length, china.teamIds.length]).toEqual([33, 6, 2]);
    expect(calendars.find((c) => c.name === 'en/US (America/New_York)')).toMatchObject({ zone: 'America/New_York', teamIds: [] });
    const [team] = china.teamIds;
    const preview = (priority: string, tier: string) => api.http.get('/api/sla-policies/preview').query({ priority, tier, teamId: team, at: '2026-02-16T04:00:00Z' }).set(auth).expect(200);
    expect((await preview('urgent', 'vip')).body.calendar).toMatchObject({ source: 'policy', alwaysOpen: true });
    // 除夕, noon in Shanghai: a normal standard ticket waits for the first working morning after the Spring Festival.
    const normal = (await preview('normal', 'standard')).body;
    expect(normal.calendar).toMatchObject({ source: 'team', name: '中国 (Asia/Shanghai)' });
    expect(normal.firstResponseDue.local).toBe('2026-02-24T14:00:00+08:00');
  });

  // Shares this suite's demo API (issue 16's demo help center).
  it('has a small bilingual help center in which 退款 finds the refund article, and one article for agents only', async () => {
    const found = (await api.http.get('/api/help/suggestions').query({ q: '退款', lang: 'zh-CN' }).expect(200)).body.items as Array<{ slug: string; title: string }>;
    expect(found[0]).toMatchObject({ slug: 'how-to-request-a-refund', title: '如何申请退款' });
    expect(found.map((a) => a.slug)).not.toContain('refund-exceptions-for-agents');
    const page = await api.http.get('/help?lang=en').expect(200);
    for (const name of ['Refunds', 'Orders &amp; delivery', 'Account']) expect(page.text).toContain(`<h2>${name}</h2>`);
    const [row] = await api.database.db.query(`SELECT count(*) FILTER (WHERE audience = 'public')::int AS public, count(*) FILTER (WHERE audience = 'internal')::int AS internal FROM kb_articles WHERE status = 'published'`);
    expect(row).toEqual({ public: 6, internal: 1 });
  });
  // Shares this suite's demo API: the bot answers the demo's standard questions at its default 70% from a fresh start.
  it.each([
    ['退款', 'zh-CN', '如何申请退款'],
    ['退款申请', 'zh-CN', '如何申请退款'],
    ['申请退款', 'zh-CN', '如何申请退款'],
    ['refund', 'en', 'How to request a refund'],
    ['Refund request', 'en', 'How to request a refund'],
  ])('answers a new ticket "%s" (%s) with the refund article', async (subject, locale, title) => {
    const res = await api.http
      .post('/api/tickets')
      .send({ subject, description: 'Please help.', channel: 'web', kind: 'question', customer: { name: 'Demo Customer', email: `demo-${Math.random()}@example.com`, locale } })
      .expect(201);
    expect(res.body.automaticAnswer).toMatchObject({ title, locale });
    const [answer] = await api.database.db.query(`SELECT confidence FROM bot_answers WHERE ticket_id = $1`, [res.body.id]);
    expect(Number(answer.confidence)).toBeGreaterThanOrEqual(0.7);
  });
});
