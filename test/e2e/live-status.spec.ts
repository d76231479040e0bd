import { AccessTokenCodec } from '@firsthand/access';
import { TicketEventSequencer, type CatchUp, type LiveCustomerEvent, type LiveTicketEvent, type QueueChange, type TicketPresence } from '@firsthand/realtime-contracts';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { startAppProcess, type AppProcess } from '../support/app-process.js';
import { gatewayEnv, startGateways } from '../support/gateway-processes.js';
import { LiveClient } from '../support/live-client.js';
import { eventually } from '../support/notification-sinks.js';
import { freePortForTest } from '../support/free-port.js';
import { TEST_SECRET, testServices } from '../support/test-services.js';

/** The API in this process, two gateway processes on the Redis adapter, real socket.io clients. */
describe('live ticket status across two gateway processes', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let gateways: AppProcess[];
  let team: string;
  let li: TestAgent;
  let zhang: TestAgent;
  const clients: LiveClient[] = [];
  const url = (gateway: number, namespace: string) => `http://127.0.0.1:${gateways[gateway].port}${namespace}`;
  const track = (client: LiveClient) => (clients.push(client), client);

  beforeAll(async () => {
    api = await startApi();
    gateways = await startGateways(api, 2);
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    zhang = await f.agent('agent', team, 'Zhang Min');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await Promise.all((gateways ?? []).map((g) => g.stop()));
    await api?.close();
  });

  const customerSequence = (client: LiveClient, from: number) => {
    const delivered: LiveCustomerEvent[] = [];
    const sequencer = new TicketEventSequencer<LiveCustomerEvent>(from, (e) => delivered.push(e));
    client.socket.on('ticket.event', (e: LiveCustomerEvent) => sequencer.accept(e));
    return { delivered, sequencer };
  };

  it('a customer on gateway A sees the claim and the reply in seq order; an agent on B sees the internal note, the customer does not', async () => {
    const ticket = await f.customerTicket();
    const customer = track(await LiveClient.connect(url(0, '/customers'), { code: ticket.code, token: ticket.trackingToken }));
    const { delivered } = customerSequence(customer, 1);
    const caughtUp = await customer.request<CatchUp<LiveCustomerEvent>>('ticket.catch-up', { afterSeq: 0 });
    expect(caughtUp).toMatchObject({ ok: true, mode: 'events', lastSeq: 1 });
    const colleague = track(await LiveClient.connect(url(1, '/agents'), { token: zhang.token }));
    expect(await colleague.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 })).toMatchObject({ ok: true, events: [] });

    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'We are on it', visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'VIP, be quick', visibility: 'internal' }).expect(201);

    // How soon is bench:fanout's measure; under CI load this checks what arrives and in which order.
    const seen = await customer.until<LiveCustomerEvent>('ticket.event', (items) => items.length >= 3, 5000);
    expect(delivered.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(delivered.map((e) => (e.hidden ? 'hidden' : e.type))).toEqual(['claimed', 'agent_replied', 'hidden']);
    expect(JSON.stringify(seen)).not.toContain('VIP, be quick');
    expect(delivered[0]).toMatchObject({ data: { ownerName: 'Li Wei' } });

    const notes = await colleague.until<LiveTicketEvent>('ticket.event', (items) => items.some((e) => e.type === 'internal_note_added'), 5000);
    expect(notes.map((e) => e.seq)).toEqual([2, 3, 4]);
    expect(notes[2]).toMatchObject({ visibility: 'internal', payload: { body: 'VIP, be quick' } });
    // The fast path clears the outbox (a moment after answering, in one DELETE per burst): nothing is left for the relay.
    const outboxRows = async () =>
      (await api.database.db.query(`SELECT count(*)::int AS n FROM live_outbox o JOIN ticket_events e ON e.id = o.event_id WHERE e.ticket_id = $1`, [ticket.id]))[0].n as number;
    await eventually(async () => (await outboxRows()) === 0 || undefined, 10_000, 'the live outbox rows of the published events to be dropped');
  });

  it('a client that misses 20 events and reconnects to the other gateway gets exactly those 20, in order, then live ones', async () => {
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const first = track(await LiveClient.connect(url(0, '/customers'), { code: ticket.code, token: ticket.trackingToken }));
    const { sequencer } = customerSequence(first, 0);
    sequencer.accept(((await first.request<CatchUp<LiveCustomerEvent>>('ticket.catch-up', { afterSeq: 0 })) as { events: LiveCustomerEvent[] }).events);
    expect(sequencer.last).toBe(2);
    first.close();

    for (let i = 1; i <= 20; i++) {
      const visibility = i % 5 === 0 ? 'internal' : 'public';
      await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: `update ${i}`, visibility }).expect(201);
    }

    const second = track(await LiveClient.connect(url(1, '/customers'), { code: ticket.code, token: ticket.trackingToken }));
    const delivered: LiveCustomerEvent[] = [];
    const resumed = new TicketEventSequencer<LiveCustomerEvent>(sequencer.last, (e) => delivered.push(e));
    second.socket.on('ticket.event', (e: LiveCustomerEvent) => resumed.accept(e));
    const missed = await second.request<CatchUp<LiveCustomerEvent>>('ticket.catch-up', { afterSeq: sequencer.last });
    expect(missed).toMatchObject({ ok: true, mode: 'events', lastSeq: 22 });
    resumed.accept((missed as { events: LiveCustomerEvent[] }).events);
    expect(delivered.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect(delivered.flatMap((e) => (e.hidden ? [] : [e.data.body]))).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1).filter((i) => i % 5 !== 0).map((i) => `update ${i}`),
    );

    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'live again', visibility: 'public' }).expect(201);
    await second.until<LiveCustomerEvent>('ticket.event', () => delivered.length === 21, 5000);
    expect(delivered[20]).toMatchObject({ seq: 23, hidden: false, data: { body: 'live again' } });
  });

  it('refuses wrong, expired and other-ticket credentials, and rooms the agent may not see', async () => {
    const mine = await f.customerTicket();
    const theirs = await f.customerTicket();
    expect(await LiveClient.refusal(url(0, '/customers'), { code: theirs.code, token: mine.trackingToken })).toBe('invalid-tracking-token');
    expect(await LiveClient.refusal(url(1, '/customers'), { code: 'FH-00000', token: mine.trackingToken })).toBe('invalid-tracking-token');
    expect(await LiveClient.refusal(url(0, '/agents'), { token: 'not-a-jwt' })).toBe('invalid-token');
    expect(await LiveClient.refusal(url(0, '/agents'), {})).toBe('invalid-token');
    expect(await LiveClient.refusal(url(0, '/supervisors'), { token: li.token })).toBe('supervisor-role-required');
    const { sid } = JSON.parse(Buffer.from(li.token.split('.')[1], 'base64url').toString()) as { sid: string };
    const shortLived = await new AccessTokenCodec(TEST_SECRET, 1).issue({ sub: li.id, role: 'agent', sid });
    await new Promise((r) => setTimeout(r, 2100));
    expect(await LiveClient.refusal(url(0, '/agents'), { token: shortLived })).toBe('invalid-token');
    expect(await LiveClient.refusal(url(0, '/agents'), { token: li.token }, { extraHeaders: { Origin: 'https://evil.example' } })).toBeTruthy();

    const outsiderTeam = await f.team('Billing');
    const outsider = await f.agent('agent', outsiderTeam, 'Out Sider');
    const client = track(await LiveClient.connect(url(1, '/agents'), { token: outsider.token }));
    expect(await client.request('ticket.follow', { ticketId: mine.id, afterSeq: 0 })).toEqual({ ok: false, error: 'not-found' });
    expect(await client.request('ticket.follow', { ticketId: 'x', afterSeq: -1 })).toEqual({ ok: false, error: 'invalid-request' });
    await api.http.post(`/api/tickets/${mine.id}/messages`).set(li.auth).send({ body: 'secret note', visibility: 'internal' }).expect(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(client.events('ticket.event')).toEqual([]);
  });

  it('presence shows on the other node and clears when the viewer\'s socket is killed', async () => {
    const ticket = await f.customerTicket();
    const viewer = track(await LiveClient.connect(url(0, '/agents'), { token: li.token }));
    const watcher = track(await LiveClient.connect(url(1, '/agents'), { token: zhang.token }));
    await watcher.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 });
    await viewer.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 });
    expect(await viewer.request('presence.set', { ticketId: ticket.id, state: 'typing' })).toEqual({ ok: true });
    await watcher.until<TicketPresence>('presence', (items) => items.some((p) => p.agents.some((a) => a.agentName === 'Li Wei' && a.state === 'typing')));
    viewer.socket.io.engine.close(); // the socket drops without a goodbye
    const after = await watcher.until<TicketPresence>('presence', (items) => items.length > 0 && items[items.length - 1].agents.length === 0);
    expect(after[after.length - 1]).toEqual({ ticketId: ticket.id, agents: [] });
  });

  it('two agents viewing a ticket: when one claims it, the other is told at once who owns it, and the queue updates', async () => {
    const ticket = await f.customerTicket();
    const a = track(await LiveClient.connect(url(0, '/agents'), { token: li.token }));
    const b = track(await LiveClient.connect(url(1, '/agents'), { token: zhang.token }));
    await a.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 });
    await b.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 });
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const [claimed] = await b.until<LiveTicketEvent>('ticket.event', (items) => items.some((e) => e.type === 'claimed'), 5000);
    expect(claimed).toMatchObject({ seq: 2, payload: { ownerId: li.id, ownerName: 'Li Wei' } });
    const queue = await b.until<QueueChange>('queue.changed', (items) => items.some((q) => q.ticketId === ticket.id && q.change === 'claimed'), 5000);
    expect(queue.find((q) => q.change === 'claimed')).toMatchObject({ ownerName: 'Li Wei', status: 'open', teamId: team });
  });

  it('a new ticket appears in its team queue at once, and a disabled agent is dropped from every gateway', async () => {
    const supervisor = await f.agent('supervisor', team, 'Wang Fang');
    const temp = await f.agent('agent', team, 'Temp');
    const onA = track(await LiveClient.connect(url(0, '/agents'), { token: temp.token }));
    const onB = track(await LiveClient.connect(url(1, '/agents'), { token: temp.token }));
    const boss = track(await LiveClient.connect(url(1, '/supervisors'), { token: supervisor.token }));
    const ticket = await f.customerTicket();
    await onA.until<QueueChange>('queue.changed', (items) => items.some((q) => q.ticketId === ticket.id && q.change === 'created'), 5000);
    await boss.until<QueueChange>('queue.changed', (items) => items.some((q) => q.ticketId === ticket.id), 5000);
    const dropped = Promise.all([onA, onB].map((c) => new Promise<string>((resolve) => c.socket.once('disconnect', resolve))));
    await api.http.patch(`/api/agents/${temp.id}`).set(supervisor.auth).send({ active: false }).expect(200);
    expect(await dropped).toEqual(['io server disconnect', 'io server disconnect']);
    expect(await LiveClient.refusal(url(0, '/agents'), { token: temp.token })).toBe('invalid-token');
  });

  it('after a long absence a client gets a snapshot and the latest events instead of the whole history', async () => {
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    // 250 internal notes straight into the timeline, as a long busy day would leave them.
    await api.database.db.query(
      `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload)
       SELECT $1, 2 + g, 'internal_note_added', 'internal', 'agent', $2, 'Li Wei', jsonb_build_object('body', 'note ' || g) FROM generate_series(1, 250) g`,
      [ticket.id, li.id],
    );
    await api.database.db.query(`UPDATE tickets SET last_seq = 252 WHERE id = $1`, [ticket.id]);
    const agent = track(await LiveClient.connect(url(0, '/agents'), { token: zhang.token }));
    const answer = await agent.request<CatchUp<LiveTicketEvent>>('ticket.follow', { ticketId: ticket.id, afterSeq: 2 });
    expect(answer).toMatchObject({ ok: true, mode: 'snapshot', lastSeq: 252, snapshot: { id: ticket.id, owner: { name: 'Li Wei' } } });
    const events = (answer as { events: LiveTicketEvent[] }).events;
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 233 + i));
    const recent = await agent.request<CatchUp<LiveTicketEvent>>('ticket.follow', { ticketId: ticket.id, afterSeq: 240 });
    expect(recent).toMatchObject({ ok: true, mode: 'events' });
    expect((recent as { events: LiveTicketEvent[] }).events.map((e) => e.seq)).toEqual(Array.from({ length: 12 }, (_, i) => 241 + i));
  });

  it('limits client events per socket', async () => {
    const ticket = await f.customerTicket();
    const agent = track(await LiveClient.connect(url(1, '/agents'), { token: li.token }));
    await agent.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 });
    const answers = await Promise.all(Array.from({ length: 70 }, () => agent.request<{ ok: boolean; error?: string }>('presence.set', { ticketId: ticket.id, state: 'viewing' })));
    expect(answers.filter((a) => a.error === 'rate-limited').length).toBeGreaterThanOrEqual(20);
    expect(answers.filter((a) => a.ok).length).toBeLessThanOrEqual(49);
  });

  it('a socket sending more than twice its limit in one window is cut off at the transport, and its client comes back', async () => {
    const ticket = await f.customerTicket();
    const agent = track(await LiveClient.connect(url(1, '/agents'), { token: li.token }, { reconnection: true, reconnectionAttempts: 3, reconnectionDelay: 100 }));
    await agent.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 });
    const reason = new Promise<string>((resolve) => agent.socket.once('disconnect', resolve));
    for (let i = 0; i < 120; i++) agent.socket.emit('presence.set', { ticketId: ticket.id, state: 'viewing' }, () => undefined);
    expect(await reason).toBe('transport close');
    await new Promise<void>((resolve) => agent.socket.once('connect', () => resolve()));
    expect(await agent.request('ticket.follow', { ticketId: ticket.id, afterSeq: 1 })).toMatchObject({ ok: true });
  });

  it('an owner who hands a ticket to another team is taken out of its room on every gateway', async () => {
    const supervisor = await f.agent('supervisor', team, 'Wang Fang');
    const billing = await f.team('Billing Desk');
    const outsider = await f.agent('agent', billing, 'Bill Payer');
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/reassign`).set(supervisor.auth).send({ toAgentId: outsider.id, reason: 'billing question' }).expect(200);
    const socket = track(await LiveClient.connect(url(0, '/agents'), { token: outsider.token }));
    expect(await socket.request('ticket.follow', { ticketId: ticket.id, afterSeq: 0 })).toMatchObject({ ok: true });
    await api.http.post(`/api/tickets/${ticket.id}/handoff`).set(outsider.auth).send({ toAgentId: li.id, note: 'not billing after all' }).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/handoff/accept`).set(li.auth).expect(200);
    const [revoked] = await socket.until<{ ticketId: string }>('access.revoked', (items) => items.length > 0, 5000);
    expect(revoked).toMatchObject({ ticketId: ticket.id });
    const seenBefore = socket.events('ticket.event').length;
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'internal follow-up', visibility: 'internal' }).expect(201);
    await new Promise((r) => setTimeout(r, 300));
    expect(socket.events('ticket.event')).toHaveLength(seenBefore);
    expect(await socket.request('ticket.follow', { ticketId: ticket.id, afterSeq: 0 })).toEqual({ ok: false, error: 'not-found' });
  });

  it('whoever loses sight of a followed ticket leaves its room, however the change was made: a declined handoff, a team move in SQL', async () => {
    const owner = await f.agent('agent', team, 'Owner Ma');
    const billing = await f.team('Billing Team Two');
    const bill = await f.agent('agent', billing, 'Bill Decliner');
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(owner.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/handoff`).set(owner.auth).send({ toAgentId: bill.id, note: 'is this billing?' }).expect(200);
    const billSocket = track(await LiveClient.connect(url(1, '/agents'), { token: bill.token }));
    expect(await billSocket.request('ticket.follow', { ticketId: ticket.id, afterSeq: 0 })).toMatchObject({ ok: true });
    await api.http.post(`/api/tickets/${ticket.id}/handoff/decline`).set(bill.auth).expect(200);
    const [revoked] = await billSocket.until<{ ticketId: string }>('access.revoked', (items) => items.length > 0, 3000);
    expect(revoked).toMatchObject({ ticketId: ticket.id });
    const heard = billSocket.events('ticket.event').length;
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(owner.auth).send({ body: 'internal: not for billing', visibility: 'internal' }).expect(201);

    // A follower of the front team, when the ticket is moved to Billing straight in the database (no publish at all).
    const colleague = await f.agent('agent', team, 'Front Colleague');
    const other = await f.customerTicket();
    const colleagueSocket = track(await LiveClient.connect(url(0, '/agents'), { token: colleague.token }));
    expect(await colleagueSocket.request('ticket.follow', { ticketId: other.id, afterSeq: 0 })).toMatchObject({ ok: true });
    await api.database.db.query(`UPDATE tickets SET team_id = $2 WHERE id = $1`, [other.id, billing]);
    const [moved] = await colleagueSocket.until<{ ticketId: string }>('access.revoked', (items) => items.length > 0, 3000);
    expect(moved).toMatchObject({ ticketId: other.id });

    await new Promise((r) => setTimeout(r, 300));
    expect(billSocket.events('ticket.event')).toHaveLength(heard);
    expect(await billSocket.request('ticket.follow', { ticketId: ticket.id, afterSeq: 0 })).toEqual({ ok: false, error: 'not-found' });
  });

  it('a gateway that shuts down tells its clients, which then reconnect', async () => {
    const extra = await startAppProcess('gateway', gatewayEnv(api));
    const ticket = await f.customerTicket();
    const client = track(await LiveClient.connect(`http://127.0.0.1:${extra.port}/customers`, { code: ticket.code, token: ticket.trackingToken }, { reconnection: true, reconnectionAttempts: 2, reconnectionDelay: 100 }));
    // A client of a node that stays up (same Redis) is not told to leave.
    const stayer = track(await LiveClient.connect(url(0, '/customers'), { code: ticket.code, token: ticket.trackingToken }));
    const reason = new Promise<string>((resolve) => client.socket.once('disconnect', resolve));
    const exit = await extra.stop();
    expect(exit.forced).toBe(false);
    expect(client.events('gateway.draining')).toEqual([{ reason: 'shutdown', reconnect: true }]);
    expect(stayer.events('gateway.draining')).toEqual([]);
    expect(stayer.socket.connected).toBe(true);
    // "transport close" is the reason socket.io clients reconnect on by themselves ("io server disconnect" is not).
    expect(await reason).toBe('transport close');
  });
});

