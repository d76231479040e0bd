import type { Response } from 'supertest';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

/** The knowledge base over real HTTP and PostgreSQL: who writes and reads what, versions, search, the help center, deflections, bad input. */
describe('knowledge base', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let contract: OpenApiContract;
  let agent: TestAgent;
  let senior: TestAgent;
  let supervisor: TestAgent;
  let refunds: string;
  let delivery: string;
  let refundArticle: { id: string; slug: string };
  let internalArticle: { id: string; slug: string };
  let draftArticle: { id: string; slug: string };

  const conforms = (res: Response, method: string, path: string, status: number) => {
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(contract.problems(contract.responseSchema(method, path, status), res.body)).toEqual([]);
  };
  const tables = async () => {
    const db = api.database.db;
    return {
      articles: await db.query(`SELECT id, slug, version, status, title_en, title_zh_cn, search_doc::text FROM kb_articles ORDER BY id`),
      versions: await db.query(`SELECT article_id, version FROM kb_article_versions ORDER BY article_id, version`),
      categories: await db.query(`SELECT * FROM kb_categories ORDER BY id`),
      deflections: await db.query(`SELECT article_id, query, locale FROM kb_deflections ORDER BY id`),
      tickets: (await db.query(`SELECT count(*)::int AS n FROM tickets`))[0].n,
    };
  };
  const write = (who: TestAgent, body: Record<string, unknown>) => api.http.post('/api/kb/articles').set(who.auth).send(body);
  const suggestions = (q: string, lang = 'zh-CN') => api.http.get('/api/help/suggestions').query({ q, lang });

  beforeAll(async () => {
    api = await startApi({ FIRSTHAND_LIMIT_DEFLECTIONS_PER_ADDRESS_PER_HOUR: '4', PUBLIC_BASE_URL: 'https://help.example.com' });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    [agent, senior, supervisor] = await Promise.all([f.agent('agent', team, 'Li Wei'), f.agent('senior', team, 'Chen Jie'), f.agent('supervisor', null, 'Wang Fang')]);
    contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
    refunds = (await api.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款', botMayAnswer: true }).expect(201)).body.id;
    delivery = (await api.http.post('/api/kb/categories').set(supervisor.auth).send({ slug: 'delivery', nameEn: 'Orders & delivery', nameZhCn: '订单与配送', position: 2 }).expect(201)).body.id;
  });
  afterAll(() => api.close());

  it('seniors and supervisors write articles with versions; agents may not, and a refused write changes nothing', async () => {
    const before = await tables();
    const refused = await write(agent, { categoryId: refunds, titleEn: 'x', bodyEn: 'y' });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('role-required'), requiredRoles: ['senior', 'supervisor', 'admin'] });
    expect((await api.http.post('/api/kb/categories').set(agent.auth).send({ slug: 'x', nameEn: 'x', nameZhCn: 'x' })).status).toBe(403);
    expect(await tables()).toEqual(before);

    const created = await write(senior, {
      categoryId: refunds,
      status: 'published',
      titleEn: 'How to request a refund',
      bodyEn: 'Ask within **30 days**. See [the policy](https://example.com/policy).',
      titleZhCn: '如何申请退款',
      bodyZhCn: '签收后 30 天内可以申请退款，退款会原路退回。',
    });
    conforms(created, 'post', '/api/kb/articles', 201);
    expect(created.body).toMatchObject({ slug: 'how-to-request-a-refund', status: 'published', audience: 'public', version: 1, mayEdit: true, helpUrl: 'https://help.example.com/help/articles/how-to-request-a-refund' });
    expect(created.body.htmlEn).toContain('<strong>30 days</strong>');
    refundArticle = created.body;

    const changed = await api.http.patch(`/api/kb/articles/${refundArticle.id}`).set(supervisor.auth).send({ titleEn: 'Requesting a refund', baseVersion: 1 });
    conforms(changed, 'patch', '/api/kb/articles/{id}', 200);
    expect(changed.body).toMatchObject({ version: 2, titleEn: 'Requesting a refund', titleZhCn: '如何申请退款' });
    const stale = await api.http.patch(`/api/kb/articles/${refundArticle.id}`).set(senior.auth).send({ titleEn: 'Mine', baseVersion: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ type: expect.stringContaining('article-changed'), version: 2 });

    const versions = await api.http.get(`/api/kb/articles/${refundArticle.id}/versions`).set(senior.auth);
    conforms(versions, 'get', '/api/kb/articles/{id}/versions', 200);
    expect(versions.body.items.map((v: { version: number; savedByName: string }) => [v.version, v.savedByName])).toEqual([[2, 'Wang Fang'], [1, 'Chen Jie']]);
    expect(versions.body.nextBefore).toBeNull();
    // A page at a time (each version carries its whole text): newest first, then the older ones.
    const newest = await api.http.get(`/api/kb/articles/${refundArticle.id}/versions?limit=1`).set(senior.auth).expect(200);
    conforms(newest, 'get', '/api/kb/articles/{id}/versions', 200);
    expect(newest.body).toMatchObject({ items: [expect.objectContaining({ version: 2 })], nextBefore: 2 });
    const older = await api.http.get(`/api/kb/articles/${refundArticle.id}/versions?limit=1&before=2`).set(senior.auth).expect(200);
    expect(older.body).toMatchObject({ items: [expect.objectContaining({ version: 1 })], nextBefore: null });
    expect((await api.http.get(`/api/kb/articles/${refundArticle.id}/versions?before=99`).set(senior.auth).expect(200)).body.items.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    for (const bad of ['limit=0', 'limit=51', 'limit=x', 'before=1', 'before=2147483648']) {
      const refused = await api.http.get(`/api/kb/articles/${refundArticle.id}/versions?${bad}`).set(senior.auth);
      expect([bad, refused.status, refused.headers['content-type']]).toEqual([bad, 400, expect.stringContaining('application/problem+json')]);
    }
    expect((await api.http.get(`/api/kb/articles/00000000-0000-4000-8000-000000000000/versions`).set(senior.auth)).status).toBe(404);
    const first = await api.http.get(`/api/kb/articles/${refundArticle.id}/versions/1`).set(senior.auth);
    conforms(first, 'get', '/api/kb/articles/{id}/versions/{version}', 200);
    expect(first.body).toMatchObject({ version: 1, titleEn: 'How to request a refund', savedById: senior.id });
    expect((await api.http.get(`/api/kb/articles/${refundArticle.id}/versions/9`).set(senior.auth)).status).toBe(404);
    expect((await api.http.get(`/api/kb/articles/${refundArticle.id}/versions/x`).set(senior.auth)).status).toBe(400);
    expect((await api.http.get(`/api/kb/articles/${refundArticle.id}/versions`).set(agent.auth)).status).toBe(403);
  });

  it('agents read published public and internal articles, never drafts; editors read everything', async () => {
    internalArticle = (await write(senior, { categoryId: refunds, status: 'published', audience: 'internal', titleEn: 'Refund exceptions', bodyEn: 'Seniors may approve late refunds for VIP customers.' }).expect(201)).body;
    draftArticle = (await write(senior, { categoryId: delivery, titleEn: 'Delivery times draft', bodyEn: 'Parcels arrive in 2-4 days.' }).expect(201)).body;
    const seen = async (who: TestAgent) => ((await api.http.get('/api/kb/articles').set(who.auth).expect(200)).body.items as Array<{ id: string }>).map((a) => a.id).sort();
    expect(await seen(agent)).toEqual([refundArticle.id, internalArticle.id].sort());
    expect(await seen(senior)).toEqual([refundArticle.id, internalArticle.id, draftArticle.id].sort());
    const listed = await api.http.get('/api/kb/articles?status=draft').set(supervisor.auth);
    conforms(listed, 'get', '/api/kb/articles', 200);
    expect(listed.body.items.map((a: { id: string }) => a.id)).toEqual([draftArticle.id]);
    expect((await api.http.get(`/api/kb/articles/${draftArticle.id}`).set(agent.auth)).status).toBe(404);
    const internal = await api.http.get(`/api/kb/articles/${internalArticle.id}`).set(agent.auth);
    conforms(internal, 'get', '/api/kb/articles/{id}', 200);
    expect(internal.body).toMatchObject({ mayEdit: false, helpUrl: null });
    expect((await api.http.get('/api/kb/articles')).status).toBe(401);
  });

  it('sanitizes on save: typed HTML stays text, script links are dropped; on render even HTML written into the table', async () => {
    const hostile = await write(senior, {
      categoryId: delivery,
      status: 'published',
      slug: 'hostile',
      titleEn: 'Hostile <b>title</b>',
      bodyEn: '<script>alert(1)</script> <img src=x onerror=alert(2)> [x](javascript:alert(3))',
    });
    expect(hostile.status).toBe(201);
    expect(hostile.body.htmlEn).not.toMatch(/<script|<img|href="javascript/i);
    await api.database.db.query(`UPDATE kb_articles SET html_en = $2, version = version + 1 WHERE id = $1`, [
      hostile.body.id,
      '<p onclick="steal()">Hi</p><script>alert(4)</script><a href="javascript:alert(5)">l</a>',
    ]);
    const page = await api.http.get('/help/articles/hostile?lang=en').expect(200);
    const body = /<div class="body">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? '';
    expect(body).toContain('<p>Hi</p>');
    expect(body).not.toMatch(/<script|onclick|javascript:|alert/i);
    expect(page.text).not.toMatch(/<script|<img|href="javascript/i);
    expect(page.text).toContain('<title>Hostile &lt;b&gt;title&lt;/b&gt; · Help center</title>');
    await api.http.delete(`/api/kb/articles/${hostile.body.id}`).set(senior.auth).expect(204);
    expect((await api.http.get('/help/articles/hostile')).status).toBe(404);
  });

  it('finds articles in Chinese and English with the ticket segmentation, kept current on every save', async () => {
    const zh = await suggestions('我想申请退款');
    conforms(zh, 'get', '/api/help/suggestions', 200);
    expect(zh.body.items[0]).toMatchObject({ id: refundArticle.id, locale: 'zh-CN', title: '如何申请退款', categoryName: '退款', url: '/help/articles/how-to-request-a-refund?lang=zh-CN' });
    expect(zh.body.items[0].score).toBeGreaterThan(0.5);
    expect(zh.body.items[0].excerpt).toBe('签收后 30 天内可以申请退款，退款会原路退回。');
    const en = await suggestions('refunds', 'en');
    expect(en.body.items.map((i: { id: string }) => i.id)).toEqual([refundArticle.id]);
    // The snippet is the article's text: no Markdown, no markup, the link's words kept.
    expect(en.body.items[0].excerpt).toBe('Ask within 30 days. See the policy.');
    // The customer never sees internal articles or drafts; agents' matches include internal ones.
    expect((await suggestions('VIP late refunds', 'en')).body.items.map((i: { id: string }) => i.id)).not.toContain(internalArticle.id);
    expect((await suggestions('Parcels arrive', 'en')).body.items).toEqual([]);
    const agents = await api.http.get('/api/kb/matches').query({ q: 'VIP late refunds', lang: 'en' }).set(agent.auth);
    conforms(agents, 'get', '/api/kb/matches', 200);
    expect(agents.body.items[0].id).toBe(internalArticle.id);

    // Publishing the draft makes it searchable at once; a changed title is searched by its new words.
    await api.http.patch(`/api/kb/articles/${draftArticle.id}`).set(senior.auth).send({ status: 'published', titleZhCn: '配送需要多久', bodyZhCn: '包裹通常 2-4 天送达。' }).expect(200);
    expect((await suggestions('配送')).body.items.map((i: { id: string }) => i.id)).toEqual([draftArticle.id]);
    expect((await suggestions('Parcels arrive', 'en')).body.items.map((i: { id: string }) => i.id)).toEqual([draftArticle.id]);
  });

  it('serves the help center as real HTML: titles, description, lang, canonical, language switch, security headers', async () => {
    const home = await api.http.get('/help').set('Accept-Language', 'zh-CN,zh;q=0.9,en;q=0.8').expect(200);
    expect(home.headers['content-type']).toMatch(/^text\/html/);
    expect(home.headers['content-security-policy']).toMatch(/default-src 'none'.*frame-ancestors 'none'/);
    expect(home.headers['content-security-policy']).not.toMatch(/script-src/);
    expect(home.text).toContain('<html lang="zh-CN">');
    expect(home.text).toContain('<title>帮助中心</title>');
    expect(home.text).toContain('<h2>退款</h2>');
    expect(home.text).toContain('href="/help/articles/how-to-request-a-refund?lang=zh-CN">如何申请退款</a>');
    expect(home.text).not.toContain('Refund exceptions');

    const article = await api.http.get('/help/articles/how-to-request-a-refund?lang=en').expect(200);
    expect(article.text).toContain('<html lang="en">');
    expect(article.text).toContain('<title>Requesting a refund · Help center</title>');
    expect(article.text).toMatch(/<meta name="description" content="Ask within 30 days\. See the policy\.">/);
    expect(article.text).toContain('<link rel="canonical" href="https://help.example.com/help/articles/how-to-request-a-refund?lang=en">');
    expect(article.text).toContain('href="/help/articles/how-to-request-a-refund?lang=zh-CN">中文</a>');
    expect(article.text).toContain('<a rel="nofollow noopener noreferrer" href="https://example.com/policy">the policy</a>');
    expect((await api.http.get('/help/articles/how-to-request-a-refund').set('Accept-Language', 'zh').expect(200)).text).toContain('<h1>如何申请退款</h1>');

    const search = await api.http.get('/help/search').query({ q: '退款', lang: 'zh-CN' }).expect(200);
    expect(search.text).toContain('如何申请退款');
    expect(search.text).toContain('<meta name="robots" content="noindex">');
    expect((await api.http.get('/help/search').query({ q: 'x'.repeat(201) })).status).toBe(400);
    expect((await api.http.get('/help/help.css').expect(200)).headers['content-type']).toMatch(/^text\/css/);

    for (const slug of [internalArticle.slug, 'no-such-article', '..%2F..%2Fetc', 'UPPER']) {
      const missing = await api.http.get(`/help/articles/${slug}`);
      expect(missing.status).toBe(404);
      expect(missing.headers['content-type']).toMatch(/^text\/html/);
    }
    await api.http.patch(`/api/kb/articles/${draftArticle.id}`).set(senior.auth).send({ status: 'draft' }).expect(200);
    expect((await api.http.get(`/help/articles/${draftArticle.slug}`)).status).toBe(404);
  });

  it('records "this answered my question" without a ticket, counts it per article for supervisors, and limits it per address', async () => {
    const before = await tables();
    const recorded = await api.http.post('/api/help/deflections').send({ articleId: refundArticle.id, query: '退款', locale: 'zh-CN' });
    expect(recorded.status).toBe(204);
    await api.http.post('/api/help/deflections').send({ articleId: refundArticle.id, query: 'refund', locale: 'en' }).expect(204);
    const after = await tables();
    expect(after.tickets).toBe(before.tickets);
    expect(after.deflections.slice(before.deflections.length)).toEqual([
      { article_id: refundArticle.id, query: '退款', locale: 'zh-CN' },
      { article_id: refundArticle.id, query: 'refund', locale: 'en' },
    ]);

    // An internal or unknown article, or bad input, records nothing.
    for (const body of [
      { articleId: internalArticle.id, query: 'x', locale: 'en' },
      { articleId: '00000000-0000-4000-8000-000000000000', query: 'x', locale: 'en' },
      { articleId: 'nope', query: 'x', locale: 'fr' },
      { articleId: refundArticle.id, query: '', locale: 'en' },
    ]) {
      const res = await api.http.post('/api/help/deflections').send(body);
      expect([400, 404]).toContain(res.status);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    }
    expect((await tables()).deflections).toEqual(after.deflections);

    const counts = await api.http.get('/api/kb/deflections').set(supervisor.auth);
    conforms(counts, 'get', '/api/kb/deflections', 200);
    expect(counts.body.items).toEqual([expect.objectContaining({ articleId: refundArticle.id, deflections: 2 })]);
    expect((await api.http.get('/api/kb/deflections').set(senior.auth)).status).toBe(403);
    expect((await api.http.get('/api/kb/deflections?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z').set(supervisor.auth)).status).toBe(400);

    // The limit is 4 an hour in this suite: 4 attempts reached the route above (bad input is refused before it), the next is refused and records nothing.
    const limited = await api.http.post('/api/help/deflections').send({ articleId: refundArticle.id, query: 'again', locale: 'en' });
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toBeDefined();
    expect((await tables()).deflections).toEqual(after.deflections);
  });

  it('refuses bad input with problem+json naming the field, changing nothing', async () => {
    const before = await tables();
    const cases: Array<[string, Record<string, unknown>]> = [
      ['categoryId', { categoryId: '00000000-0000-4000-8000-000000000000', titleEn: 'a', bodyEn: 'b' }],
      ['bodyEn', { categoryId: refunds, titleEn: 'title without body' }],
      ['titleEn', { categoryId: refunds }],
      ['slug', { categoryId: refunds, slug: 'Not A Slug', titleEn: 'a', bodyEn: 'b' }],
      ['titleEn', { categoryId: refunds, titleEn: 'x'.repeat(161), bodyEn: 'b' }],
      ['bodyZhCn', { categoryId: refunds, titleZhCn: '标题', bodyZhCn: '正文\u0000' }],
      ['status', { categoryId: refunds, titleEn: 'a', bodyEn: 'b', status: 'live' }],
    ];
    for (const [field, body] of cases) {
      const res = await write(senior, body);
      expect({ field, status: res.status }).toEqual({ field, status: 400 });
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(JSON.stringify(res.body.errors)).toContain(field);
    }
    const taken = await write(senior, { categoryId: refunds, slug: 'how-to-request-a-refund', titleEn: 'a', bodyEn: 'b' });
    expect(taken.status).toBe(409);
    expect((await api.http.patch(`/api/kb/articles/${refundArticle.id}`).set(senior.auth).send({ titleEn: null })).status).toBe(400);
    expect((await api.http.patch('/api/kb/articles/not-a-uuid').set(senior.auth).send({})).status).toBe(400);
    expect((await suggestions('x')).status).toBe(400);
    expect((await suggestions('x'.repeat(201))).status).toBe(400);
    expect((await api.http.get('/api/help/suggestions').query({ q: 'refund', lang: 'fr' })).status).toBe(400);
    expect((await api.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Again', nameZhCn: '再' })).status).toBe(409);
    expect(await tables()).toEqual(before);
  });

  it('keeps articles in the search rebuild: a lost document is written again', async () => {
    const { reindexArticles } = await import('@firsthand/persistence');
    await api.database.db.query(`UPDATE kb_articles SET search_doc = ''::tsvector`);
    expect((await suggestions('退款')).body.items).toEqual([]);
    const n = await api.database.db.transaction((em) => reindexArticles(em));
    expect(n).toBeGreaterThanOrEqual(3);
    expect((await suggestions('退款')).body.items[0].id).toBe(refundArticle.id);
  });
  it('finds the article holding every typed word among many that share a common one, also while an order number is typed', async () => {
    // More articles say "order" in their body than one candidate source reads (50): the match must
    // still come from the words together and from the titles, not from whichever 50 come first.
    for (let batch = 0; batch < 6; batch++) {
      await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          write(senior, { categoryId: delivery, status: 'published', titleEn: `Store note ${batch * 10 + i}`, bodyEn: `Keep your order number ${batch * 10 + i} at hand.` }).expect(201),
        ),
      );
    }
    const wanted = (
      await write(senior, { categoryId: delivery, status: 'published', titleEn: 'Parcel shows delivered but never arrived', bodyEn: 'If your order shows delivered, check with neighbours first.' }).expect(201)
    ).body as { id: string };
    const bodyOnly = (
      await write(senior, { categoryId: delivery, status: 'published', titleEn: 'Lost shipments', bodyEn: 'An order marked delivered that never arrived is traced by the carrier.' }).expect(201)
    ).body as { id: string };
    const ids = (res: Response) => res.body.items.map((i: { id: string }) => i.id);
    // Title first (every word there), then the article holding them all in its body, before any "order" filler.
    expect(ids(await suggestions('order delivered never arrived', 'en')).slice(0, 2)).toEqual([wanted.id, bodyOnly.id]);
    // A number found in no article does not hide them (it only lowers their score).
    const typing = await suggestions('order 2026444593 delivered never arrived', 'en');
    expect(ids(typing).slice(0, 2)).toEqual([wanted.id, bodyOnly.id]);
    expect(typing.body.items[0].score).toBeLessThan((await suggestions('order delivered never arrived', 'en')).body.items[0].score);
    // The title's own index follows an edit: the old title's words no longer count as title words.
    await api.http.patch(`/api/kb/articles/${wanted.id}`).set(senior.auth).send({ titleEn: 'Missing parcels' }).expect(200);
    const after = (await suggestions('order delivered never arrived', 'en')).body.items as Array<{ id: string; score: number }>;
    expect(after[0].id).toBe(bodyOnly.id);
    expect(after.find((i) => i.id === wanted.id)?.score ?? 0).toBeLessThan(after[0].score);
  });
});
