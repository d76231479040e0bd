import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** `PUT /api/agents/me/locale`: the language of an agent's own emails and live notices. */
describe("an agent's notification language", () => {
  let api: ApiHarness;
  let li: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    const f = new HelpdeskFactory(api);
    li = await f.agent('agent', await f.team('Front Desk', true), 'Li Wei');
  });
  afterAll(() => api.close());

  const stored = async () => (await api.database.db.query(`SELECT locale, xmin::text AS version FROM agents WHERE id = $1`, [li.id]))[0] as { locale: string; version: string };

  it('is set by the agent for themselves; the same language again writes nothing', async () => {
    await api.http.put('/api/agents/me/locale').set(li.auth).send({ locale: 'zh-CN' }).expect(200, { locale: 'zh-CN' });
    const chinese = await stored();
    expect(chinese.locale).toBe('zh-CN');
    await api.http.put('/api/agents/me/locale').set(li.auth).send({ locale: 'zh-CN' }).expect(200, { locale: 'zh-CN' });
    expect(await stored()).toEqual(chinese);
    await api.http.put('/api/agents/me/locale').set(li.auth).send({ locale: 'en' }).expect(200, { locale: 'en' });
    expect((await stored()).locale).toBe('en');
  });

  it('refuses anything but a known language, and anyone signed out, changing nothing', async () => {
    const before = await stored();
    for (const body of [{ locale: 'fr' }, { locale: '' }, {}, { locale: ['en'] }]) {
      const res = await api.http.put('/api/agents/me/locale').set(li.auth).send(body).expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('locale');
    }
    await api.http.put('/api/agents/me/locale').send({ locale: 'zh-CN' }).expect(401);
    expect(await stored()).toEqual(before);
  });
});
