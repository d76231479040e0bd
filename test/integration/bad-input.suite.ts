import { connect } from 'node:net';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const validTicket = () => ({ subject: 'Broken blender', description: 'It smokes.', customer: { name: 'Ana', email: `ana-${Date.now()}@example.com` } });

describe('bad input: 400 problem+json, nothing stored', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let ticket: { id: string; code: string; trackingToken: string };

  beforeAll(async () => {
    api = await startApi({ API_BODY_LIMIT_BYTES: '65536' });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
  });
  afterAll(() => api.close());

  async function expectRefusedWithoutChange(send: () => Promise<{ status: number; headers: Record<string, string>; body: Record<string, unknown> }>, status = 400) {
    const before = { counts: await f.counts(), ticket: await f.snapshot(ticket.id) };
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, title: expect.any(String), type: expect.any(String) });
    expect({ counts: await f.counts(), ticket: await f.snapshot(ticket.id) }).toEqual(before);
    return res.body;
  }

  it('malformed JSON', async () => {
    const body = await expectRefusedWithoutChange(() => api.http.post('/api/tickets').set('content-type', 'application/json').send('{"subject": "x",'));
    expect(body.type).toContain('malformed-json');
  });

  it('a malformed or over-long path is refused by the router as a problem that echoes none of it', async () => {
    const badUrl = await expectRefusedWithoutChange(() => api.http.get('/api/tickets/%zz').set(li.auth));
    expect(badUrl.type).toContain('bad-url');
    const long = `/api/tickets/${'a'.repeat(600)}`;
    const tooLong = await api.http.get(long).set(li.auth);
    expect(tooLong.status).toBe(414);
    expect(tooLong.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(tooLong.headers['x-content-type-options']).toBe('nosniff');
    expect(tooLong.body).toMatchObject({ type: expect.stringContaining('uri-too-long'), status: 414 });
    expect(tooLong.text).not.toContain('a'.repeat(100));
  });

  it('what the HTTP parser refuses (not HTTP, headers or URL over the size limit) is a problem too, and changes nothing', async () => {
    const server = api.app.getHttpServer();
    if (!server.listening) await api.app.listen(0, '127.0.0.1');
    const { port } = server.address() as { port: number };
    const before = await f.counts();
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(port, '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
        setTimeout(() => socket.destroy(), 5000).unref();
      });
    const answers = [
      [await raw('NOT HTTP AT ALL\r\n\r\n'), 400, 'bad-request'],
      [await raw(`GET /api/tickets HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`), 431, 'headers-too-large'],
      [await raw(`POST /api/tickets/${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`), 431, 'headers-too-large'],
    ] as const;
    for (const [answer, status, type] of answers) {
      const [head, body] = answer.split('\r\n\r\n');
      expect(head).toMatch(new RegExp(`^HTTP/1\\.1 ${status} `));
      expect(head).toMatch(/\r\nContent-Type: application\/problem\+json/i);
      expect(JSON.parse(body)).toMatchObject({ type: expect.stringContaining(type), status, title: expect.any(String) });
    }
    expect(await f.counts()).toEqual(before);
  });

  it('a JSON body that is not an object', async () => {
    await expectRefusedWithoutChange(() => api.http.post('/api/tickets').set('content-type', 'application/json').send('[1,2]'));
    await expectRefusedWithoutChange(() => api.http.post('/api/tickets').set('content-type', 'application/json').send('"hello"'));
  });

  it('unknown fields, including ones that would set owner, status or SLA, are rejected and listed', async () => {
    const body = await expectRefusedWithoutChange(() =>
      api.http.post('/api/tickets').send({ ...validTicket(), ownerId: li.id, status: 'resolved', firstResponseDueAt: '2030-01-01T00:00:00Z', escalationLevel: 3 }),
    );
    const fields = (body.errors as Array<{ field: string }>).map((e) => e.field).sort();
    expect(fields).toEqual(['escalationLevel', 'firstResponseDueAt', 'ownerId', 'status']);
  });

  it('unknown fields on agent actions too', async () => {
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'hi', visibility: 'public', ownerId: li.id }));
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', escalationLevel: 0 }));
  });

  it('wrong types and bad enums list every bad field at once', async () => {
    const body = await expectRefusedWithoutChange(() =>
      api.http.post('/api/tickets').send({ subject: 42, description: ['x'], channel: 'carrier-pigeon', kind: 'rant', customer: { name: 'Ana', email: 'not-an-email', locale: 'fr' } }),
    );
    const fields = (body.errors as Array<{ field: string }>).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['subject', 'description', 'channel', 'kind', 'customer.email', 'customer.locale']));
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'closed' }));
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'x', visibility: 'secret', expectedSeq: 'two' }));
  });

  it('NUL characters (which PostgreSQL text cannot hold) are refused on every route, naming the field', async () => {
    const reply = await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'hi\u0000there', visibility: 'public' }));
    expect(reply.errors).toEqual([{ field: 'body', messages: ['body must not contain NUL characters'] }]);
    const opened = await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ ...validTicket(), customer: { name: 'A\u0000na', email: 'ana-nul@example.com' } }));
    expect((opened.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['customer.name']);
    await expectRefusedWithoutChange(() => api.http.get('/api/tickets').query({ status: 'open\u0000' }).set(li.auth));
    // Every bad field in one answer, the NUL among them.
    const several = await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ subject: 'a\u0000b', description: '', customer: {} }));
    expect((several.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(expect.arrayContaining(['subject', 'description', 'customer.name']));
    expect((several.errors as Array<{ field: string; messages: string[] }>).find((e) => e.field === 'subject')?.messages).toEqual(['subject must not contain NUL characters']);
  });

  it('text of only spaces, tabs and line breaks is refused like empty text, naming the field (a blank public reply would claim and mail)', async () => {
    const blank = ' \n\t ';
    const reply = await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: blank, visibility: 'public' }));
    expect(reply.errors).toEqual([{ field: 'body', messages: ['body must not be blank'] }]);
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: blank, visibility: 'internal' }));
    await expectRefusedWithoutChange(() => api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: '   ' }));
    const opened = await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ ...validTicket(), subject: '  \n ', description: ' ', customer: { name: '\t', email: 'blank@example.com' } }));
    expect((opened.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['customer.name', 'description', 'subject']);
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: '  ' }));
    // The words the system writes for the bot's resolution and a spam close: an agent's would leave the metrics or the customer's rating.
    for (const reserved of ['bot', 'spam']) {
      const refused = await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: reserved }));
      expect((refused.errors as Array<{ field: string }>).map((e) => e.field)).toEqual(['resolution']);
    }

    // Not claimed by a blank first reply either.
    const unowned = await f.customerTicket();
    await api.http.post(`/api/tickets/${unowned.id}/messages`).set(li.auth).send({ body: '\n\n', visibility: 'public' }).expect(400);
    expect((await api.http.get(`/api/tickets/${unowned.id}`).set(li.auth).expect(200)).body).toMatchObject({ status: 'new', owner: null });
  });

  it('a subject or name with control characters or text-direction overrides is refused, naming the field (they reach email headers and other people\'s screens)', async () => {
    for (const [subject, name] of [['Refund\u0007 now', 'Ana'], ['Invoice', 'Ana\u202Eevil'], ['Two\nlines', 'Ana'], ['Esc\u001b[31m', 'Ana\u2066']]) {
      const refused = await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ ...validTicket(), subject, customer: { name, email: 'ctl@example.com' } }));
      const fields = (refused.errors as Array<{ field: string; messages: string[] }>).map((e) => e.field);
      expect(fields).toEqual([subject === 'Invoice' ? null : 'subject', name === 'Ana' ? null : 'customer.name'].filter((f) => f !== null));
      expect(JSON.stringify(refused.errors)).toContain('control characters, line breaks or text-direction overrides');
    }
    // Chinese, emoji, zero-width joiners and combining marks are text, not controls.
    await api.http.post('/api/tickets').send({ ...validTicket(), subject: '退款 👩‍👩‍👧 e\u0301', customer: { name: '王芳', email: 'ok-text@example.com' } }).expect(201);
  });

  it('oversized text', async () => {
    const body = await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'x'.repeat(20_001), visibility: 'internal' }));
    expect(body.errors).toEqual([expect.objectContaining({ field: 'body' })]);
    await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ ...validTicket(), subject: 's'.repeat(201) }));
  });

  it('a body over the size limit is 413 problem+json', async () => {
    await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ ...validTicket(), description: 'x'.repeat(70_000) }), 413);
  });

  it('bad ids and bad query parameters', async () => {
    const body = await expectRefusedWithoutChange(() => api.http.post('/api/tickets/not-a-uuid/claim').set(li.auth));
    expect(body.errors).toEqual([{ field: 'id', messages: ['id must be a UUID'] }]);
    await expectRefusedWithoutChange(() => api.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: '123', note: 'x' }));
    await expectRefusedWithoutChange(() => api.http.get('/api/tickets?status=bogus&limit=1000&owner=someone').set(li.auth));
    await expectRefusedWithoutChange(() => api.http.get('/api/tickets?cursor=garbage').set(li.auth));
  });

  it('customer-only requests cannot set agent-only fields', async () => {
    const body = await expectRefusedWithoutChange(() => api.http.post('/api/tickets').send({ ...validTicket(), priority: 'urgent', customer: { name: 'Ana', email: 'a@example.com', tier: 'vip' } }));
    expect((body.errors as Array<{ field: string }>).map((e) => e.field).sort()).toEqual(['customer.tier', 'priority']);
  });

  it('an invalid bearer token on ticket creation is 401, not a silent anonymous ticket', async () => {
    await expectRefusedWithoutChange(() => api.http.post('/api/tickets').set('Authorization', 'Bearer nonsense').send(validTicket()), 401);
  });

  it('an unknown handoff target is 422 and changes nothing', async () => {
    await expectRefusedWithoutChange(() =>
      api.http.post(`/api/tickets/${ticket.id}/handoff`).set(li.auth).send({ toAgentId: '00000000-0000-4000-8000-000000000000', note: 'x' }),
    422);
  });
});

