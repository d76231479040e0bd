import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { SystemClock } from '@firsthand/domain';
import { LanguageModelCallLog } from '@firsthand/persistence';
import { LanguageModelCallRetention } from '../../apps/worker/src/language-model/language-model-call-retention.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { freePortForTest } from '../support/free-port.js';
import { OpenApiContract, type OpenApiDocument } from '../support/openapi-contract.js';

type Mode = 'good' | 'slow' | 'not-json' | 'no-content' | 'http-500' | 'oversized';
interface Received {
  authorization: string | undefined;
  body: { model: string; messages: Array<{ role: string; content: string }> };
}

/**
 * The optional language model over real HTTP: the API calls a local server speaking the Chat
 * Completions protocol on a free loopback port, told per test how to answer.
 */
describe('language model: drafted replies, handoff summaries and the audit log', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let contract: OpenApiContract;
  let server: Server;
  let baseUrl: string;
  const sockets = new Set<Socket>();
  let mode: Mode = 'good';
  const received: Received[] = [];
  let li: TestAgent; // agent, front desk
  let zhang: TestAgent; // agent, front desk
  let sara: TestAgent; // agent, billing
  let supervisor: TestAgent;
  let admin: TestAgent;
  let ticket: { id: string; code: string; trackingToken: string };
  let frontDesk: string;

  const calls = () => api.database.db.query(`SELECT * FROM language_model_calls ORDER BY created_at, id`) as Promise<Array<Record<string, unknown>>>;
  const answer = (res: ServerResponse, status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json' }).end(body);
  const chat = (content: unknown) => JSON.stringify({ id: 'c1', object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }] });

  const speak = (req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1/chat/completions') return answer(res, 404, '{}');
      received.push({ authorization: req.headers.authorization, body: JSON.parse(raw) });
      if (mode === 'good') return answer(res, 200, chat('  您好，退款已经在处理中。  '));
      if (mode === 'slow') return void setTimeout(() => !res.destroyed && answer(res, 200, chat('too late')), 5_000);
      if (mode === 'not-json') return res.writeHead(200, { 'content-type': 'text/html' }).end('<html>Bad gateway</html>');
      if (mode === 'no-content') return answer(res, 200, JSON.stringify({ choices: [] }));
      if (mode === 'http-500') return answer(res, 500, JSON.stringify({ error: { message: 'model overloaded' } }));
      return answer(res, 200, chat('x'.repeat(10_000)));
    });
  };

  beforeAll(async () => {
    server = createServer(speak);
    server.on('connection', (socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    baseUrl = `http://127.0.0.1:${port}/v1`;
    api = await startApi({
      FIRSTHAND_LLM_BASE_URL: `${baseUrl}/`,
      FIRSTHAND_LLM_API_KEY: 'sk-test-key',
      FIRSTHAND_LLM_MODEL: 'local-test-model',
      FIRSTHAND_LLM_TIMEOUT_MS: '1500',
      FIRSTHAND_LLM_MAX_ANSWER_BYTES: '4096',
      FIRSTHAND_LLM_CALLS_PER_AGENT_PER_HOUR: '12',
    });
    f = new HelpdeskFactory(api);
    frontDesk = await f.team('Front Desk', true);
    const billing = await f.team('Billing');
    [li, zhang, sara, supervisor, admin] = await Promise.all([
      f.agent('agent', frontDesk, 'Li Wei'),
      f.agent('agent', frontDesk, 'Zhang Min'),
      f.agent('agent', billing, 'Sara Lopez'),
      f.agent('supervisor', null, 'Wang Fang'),
      f.agent('admin', null, 'Ada Admin'),
    ]);
    ticket = await f.customerTicket(
      { subject: '退款没有到账', description: '订单 88231 的退款还没到。请打 13800138000 或写信给 wxm@example.com' },
      { name: '王小明', email: 'wxm@example.com', phone: '+8613800138000', locale: 'zh-CN' },
    );
    await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: '王小明再问一次：钱呢？' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'Bank bounced the transfer, finance knows.', visibility: 'internal' }).expect(201);
    contract = new OpenApiContract((await api.http.get('/api/docs/openapi.json').expect(200)).body as OpenApiDocument);
  });

  afterAll(async () => {
    await api?.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    mode = 'good';
    received.length = 0;
  });

  it('drafts a reply from the ticket with customer data left out and internal notes held back, and logs the call; nothing is sent or changed', async () => {
    const before = await f.snapshot(ticket.id);
    const status = await api.http.get('/api/language-model').set(li.auth).expect(200);
    expect(status.body).toEqual({ enabled: true, model: 'local-test-model' });

    const res = await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(li.auth).expect(200);
    expect(contract.problems(contract.responseSchema('post', '/api/tickets/{id}/draft-reply', 200), res.body)).toEqual([]);
    expect(res.body).toMatchObject({ ticketId: ticket.id, purpose: 'draft-reply', outcome: 'ok', text: '您好，退款已经在处理中。', message: null, model: 'local-test-model', articleIds: [] });

    expect(received).toHaveLength(1);
    const [call] = received;
    expect(call.authorization).toBe('Bearer sk-test-key');
    expect(call.body.model).toBe('local-test-model');
    const sent = JSON.stringify(call.body.messages);
    expect(sent).toContain('退款没有到账');
    expect(sent).toContain('订单 88231');
    expect(sent).toContain('[customer]再问一次');
    expect(sent).toContain('none was found');
    for (const personal of ['王小明', 'wxm@example.com', '13800138000', ticket.code, ticket.trackingToken, 'Zhang Min']) expect(sent).not.toContain(personal);
    expect(sent).not.toContain('Bank bounced');

    const rows = await calls();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: res.body.callId, agent_id: li.id, ticket_id: ticket.id, purpose: 'draft-reply', model: 'local-test-model', outcome: 'ok', http_status: 200, article_ids: [], answer_chars: 12 });
    expect(rows[0].prompt).toEqual(call.body.messages);
    expect(rows[0].latency_ms).toEqual(expect.any(Number));
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('a handoff summary carries the internal notes (agents read it), and the draft does too only when the setting allows', async () => {
    const res = await api.http.post(`/api/tickets/${ticket.id}/handoff-summary`).set(zhang.auth).expect(200);
    expect(res.body).toMatchObject({ purpose: 'handoff-summary', articleIds: [] });
    expect(JSON.stringify(received[0].body.messages)).toContain('Internal note (agents only, never for the customer):\\nBank bounced the transfer');

    api.config.languageModel.draftIncludesInternalNotes = true;
    try {
      await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(zhang.auth).expect(200);
    } finally {
      api.config.languageModel.draftIncludesInternalNotes = false;
    }
    expect(JSON.stringify(received[1].body.messages)).toContain('Bank bounced the transfer');
  });

  it.each([
    ['slow', 'timeout', /did not answer within 1500 ms/],
    ['not-json', 'garbage', /not JSON/],
    ['no-content', 'garbage', /choices\[0\]\.message\.content/],
    ['http-500', 'http-error', /HTTP 500/],
    ['oversized', 'garbage', /larger than 4096 bytes/],
  ] as const)('an endpoint answering %s is not a failed request: the agent is told (%s) and the ticket stays as it was', async (answerMode, outcome, detail) => {
    mode = answerMode;
    const before = await f.snapshot(ticket.id);
    const logged = (await calls()).length;
    const res = await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(li.auth).expect(200);
    expect(contract.problems(contract.responseSchema('post', '/api/tickets/{id}/draft-reply', 200), res.body)).toEqual([]);
    expect(res.body).toMatchObject({ outcome, text: null, callId: expect.any(String) });
    expect(res.body.message).toMatch(detail);
    expect(res.body.message).toContain('The ticket is unchanged');
    expect(await f.snapshot(ticket.id)).toEqual(before);
    const unowned = await api.http.get('/api/tickets?owner=unowned').set(li.auth).expect(200);
    expect(unowned.body.items.map((t: { id: string }) => t.id)).toContain(ticket.id);
    const rows = await calls();
    expect(rows).toHaveLength(logged + 1);
    expect(rows[rows.length - 1]).toMatchObject({ id: res.body.callId, outcome, answer_chars: null, detail: expect.stringMatching(detail) });
  });

  it('a refused connection is told to the agent with the reason; with no endpoint configured the routes answer 404 and the console is told it is off', async () => {
    const closedPort = await freePortForTest();
    const settings = api.config.languageModel;
    settings.baseUrl = `http://127.0.0.1:${closedPort}/v1`;
    try {
      const refused = await api.http.post(`/api/tickets/${ticket.id}/handoff-summary`).set(li.auth).expect(200);
      expect(refused.body).toMatchObject({ outcome: 'unreachable', text: null, message: expect.stringContaining('could not be reached') });
      settings.baseUrl = null;
      const logged = (await calls()).length;
      expect((await api.http.get('/api/language-model').set(li.auth).expect(200)).body).toEqual({ enabled: false, model: null });
      for (const route of ['draft-reply', 'handoff-summary']) {
        const off = await api.http.post(`/api/tickets/${ticket.id}/${route}`).set(li.auth).expect(404);
        expect(off.body).toMatchObject({ type: expect.stringContaining('language-model-off'), detail: expect.stringContaining('FIRSTHAND_LLM_BASE_URL') });
      }
      expect(await calls()).toHaveLength(logged);
    } finally {
      settings.baseUrl = baseUrl;
    }
    expect(received).toHaveLength(0);
  });

  it("another team's ticket is not found, a bad id is refused, and neither reaches the endpoint or the log", async () => {
    const logged = (await calls()).length;
    const other = await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(sara.auth).expect(404);
    expect(other.body.type).toContain('ticket-not-found');
    await api.http.post(`/api/tickets/${ticket.id}/handoff-summary`).set(sara.auth).expect(404);
    await api.http.post('/api/tickets/not-a-uuid/draft-reply').set(li.auth).expect(400);
    await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).expect(401);
    expect(received).toHaveLength(0);
    expect(await calls()).toHaveLength(logged);
    await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(supervisor.auth).expect(200);
  });

  it('an agent gets at most the hourly allowance of calls; the refused one reaches neither endpoint nor log', async () => {
    const busy = await f.agent('agent', frontDesk, 'Busy Bee');
    for (let i = 0; i < 12; i++) await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(busy.auth).expect(200);
    const logged = (await calls()).length;
    const refused = await api.http.post(`/api/tickets/${ticket.id}/handoff-summary`).set(busy.auth).expect(429);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('too-many-language-model-calls') });
    expect(refused.headers['retry-after']).toBeDefined();
    expect(received).toHaveLength(12);
    expect(await calls()).toHaveLength(logged);
    await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(li.auth).expect(200);
  });

  it('admins read the log page by page; others may not', async () => {
    for (const who of [li, supervisor]) await api.http.get('/api/llm-calls').set(who.auth).expect(403);
    const all = (await calls()).length;
    const first = await api.http.get('/api/llm-calls?limit=2').set(admin.auth).expect(200);
    expect(contract.problems(contract.responseSchema('get', '/api/llm-calls', 200), first.body)).toEqual([]);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.items[0]).toMatchObject({ prompt: [expect.objectContaining({ role: 'system' }), expect.objectContaining({ role: 'user' })], articleIds: [] });
    const seen = new Set<string>(first.body.items.map((c: { id: string }) => c.id));
    let cursor: string | null = first.body.nextCursor;
    while (cursor) {
      const page = await api.http.get(`/api/llm-calls?limit=50&cursor=${cursor}`).set(admin.auth).expect(200);
      for (const c of page.body.items) seen.add(c.id);
      cursor = page.body.nextCursor;
    }
    expect(seen.size).toBe(all);
    const ofTicket = await api.http.get(`/api/llm-calls?ticketId=${ticket.id}&limit=200`).set(admin.auth).expect(200);
    expect(ofTicket.body.items).toHaveLength(all);
    await api.http.get('/api/llm-calls?limit=500').set(admin.auth).expect(400);
    await api.http.get('/api/llm-calls?cursor=bogus').set(admin.auth).expect(400);
  });

  it('calls past the retention period are deleted with their prompts; newer ones stay', async () => {
    const kept = (await calls()).length;
    await api.database.db.query(
      `INSERT INTO language_model_calls (id, agent_id, agent_name, ticket_id, purpose, model, prompt, outcome, latency_ms, created_at)
       SELECT gen_random_uuid(), $1, 'Li Wei', $2, 'draft-reply', 'old-model', '[]'::jsonb, 'ok', 5, now() - make_interval(days => 31 + n)
       FROM generate_series(1, 3) AS n`,
      [li.id, ticket.id],
    );
    expect(await new LanguageModelCallRetention(api.app.get(LanguageModelCallLog), new SystemClock(), api.config).sweep()).toBe(3);
    const rows = await calls();
    expect(rows).toHaveLength(kept);
    expect(rows.filter((r) => r.model === 'old-model')).toEqual([]);
  });
  it('a draft is grounded in the published public articles that match the ticket, never an internal one', async () => {
    const category = (await api.http.post('/api/kb/categories').set(supervisor.auth).send({ slug: 'refunds-llm', nameEn: 'Refunds', nameZhCn: '退款' }).expect(201)).body.id;
    const write = (body: Record<string, unknown>) => api.http.post('/api/kb/articles').set(supervisor.auth).send({ categoryId: category, status: 'published', ...body }).expect(201);
    const open = (await write({ titleZhCn: '退款多久到账', bodyZhCn: '退款会在 3 到 5 个工作日内原路退回。' })).body;
    const internal = (await write({ audience: 'internal', titleZhCn: '退款到账异常的内部处理', bodyZhCn: '银行退回的退款由财务重新发起。' })).body;
    const res = await api.http.post(`/api/tickets/${ticket.id}/draft-reply`).set(li.auth).expect(200);
    expect(res.body.articleIds).toContain(open.id);
    expect(res.body.articleIds).not.toContain(internal.id);
    const sent = JSON.stringify(received[0].body.messages);
    expect(sent).toContain('3 到 5 个工作日');
    expect(sent).not.toContain('财务重新发起');
    expect(sent).not.toContain('none was found');
    const [row] = (await calls()).filter((r) => r.id === res.body.callId);
    expect(row.article_ids).toEqual(res.body.articleIds);
  });
});
