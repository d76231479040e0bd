import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { SearchConnections } from '@firsthand/persistence';
import { startApi, type ApiHarness } from '../support/api-harness.js';

interface Hit {
  ticket: { id: string; code: string; createdAt: string };
  match: string;
  highlights: Array<{ field: string; text: string; marks: Array<{ start: number; end: number }> }>;
}

const marked = (h: Hit['highlights'][number]) => h.marks.map((m) => h.text.slice(m.start, m.end));

describe('search over real HTTP and PostgreSQL', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let teamA: string;
  let teamB: string;
  let li: TestAgent;
  let zhang: TestAgent;
  let other: TestAgent;

  beforeAll(async () => {
    // One search connection, so that what the first pages left on it can be read back (see the generic-plan test).
    api = await startApi({ DATABASE_SEARCH_POOL_SIZE: '1' });
    f = new HelpdeskFactory(api);
    teamA = await f.team('Front Desk', true);
    teamB = await f.team('Billing');
    [li, zhang, other] = await Promise.all([f.agent('agent', teamA, 'Li Wei'), f.agent('agent', teamA, 'Zhang Min'), f.agent('agent', teamB, 'Sara Lopez')]);
  });
  afterAll(() => api.close());

  const search = (agent: TestAgent, query: Record<string, string | number>) => api.http.get('/api/search').query(query).set(agent.auth);
  const ids = (body: { items: Hit[] }) => body.items.map((h) => h.ticket.id);

  async function claimed(overrides: Record<string, unknown> = {}, customer: Record<string, unknown> = {}) {
    const ticket = await f.customerTicket(overrides, customer);
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    return ticket;
  }

  it('finds a Chinese phrase in a message body and marks its words', async () => {
    const ticket = await claimed({ subject: '订单问题', description: '我的订单还没有到。' });
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: '您好，您的退款申请已经提交给财务部门处理。', visibility: 'public' }).expect(201);
    const res = await search(zhang, { q: '财务部门' }).expect(200);
    expect(ids(res.body)).toEqual([ticket.id]);
    const hit: Hit = res.body.items[0];
    expect(hit.match).toBe('words');
    const message = hit.highlights.find((h) => h.field === 'message')!;
    expect(marked(message).join('')).toBe('财务部门');
    // A phrase the customer wrote, cut differently: every word must match.
    expect(ids((await search(zhang, { q: '退款申请' }).expect(200)).body)).toEqual([ticket.id]);
    expect(ids((await search(zhang, { q: '退款 发票' }).expect(200)).body)).toEqual([]);
  });

  it('finds English words by prefix, ranks the subject above a message, and marks them', async () => {
    const inSubject = await claimed({ subject: 'Printer jammed after the update', description: 'Paper stuck.' });
    const inMessage = await claimed({ subject: 'Something else', description: 'Nothing relevant.' });
    await api.http.post(`/api/tickets/${inMessage.id}/messages`).set(li.auth).send({ body: 'Did the printers jam again?', visibility: 'public' }).expect(201);
    const res = await search(li, { q: 'PRINTER' }).expect(200);
    expect(ids(res.body)).toEqual([inSubject.id, inMessage.id]);
    const subject = (res.body.items[0] as Hit).highlights.find((h) => h.field === 'subject')!;
    expect(subject.text).toBe('Printer jammed after the update');
    expect(marked(subject)).toEqual(['Printer']);
    expect(ids((await search(li, { q: 'printer jammed' }).expect(200)).body)).toEqual([inSubject.id]);
  });

  it('finds the singular for a typed English plural and marks it', async () => {
    const battery = await claimed({ subject: 'Battery swollen in the handheld scanner', description: 'It no longer closes.' });
    const box = await claimed({ subject: 'Delivery damaged', description: 'One box arrived crushed.' });
    const address = await claimed({ subject: 'Wrong invoice', description: 'Nothing here yet.' });
    await api.http.post(`/api/tickets/${address.id}/messages`).set(li.auth).send({ body: 'Please confirm your billing address.', visibility: 'public' }).expect(201);
    const res = await search(li, { q: 'batteries' }).expect(200);
    expect(ids(res.body)).toEqual([battery.id]);
    expect(marked((res.body.items[0] as Hit).highlights.find((h) => h.field === 'subject')!)).toEqual(['Battery']);
    expect(ids((await search(li, { q: 'scanners' }).expect(200)).body)).toEqual([battery.id]);
    expect(ids((await search(li, { q: 'boxes crushed' }).expect(200)).body)).toEqual([box.id]);
    const addresses = await search(li, { q: 'billing addresses' }).expect(200);
    expect(ids(addresses.body)).toEqual([address.id]);
    expect(marked((addresses.body.items[0] as Hit).highlights.find((h) => h.field === 'message')!)).toEqual(['billing', 'address']);
    // The plural itself still matches as a prefix; a word that is not a plural is not folded.
    const boxes = await claimed({ subject: 'Soaked parcels', description: 'The boxes were soaked through.' });
    expect(new Set(ids((await search(li, { q: 'boxes' }).expect(200)).body))).toEqual(new Set([box.id, boxes.id]));
    expect(ids((await search(li, { q: 'glass' }).expect(200)).body)).toEqual([]);
  });

  it('matches a phone on its digits: typed without the spaces, dashes and brackets it is stored with', async () => {
    const spaced = await f.customerTicket({ subject: 'Spaced phone customer' }, { name: '陈大文', email: undefined, phone: '+86 139 2846 5170' });
    const bracketed = await f.customerTicket({ subject: 'Bracketed phone customer' }, { name: 'Dana Brook', email: undefined, phone: '+1 (206) 555-0142' });
    const whole = await search(li, { q: '13928465170' }).expect(200);
    expect(ids(whole.body)).toEqual([spaced.id]);
    expect(whole.body.items[0].match).toBe('partial');
    const phone = whole.body.items[0].highlights.find((h: Hit['highlights'][number]) => h.field === 'phone');
    expect(marked(phone)).toEqual(['139 2846 5170']);
    // All the digits, as stored (country code included), is the phone itself.
    expect((await search(li, { q: '8613928465170' }).expect(200)).body.items[0]).toMatchObject({ ticket: { id: spaced.id }, match: 'contact' });
    expect(ids((await search(li, { q: '2846-5170' }).expect(200)).body)).toEqual([spaced.id]);
    expect(ids((await search(li, { q: '206-555-0142' }).expect(200)).body)).toEqual([bracketed.id]);
    // Under 6 digits, or with letters, the text is not taken as a phone.
    expect(ids((await search(li, { q: '28465' }).expect(200)).body)).not.toContain(spaced.id);
    expect(ids((await search(li, { q: '2846517x' }).expect(200)).body)).toEqual([]);
  });

  it('matches part of a code, an email or a phone, the exact one first', async () => {
    const byEmail = await f.customerTicket({ subject: 'Email customer' }, { name: 'Zhao Lei', email: 'zhao.lei.search@example.com' });
    const byPhone = await f.customerTicket({ subject: 'Phone customer' }, { name: '王小明', email: undefined, phone: '+8613800138123' });
    const partialEmail = await search(li, { q: 'lei.search@exam' }).expect(200);
    expect(ids(partialEmail.body)).toEqual([byEmail.id]);
    expect(partialEmail.body.items[0].match).toBe('partial');
    expect(marked(partialEmail.body.items[0].highlights.find((h: Hit['highlights'][number]) => h.field === 'email'))).toEqual(['lei.search@exam']);
    const exactEmail = await search(li, { q: 'ZHAO.LEI.SEARCH@example.com' }).expect(200);
    expect(exactEmail.body.items[0]).toMatchObject({ ticket: { id: byEmail.id }, match: 'contact' });
    const phone = await search(li, { q: '0013812' }).expect(200);
    expect(ids(phone.body)).toEqual([byPhone.id]);
    expect(marked(phone.body.items[0].highlights.find((h: Hit['highlights'][number]) => h.field === 'phone'))).toEqual(['0013812']);
    // The code itself ranks first; part of it finds it too.
    const code = byPhone.code;
    const exactCode = await search(li, { q: code.toLowerCase() }).expect(200);
    expect(exactCode.body.items[0]).toMatchObject({ ticket: { id: byPhone.id }, match: 'code' });
    const partCode = await search(li, { q: code.slice(-4) }).expect(200);
    expect(ids(partCode.body)).toContain(byPhone.id);
    // A Chinese customer name is found by its words.
    expect(ids((await search(li, { q: '王小明' }).expect(200)).body)).toContain(byPhone.id);
  });

  it('more first pages at once than search connections: each waits its turn and answers its own agent', async () => {
    // One search connection here (see beforeAll): twelve searches arrive together and queue for it.
    const front = await claimed({ subject: 'Queued search wombatlantern front' });
    const billing = await f.customerTicket({ subject: 'Queued search wombatlantern billing' });
    await api.database.db.query(`UPDATE tickets SET team_id = $2 WHERE id = $1`, [billing.id, teamB]);
    const askers = Array.from({ length: 12 }, (_, i) => (i % 2 ? other : zhang));
    const answers = await Promise.all(askers.map((agent) => search(agent, { q: 'wombatlantern' })));
    expect(answers.map((res) => res.status)).toEqual(askers.map(() => 200));
    expect(answers.map((res) => ids(res.body))).toEqual(askers.map((_, i) => [i % 2 ? billing.id : front.id]));
  });

  it('internal notes are found by agents who see the ticket, never by another team nor through the customer\'s page', async () => {
    const ticket = await claimed({ subject: 'Quiet one', description: 'Nothing to see.' });
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: '内部备注：客户疑似重复下单 xylophonequartz', visibility: 'internal' }).expect(201);
    const mine = await search(zhang, { q: 'xylophonequartz' }).expect(200);
    expect(ids(mine.body)).toEqual([ticket.id]);
    expect(mine.body.items[0].highlights.map((h: Hit['highlights'][number]) => h.field)).toContain('internal_note');
    expect(ids((await search(zhang, { q: '重复下单' }).expect(200)).body)).toEqual([ticket.id]);
    expect((await search(other, { q: 'xylophonequartz' }).expect(200)).body.items).toEqual([]);
    expect((await search(other, { q: 'Quiet one' }).expect(200)).body.items).toEqual([]);
    const track = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    expect(JSON.stringify(track.body)).not.toContain('xylophonequartz');
    // The search route is for agents only.
    await api.http.get('/api/search').query({ q: 'xylophonequartz' }).expect(401);
  });

  it('filters work without a query, newest first, and with one', async () => {
    const complaint = await f.customerTicket({ subject: 'Filter complaint zebrafinch', kind: 'complaint', channel: 'email' });
    const question = await f.customerTicket({ subject: 'Filter question zebrafinch', kind: 'question', channel: 'web' });
    const res = await search(li, { kind: 'complaint', status: 'new', limit: 50 }).expect(200);
    expect(ids(res.body)).toContain(complaint.id);
    expect(ids(res.body)).not.toContain(question.id);
    expect(res.body.items.every((h: Hit) => h.match === 'filter')).toBe(true);
    const created = res.body.items.map((h: Hit) => Date.parse(h.ticket.createdAt));
    expect(created).toEqual([...created].sort((a, b) => b - a));
    expect(ids((await search(li, { q: 'zebrafinch', channel: 'web,phone' }).expect(200)).body)).toEqual([question.id]);
    expect(ids((await search(li, { q: 'zebrafinch', teamId: teamB }).expect(200)).body)).toEqual([]);
    const future = new Date(Date.now() + 60_000).toISOString();
    expect((await search(li, { q: 'zebrafinch', from: future }).expect(200)).body.items).toEqual([]);
    expect(ids((await search(li, { q: 'zebrafinch', ownerId: 'unowned', sort: 'oldest' }).expect(200)).body)).toEqual([complaint.id, question.id]);
  });

  it("breaching: past a target now; a resolution clock stopped for the customer's turn only if it ran out first; the next update only while open", async () => {
    const [resolutionLate, pausedInTime, pausedAfterDue, waitingPastUpdate, openPastUpdate, onTime] = await Promise.all(
      Array.from({ length: 6 }, (_, i) => claimed({ subject: `Breach ${i} quokkaridge` })),
    );
    const set = (id: string, assignments: string) => api.database.db.query(`UPDATE tickets SET ${assignments} WHERE id = $1`, [id]);
    await set(resolutionLate.id, `resolution_due_at = now() - interval '1 hour'`);
    await set(pausedInTime.id, `status = 'pending_customer', sla_paused_at = now() - interval '2 hours', resolution_due_at = now() - interval '1 hour'`);
    await set(pausedAfterDue.id, `status = 'pending_customer', sla_paused_at = now() - interval '1 hour', resolution_due_at = now() - interval '2 hours'`);
    await set(waitingPastUpdate.id, `status = 'pending_customer', next_update_due_at = now() - interval '1 hour'`);
    await set(openPastUpdate.id, `next_update_due_at = now() - interval '1 hour'`);
    const res = await search(li, { q: 'quokkaridge', breaching: 'true', limit: 50 }).expect(200);
    expect(new Set(ids(res.body))).toEqual(new Set([resolutionLate.id, pausedAfterDue.id, openPastUpdate.id]));
    expect(ids((await search(li, { q: 'quokkaridge', limit: 50 }).expect(200)).body)).toContain(onTime.id);
  });

  it('refuses bad input with a 400 naming each field', async () => {
    const cases: Array<[Record<string, string>, string]> = [
      [{ status: 'lost' }, 'status'],
      [{ priority: 'asap' }, 'priority'],
      [{ tier: 'gold' }, 'tier'],
      [{ channel: 'fax' }, 'channel'],
      [{ kind: 'rant' }, 'kind'],
      [{ ownerId: 'somebody' }, 'ownerId'],
      [{ teamId: 'x' }, 'teamId'],
      [{ from: 'yesterday' }, 'from'],
      [{ from: '2026-02-01T00:00:00Z', to: '2026-01-01T00:00:00Z' }, 'to'],
      [{ limit: '51' }, 'limit'],
      [{ limit: '0' }, 'limit'],
      [{ q: 'x'.repeat(201) }, 'q'],
      [{ q: 'one two three four five six seven eight nine' }, 'q'],
      [{ tags: Array.from({ length: 11 }, (_, i) => `t${i}`).join(',') }, 'tags'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      // Forged cursors: a time before any ticket could exist, a rank that is no number, an unknown match class.
      [{ cursor: Buffer.from(JSON.stringify(['newest', 0, 0, '-999999999999999999', '00000000-0000-4000-8000-000000000000'])).toString('base64url') }, 'cursor'],
      [{ cursor: Buffer.from(JSON.stringify(['relevance', 0, 'NaN', '1', '00000000-0000-4000-8000-000000000000'])).toString('base64url'), q: 'x' }, 'cursor'],
      [{ cursor: Buffer.from(JSON.stringify(['relevance', 9, 0, '1', '00000000-0000-4000-8000-000000000000'])).toString('base64url'), q: 'x' }, 'cursor'],
      // Where ranking stops: a forged time out of PostgreSQL's range, or a seventh field.
      [{ cursor: Buffer.from(JSON.stringify(['relevance', 0, 0, '1', '00000000-0000-4000-8000-000000000000', '-1'])).toString('base64url'), q: 'x' }, 'cursor'],
      [{ cursor: Buffer.from(JSON.stringify(['relevance', 0, 0, '1', '00000000-0000-4000-8000-000000000000', null, 1])).toString('base64url'), q: 'x' }, 'cursor'],
      [{ breaching: 'maybe' }, 'breaching'],
      [{ sort: 'random' }, 'sort'],
      [{ q: 'nul\u0000byte' }, 'q'],
      [{ tags: 'vip,\u0000' }, 'tags'],
      [{ tags: 'vip,,x' }, 'tags'],
      [{ unknown: '1' }, 'unknown'],
    ];
    for (const [query, field] of cases) {
      const res = await search(li, query);
      expect({ query, status: res.status }).toEqual({ query, status: 400 });
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    // A cursor of one order is refused in another.
    await f.customerTicket({ subject: 'wombatcursor one' });
    await f.customerTicket({ subject: 'wombatcursor two' });
    const page = await search(li, { q: 'wombatcursor', limit: 1 }).expect(200);
    expect(page.body.nextCursor).not.toBeNull();
    await search(li, { q: 'wombatcursor', limit: 1, sort: 'newest', cursor: page.body.nextCursor }).expect(400);
    // Tricky text is only text: no 5xx, whatever is typed.
    for (const q of ["'", '\\', '&|!():*', "o'brien & ", '%_%', '中文\u0001', '😀😀😀', '   ']) {
      const res = await search(li, { q });
      expect({ q, status: res.status }).toEqual({ q, status: res.status < 500 ? res.status : 'server error' });
    }
  });

  it('keyset pages stay stable while new matches arrive', async () => {
    const made: string[] = [];
    for (let i = 0; i < 7; i += 1) made.push((await f.customerTicket({ subject: `Pagination marmoset ${i}`, description: i % 2 ? 'marmoset marmoset' : 'plain' })).id);
    for (const sort of ['relevance', 'newest', 'oldest']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: Record<string, string | number> = { q: 'marmoset', limit: 3, sort };
        if (cursor) query.cursor = cursor;
        const res: { body: { items: Hit[]; nextCursor: string | null } } = await search(li, query).expect(200);
        seen.push(...ids(res.body));
        cursor = res.body.nextCursor;
        pages += 1;
        // A new match arriving mid-walk neither shifts nor repeats what the pages already hold.
        if (pages === 1) made.push((await f.customerTicket({ subject: `Pagination marmoset late ${sort}` })).id);
      } while (cursor && pages < 10);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen.filter((id) => made.slice(0, 7).includes(id)).sort()).toEqual(made.slice(0, 7).sort());
    }
  });

  it('runs a first page prepared on its generic plan, without parallel workers, on the search connection', async () => {
    const ticket = await claimed({ subject: 'Generic plan capybara', description: 'capybara capybara' });
    for (const q of ['capybara', 'Capybara', 'generic capybara']) expect(ids((await search(zhang, { q }).expect(200)).body)).toEqual([ticket.id]);
    const connection = api.app.get(SearchConnections);
    const [settings] = await connection.rows<{ plans: string; parallel: string }>(
      `SELECT current_setting('plan_cache_mode') AS plans, current_setting('max_parallel_workers_per_gather') AS parallel`,
      [],
    );
    expect(settings).toEqual({ plans: 'force_generic_plan', parallel: '0' });
    // The first pages' statement (the same text for all three: the words are parameters), planned once, never for its words.
    const statements = await connection.rows<{ statement: string; generic: string; custom: string }>(
      `SELECT statement, generic_plans::text AS generic, custom_plans::text AS custom FROM pg_prepared_statements WHERE statement LIKE '%ts_rank%' AND statement NOT LIKE '%pg_prepared_statements%'`,
      [],
    );
    expect(statements.length).toBeGreaterThanOrEqual(1);
    expect(statements.reduce((n, s) => n + Number(s.generic), 0)).toBeGreaterThanOrEqual(3);
    expect(statements.every((s) => s.custom === '0')).toBe(true);
  });

  it('keeps the index current in the transaction of every change', async () => {
    const ticket = await claimed({ subject: 'Before the reply', description: 'Waiting.' });
    expect((await search(li, { q: 'narwhalsong' }).expect(200)).body.items).toEqual([]);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Replying with narwhalsong', visibility: 'public' }).expect(201);
    expect(ids((await search(li, { q: 'narwhalsong' }).expect(200)).body)).toEqual([ticket.id]);
    await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: '客户回复：谢谢你们的帮助' }).expect(201);
    expect(ids((await search(li, { q: '谢谢 帮助' }).expect(200)).body)).toEqual([ticket.id]);
    const [row] = await api.database.db.query(
      `SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_search) AS documents`,
    );
    expect(row.documents).toBe(row.tickets);
  });

  it('a refused change leaves the index as it was', async () => {
    const ticket = await claimed({ subject: 'Owned by Li' });
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'okapiwhistle public by non-owner', visibility: 'public' }).expect(403);
    expect((await search(li, { q: 'okapiwhistle' }).expect(200)).body.items).toEqual([]);
  });
});