describe('customer tracking tokens', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    await f.team('Front Desk', true);
  });
  afterAll(() => api.close());

  it('a token opens its own ticket only; other tickets, wrong tokens and guessed codes all answer 404', async () => {
    const mine = await f.customerTicket();
    const theirs = await f.customerTicket();
    await api.http.get(`/api/track/${mine.code}`).set('X-Tracking-Token', mine.trackingToken).expect(200);
    const other = await api.http.get(`/api/track/${theirs.code}`).set('X-Tracking-Token', mine.trackingToken).expect(404);
    expect(other.headers['content-type']).toMatch(/problem\+json/);
    await api.http.get(`/api/track/${mine.code}`).set('X-Tracking-Token', 'x'.repeat(43)).expect(404);
    await api.http.get('/api/track/FH-00000').set('X-Tracking-Token', mine.trackingToken).expect(404);
    await api.http.get('/api/track/not-a-code').set('X-Tracking-Token', mine.trackingToken).expect(404);
    await api.http.post(`/api/track/${theirs.code}/messages`).set('X-Tracking-Token', mine.trackingToken).send({ body: 'hi' }).expect(404);
    await api.http.post(`/api/track/${theirs.code}/reopen`).set('X-Tracking-Token', mine.trackingToken).expect(404);
    await api.http.get(`/api/track/${mine.code}`).expect(401);
    expect((await f.snapshot(theirs.id)).events).toHaveLength(1);
  });

  it('stores only a hash of the token', async () => {
    const t = await f.customerTicket();
    const [row] = await api.database.db.query(`SELECT tracking_token_hash FROM tickets WHERE id = $1`, [t.id]);
    expect(row.tracking_token_hash).not.toContain(t.trackingToken);
    expect(row.tracking_token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('the customer view hides internal notes and agent ids', async () => {
    const team = (await api.database.db.query(`SELECT id FROM teams LIMIT 1`))[0].id;
    const li = await f.agent('agent', team, 'Li Wei');
    const t = await f.customerTicket();
    await api.http.post(`/api/tickets/${t.id}/claim`).set(li.auth).expect(200);
    await api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: 'customer seems angry', visibility: 'internal' }).expect(201);
    const res = await api.http.get(`/api/track/${t.code}`).set('X-Tracking-Token', t.trackingToken).expect(200);
    expect(JSON.stringify(res.body)).not.toContain('customer seems angry');
    expect(JSON.stringify(res.body)).not.toContain(li.id);
    expect(res.body.timeline.map((e: { type: string }) => e.type)).toEqual(['created', 'claimed']);
    expect(res.body.promise.ownerName).toBe('Li Wei');
  });
});