describe('when the API cannot reach Redis at commit time', () => {
  let api: ApiHarness;
  let gateway: AppProcess;
  let worker: AppProcess | null = null;
  let clients: LiveClient[] = [];

  beforeAll(async () => {
    api = await startApi({ REDIS_URL: `redis://127.0.0.1:${await freePortForTest()}` });
    // The API's Redis is unreachable; the gateway's is the test Redis.
    gateway = await startAppProcess('gateway', { ...gatewayEnv(api), REDIS_URL: testServices().redisUrl });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await worker?.stop();
    await gateway?.stop();
    await api?.close();
  });

  it('the changes still succeed, and the worker relays them from the outbox to the customer, in order', async () => {
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    const li = await f.agent('agent', team, 'Li Wei');
    const ticket = await f.customerTicket();
    const customer = await LiveClient.connect(`http://127.0.0.1:${gateway.port}/customers`, { code: ticket.code, token: ticket.trackingToken });
    clients.push(customer);
    const delivered: LiveCustomerEvent[] = [];
    const sequencer = new TicketEventSequencer<LiveCustomerEvent>(1, (e) => delivered.push(e));
    customer.socket.on('ticket.event', (e: LiveCustomerEvent) => sequencer.accept(e));

    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'On it', visibility: 'public' }).expect(201);
    await new Promise((r) => setTimeout(r, 500));
    expect(delivered).toEqual([]); // nothing could be published: Redis was unreachable for the API

    worker = await startAppProcess('worker', {
      NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: api.database.url, REDIS_URL: testServices().redisUrl,
      FIRSTHAND_SECRET: TEST_SECRET, LIVE_RELAY_GRACE_MS: '300',
    });
    await customer.until<LiveCustomerEvent>('ticket.event', () => delivered.length >= 2, 5000);
    expect(delivered.map((e) => [e.seq, e.hidden ? 'hidden' : e.type])).toEqual([[2, 'claimed'], [3, 'agent_replied']]);
    // The relay deletes the rows in the transaction that published them, just after the publish.
    let left = -1;
    for (let i = 0; i < 40 && left !== 0; i++) {
      [{ n: left }] = await api.database.db.query(`SELECT count(*)::int AS n FROM live_outbox`);
      if (left !== 0) await new Promise((r) => setTimeout(r, 50));
    }
    expect(left).toBe(0);
    await new Promise((r) => setTimeout(r, 800));
    // Each event went out once: the relay deleted what it published.
    expect(customer.events<LiveCustomerEvent>('ticket.event').map((e) => e.seq)).toEqual([1, 2, 3]);
  });
});
