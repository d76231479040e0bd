import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** First-contact assist over real HTTP and PostgreSQL: suggestions, who sees which solved ticket, recorded uses, the FCR split, resolution drafts. */
describe('first-contact assist', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let contract: OpenApiContract;
  let li: TestAgent;
  let sam: TestAgent;
  let senior: TestAgent;
  let ada: TestAgent;
  let billing: string;
  let publicArticle: string;
  let internalArticle: string;
  let solvedHere: string;
  let solvedElsewhere: string;
  let openElsewhere: string;
  let current: string;

  const solve = async (who: TestAgent, ticketId: string, replies: string[], note: string | null, resolution: string) => {
    for (const body of replies) await api.http.post(`/api/tickets/${ticketId}/messages`).set(who.auth).send({ body, visibility: 'public' }).expect(201);
    if (note) await api.http.post(`/api/tickets/${ticketId}/messages`).set(who.auth).send({ body: note, visibility: 'internal' }).expect(201);
    await api.http.post(`/api/tickets/${ticketId}/status`).set(who.auth).send({ status: 'resolved', resolution }).expect(200);
  };
  const uses = () => api.database.db.query(`SELECT ticket_id, kind, article_id, source_ticket_id, agent_id FROM ticket_assist_uses ORDER BY id`);

  beforeAll(async () => {
    api = await startApi({ PUBLIC_BASE_URL: 'https://help.example.com' });
    f = new HelpdeskFactory(api);
    const front = await f.team('Front Desk', true);
    billing = await f.team('Billing');
    [li, sam, senior, ada] = await Promise.all([f.agent('agent', front, 'Li Wei'), f.agent('agent', billing, 'Sam Ho'), f.agent('senior', front, 'Chen Jie'), f.agent('supervisor', null, 'Ada Wang')]);
    contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
    const category = (await api.http.post('/api/kb/categories').set(senior.auth).send({ slug: 'refunds', nameEn: 'Refunds', nameZhCn: '退款' }).expect(201)).body.id;
    const article = (body: Record<string, unknown>) => api.http.post('/api/kb/articles').set(senior.auth).send({ categoryId: category, status: 'published', ...body }).expect(201);
    publicArticle = (await article({ titleEn: 'Kettle refund', bodyEn: 'A broken **kettle** is refunded within 5 days.' })).body.id;
    internalArticle = (await article({ audience: 'internal', titleEn: 'Kettle refund exceptions', bodyEn: 'Seniors approve late kettle refunds.' })).body.id;

    const here = await f.customerTicket({ subject: 'Refund for a broken kettle', description: 'The kettle leaks.' }, { name: 'Alice Martin', email: 'alice@example.com' });
    solvedHere = here.id;
    await solve(li, solvedHere, ['Dear Alice Martin, your kettle refund was sent; questions to alice@example.com or +86 138 0013 8000. <script>alert(1)</script>'], 'Checked with the warehouse first', 'Refunded');

    // Billing's tickets: solved (with two replies, so not first-contact) and open; Li must never see them.
    const elsewhere = await f.customerTicket({ subject: 'Kettle refund missing', description: 'Where is my kettle refund?' });
    const stillOpen = await f.customerTicket({ subject: 'Kettle refund question', description: 'kettle' });
    solvedElsewhere = elsewhere.id;
    openElsewhere = stillOpen.id;
    await api.database.db.query(`UPDATE tickets SET team_id = $1 WHERE id = ANY($2::uuid[])`, [billing, [solvedElsewhere, openElsewhere]]);
    await solve(sam, solvedElsewhere, ['Looking into it', 'Refund sent'], 'Billing secret note', 'Refunded late');

    current = (await f.customerTicket({ subject: 'My kettle refund', description: 'The kettle broke, I want a refund.' })).id;
  });
  afterAll(() => api.close());

  it('shows matching articles (internal too) and similar solved tickets the agent may see, with how they were solved', async () => {
    const res = await api.http.get(`/api/tickets/${current}/assist?lang=en`).set(li.auth);
    expect(res.status).toBe(200);
    expect(contract.problems(contract.responseSchema('get', '/api/tickets/{id}/assist', 200), res.body)).toEqual([]);
    const articles = res.body.articles as Array<{ id: string; url: string | null; text: string; audience: string }>;
    expect(articles.map((a) => a.id).sort()).toEqual([publicArticle, internalArticle].sort());
    expect(articles.find((a) => a.id === publicArticle)).toMatchObject({ url: expect.stringMatching(/^https:\/\/help\.example\.com\/help\/articles\/kettle-refund/), text: expect.stringContaining('refunded within 5 days') });
    expect(articles.find((a) => a.id === internalArticle)).toMatchObject({ audience: 'internal', url: null });
    // Billing's solved ticket, open tickets and the ticket itself never appear for Li.
    expect(res.body.similarTickets).toEqual([
      expect.objectContaining({ id: solvedHere, status: 'resolved', resolution: 'Refunded', finalReply: expect.objectContaining({ body: expect.stringContaining('kettle refund was sent') }), lastInternalNote: expect.objectContaining({ body: 'Checked with the warehouse first' }) }),
    ]);
    expect(JSON.stringify(res.body)).not.toContain('Billing secret note');

    const all = await api.http.get(`/api/tickets/${current}/assist`).set(ada.auth).expect(200);
    expect(all.body.similarTickets.map((t: { id: string }) => t.id).sort()).toEqual([solvedHere, solvedElsewhere].sort());
    expect(all.body.similarTickets.map((t: { id: string }) => t.id)).not.toContain(openElsewhere);

    expect((await api.http.get(`/api/tickets/${current}/assist`).set(sam.auth)).status).toBe(404);
    expect((await api.http.get(`/api/tickets/not-a-uuid/assist`).set(li.auth)).status).toBe(400);
    expect((await api.http.get(`/api/tickets/${current}/assist?lang=fr`).set(li.auth)).status).toBe(400);
    expect((await api.http.get(`/api/tickets/${current}/assist`)).status).toBe(401);
  });

  it('refuses a suggestion the agent may not use with 400 and writes nothing; records a valid one with its message', async () => {
    const before = { ticket: await f.snapshot(current), counts: await f.counts(), uses: await uses() };
    const reply = (suggestion: unknown) => api.http.post(`/api/tickets/${current}/messages`).set(li.auth).send({ body: 'Your refund is on its way.', visibility: 'public', suggestion });
    for (const bad of [
      { kind: 'ticket', id: solvedElsewhere },
      { kind: 'ticket', id: current },
      { kind: 'ticket', id: openElsewhere },
      { kind: 'article', id: '00000000-0000-4000-8000-000000000000' },
      { kind: 'comment', id: publicArticle },
      { kind: 'article', id: 'x' },
      'article',
    ]) {
      const res = await reply(bad);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    expect({ ticket: await f.snapshot(current), counts: await f.counts(), uses: await uses() }).toEqual(before);

    await reply({ kind: 'ticket', id: solvedHere }).expect(201);
    await api.http.post(`/api/tickets/${current}/messages`).set(senior.auth).send({ body: 'See the exceptions article', visibility: 'internal', suggestion: { kind: 'article', id: internalArticle } }).expect(201);
    expect(await uses()).toEqual([
      { ticket_id: current, kind: 'ticket', article_id: null, source_ticket_id: solvedHere, agent_id: li.id },
      { ticket_id: current, kind: 'article', article_id: internalArticle, source_ticket_id: null, agent_id: senior.id },
    ]);
  });

  it('reports the first-contact rate of resolved tickets that used a suggestion and of those that did not', async () => {
    await api.http.post(`/api/tickets/${current}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    const res = await api.http.get('/api/metrics/assist').query({ from: day(-1), to: day(1) }).set(ada.auth);
    expect(res.status).toBe(200);
    expect(contract.problems(contract.responseSchema('get', '/api/metrics/assist', 200), res.body)).toEqual([]);
    expect(res.body).toMatchObject({ used: { resolved: 1, firstContact: 1, rate: 1 }, notUsed: { resolved: 2, firstContact: 1, rate: 0.5 } });
    const empty = await api.http.get('/api/metrics/assist').query({ from: day(-30), to: day(-20) }).set(ada.auth).expect(200);
    expect(empty.body).toMatchObject({ used: { resolved: 0, rate: null }, notUsed: { resolved: 0, rate: null } });
    expect((await api.http.get('/api/metrics/assist').query({ from: day(-1), to: day(1) }).set(li.auth)).status).toBe(403);
    expect((await api.http.get('/api/metrics/assist').query({ from: 'yesterday', to: day(1) }).set(ada.auth)).status).toBe(400);
  });

  it('turns a resolution into a sanitized draft article without the customer\'s personal data; refused for agents', async () => {
    const articles = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM kb_articles`))[0].n;
    const before = await articles();
    const refused = await api.http.post(`/api/tickets/${solvedHere}/assist/article`).set(li.auth).send({});
    expect(refused.status).toBe(403);
    expect((await api.http.post(`/api/tickets/${openElsewhere}/assist/article`).set(ada.auth).send({})).status).toBe(409);
    expect((await api.http.post(`/api/tickets/${solvedHere}/assist/article`).set(senior.auth).send({ categoryId: 'nope' })).status).toBe(400);
    expect((await api.http.post(`/api/tickets/${solvedElsewhere}/assist/article`).set(senior.auth).send({})).status).toBe(404);
    expect(await articles()).toBe(before);

    const made = await api.http.post(`/api/tickets/${solvedHere}/assist/article`).set(senior.auth).send({});
    expect(made.status).toBe(201);
    expect(contract.problems(contract.responseSchema('post', '/api/tickets/{id}/assist/article', 201), made.body)).toEqual([]);
    expect(made.body).toMatchObject({ article: { status: 'draft', titleEn: 'Refund for a broken kettle', titleZhCn: null }, editorPath: `/supervisor/kb?article=${made.body.article.id}` });
    expect(made.body.removed.sort()).toEqual(['customer-name', 'email', 'phone']);
    const { bodyEn, htmlEn } = made.body.article;
    expect(bodyEn).toContain('your kettle refund was sent');
    expect(bodyEn).not.toMatch(/Alice|Martin|alice@example\.com|138/);
    expect(htmlEn).not.toMatch(/<script/i);
    expect(await articles()).toBe(before + 1);
  });
});