describe('Idempotency-Key on ticket creation', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    await f.team('Front Desk', true);
  });
  afterAll(() => api.close());

  it('a replay returns the same ticket and token, and stores nothing new', async () => {
    const body = validTicket();
    const first = await api.http.post('/api/tickets').set('Idempotency-Key', 'retry-1').send(body).expect(201);
    const before = await f.counts();
    const again = await api.http.post('/api/tickets').set('Idempotency-Key', 'retry-1').send(body).expect(200);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toMatchObject({ id: first.body.id, code: first.body.code, trackingToken: first.body.trackingToken });
    expect(await f.counts()).toEqual(before);
    await api.http.get(`/api/track/${first.body.code}`).set('X-Tracking-Token', again.body.trackingToken).expect(200);
  });

  it('concurrent retries with one key create one ticket', async () => {
    const body = validTicket();
    const before = await f.counts();
    const results = await Promise.all(Array.from({ length: 8 }, () => api.http.post('/api/tickets').set('Idempotency-Key', 'burst-7').send(body)));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect((await f.counts()).tickets).toBe(before.tickets + 1);
  });

  it('the same key with a different request is refused with 422', async () => {
    const body = validTicket();
    await api.http.post('/api/tickets').set('Idempotency-Key', 'retry-2').send(body).expect(201);
    const before = await f.counts();
    const res = await api.http.post('/api/tickets').set('Idempotency-Key', 'retry-2').send({ ...body, subject: 'Something else' }).expect(422);
    expect(res.body.type).toContain('idempotency-key-reused');
    expect(await f.counts()).toEqual(before);
  });
});
