import type { LiveTicketEvent, QueueChange } from '@firsthand/realtime-contracts';
import { HelpdeskFactory, TEST_PASSWORD, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import type { AppProcess } from '../support/app-process.js';
import { startGateways } from '../support/gateway-processes.js';
import { LiveClient } from '../support/live-client.js';

/**
 * An agent's role, team or status changed while their sockets are open: every gateway process
 * re-derives those sockets from the database at once. The API runs in this process, the two
 * gateways are processes of their own, and every agent has a socket on each gateway.
 */
describe('permissions that change while connected, on two gateway processes', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let gateways: AppProcess[];
  let front: string;
  let billing: string;
  let admin: TestAgent;
  let wang: TestAgent;
  const clients: LiveClient[] = [];
  const url = (gateway: number, namespace: string) => `http://127.0.0.1:${gateways[gateway].port}${namespace}`;
  /** One socket on each gateway. */
  const onBoth = async (namespace: string, agent: TestAgent): Promise<LiveClient[]> => {
    const pair = await Promise.all([0, 1].map((g) => LiveClient.connect(url(g, namespace), { token: agent.token })));
    clients.push(...pair);
    return pair;
  };
  /** The reason the server gives when it drops the socket; fails after 5 s. */
  const dropped = (client: LiveClient) =>
    new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the socket was not dropped within 5 s')), 5000);
      client.socket.once('disconnect', (reason) => (clearTimeout(timer), resolve(reason)));
    });

  beforeAll(async () => {
    api = await startApi();
    gateways = await startGateways(api, 2);
    f = new HelpdeskFactory(api);
    front = await f.team('Front Desk', true);
    billing = await f.team('Billing Desk');
    admin = await f.agent('admin', null, 'Root');
    wang = await f.agent('supervisor', front, 'Wang Fang');
  });

  afterEach(() => {
    for (const client of clients.splice(0)) client.close();
  });

  afterAll(async () => {
    await Promise.all((gateways ?? []).map((g) => g.stop()));
    await api?.close();
  });

  /** A ticket opened by a supervisor straight into a team's queue. */
  async function ticketIn(teamId: string): Promise<string> {
    const res = await api.http
      .post('/api/tickets')
      .set(wang.auth)
      .send({ subject: 'Invoice question', description: 'Charged twice.', kind: 'problem', teamId, customer: { name: 'Zhao Lei', email: `zhao-${Date.now()}@example.com` } })
      .expect(201);
    return res.body.id as string;
  }

  const queueChangeOf = (ticketId: string) => (items: QueueChange[]) => items.some((c) => c.ticketId === ticketId);
  const noteOn = (ticketId: string, body: string) => (e: LiveTicketEvent) => e.ticketId === ticketId && JSON.stringify(e).includes(body);

  it('an agent moved to another team hears nothing more of the old team: no queue.changed, no internal note on a followed ticket; the new team is heard', async () => {
    const mover = await f.agent('agent', front, 'Liu Yang');
    const stayer = await f.agent('agent', front, 'Chen Jie');
    const followed = (await f.customerTicket()).id;
    const moverSockets = await onBoth('/agents', mover);
    const stayerSockets = await onBoth('/agents', stayer);
    for (const socket of [...moverSockets, ...stayerSockets]) expect(await socket.request('ticket.follow', { ticketId: followed, afterSeq: 0 })).toMatchObject({ ok: true });

    await api.http.patch(`/api/agents/${mover.id}`).set(admin.auth).send({ teamId: billing }).expect(200);
    for (const socket of moverSockets) {
      const [changed] = await socket.until<{ teamId: string }>('access.changed', (items) => items.length > 0);
      expect(changed).toEqual({ role: 'agent', teamId: billing });
      expect(socket.events('access.revoked')).toEqual([{ reason: 'You may no longer see this ticket.', ticketId: followed }]);
    }
    await api.http.get(`/api/tickets/${followed}`).set(mover.auth).expect(404);

    // The old team's traffic: the colleague who stayed hears it on both gateways.
    await api.http.post(`/api/tickets/${followed}/messages`).set(wang.auth).send({ body: 'old team only', visibility: 'internal' }).expect(201);
    const oldTeamTicket = (await f.customerTicket()).id;
    for (const socket of stayerSockets) {
      await socket.until<LiveTicketEvent>('ticket.event', (items) => items.some(noteOn(followed, 'old team only')));
      await socket.until<QueueChange>('queue.changed', queueChangeOf(oldTeamTicket));
    }
    // Published after all of that, on the same Redis connection: once the mover has it, anything earlier has arrived too.
    const newTeamTicket = await ticketIn(billing);
    for (const socket of moverSockets) {
      await socket.until<QueueChange>('queue.changed', queueChangeOf(newTeamTicket));
      expect(socket.events<LiveTicketEvent>('ticket.event').filter((e) => e.ticketId === followed && e.visibility === 'internal')).toEqual([]);
      expect(socket.events<QueueChange>('queue.changed').filter((c) => c.ticketId === oldTeamTicket)).toEqual([]);
      expect(await socket.request('ticket.follow', { ticketId: followed, afterSeq: 0 })).toEqual({ ok: false, error: 'not-found' });
    }
  });

  it('a supervisor demoted to agent loses the /supervisors stream on both gateways at once and cannot open it again', async () => {
    const demoted = await f.agent('supervisor', front, 'Sun Li');
    const watching = await onBoth('/supervisors', demoted);
    const control = await onBoth('/supervisors', wang);
    const reasons = watching.map(dropped);

    await api.http.patch(`/api/agents/${demoted.id}`).set(admin.auth).send({ role: 'agent' }).expect(200);
    expect(await Promise.all(reasons)).toEqual(['io server disconnect', 'io server disconnect']);
    for (const socket of watching) expect(socket.events('access.revoked')).toEqual([{ reason: 'You are no longer a supervisor.' }]);

    const ticket = (await f.customerTicket()).id;
    await api.http.post(`/api/tickets/${ticket}/messages`).set(wang.auth).send({ body: 'for supervisors', visibility: 'internal' }).expect(201);
    for (const socket of control) await socket.until<LiveTicketEvent>('ticket.event', (items) => items.some(noteOn(ticket, 'for supervisors')));
    for (const socket of watching) expect(socket.events<LiveTicketEvent>('ticket.event').filter((e) => e.ticketId === ticket)).toEqual([]);
    expect(await LiveClient.refusal(url(1, '/supervisors'), { token: demoted.token })).toBe('supervisor-role-required');
    await api.http.get('/api/agents').set(demoted.auth).expect(403);
  });

  it('an agent promoted to supervisor is told on both gateways, may follow any team\'s ticket at once and open /supervisors', async () => {
    const promoted = await f.agent('agent', front, 'Zhou Ning');
    const billingTicket = await ticketIn(billing);
    const sockets = await onBoth('/agents', promoted);
    for (const socket of sockets) expect(await socket.request('ticket.follow', { ticketId: billingTicket, afterSeq: 0 })).toEqual({ ok: false, error: 'not-found' });

    await api.http.patch(`/api/agents/${promoted.id}`).set(admin.auth).send({ role: 'supervisor' }).expect(200);
    for (const socket of sockets) {
      const [changed] = await socket.until('access.changed', (items) => items.length > 0);
      expect(changed).toEqual({ role: 'supervisor', teamId: front });
      expect(await socket.request('ticket.follow', { ticketId: billingTicket, afterSeq: 0 })).toMatchObject({ ok: true });
    }
    const [board] = await onBoth('/supervisors', promoted);
    await api.http.post(`/api/tickets/${billingTicket}/messages`).set(wang.auth).send({ body: 'billing note', visibility: 'internal' }).expect(201);
    await board.until<LiveTicketEvent>('ticket.event', (items) => items.some(noteOn(billingTicket, 'billing note')));
  });

  it('a change made in SQL, without the API, reaches both gateways too: a deactivated agent loses every socket', async () => {
    const leaver = await f.agent('supervisor', front, 'Ma Tao');
    const sockets = [...(await onBoth('/agents', leaver)), ...(await onBoth('/supervisors', leaver))];
    const reasons = sockets.map(dropped);
    await api.database.db.query(`UPDATE agents SET active = false WHERE id = $1`, [leaver.id]);
    expect(await Promise.all(reasons)).toEqual(Array(4).fill('io server disconnect'));
    for (const socket of sockets) expect(socket.events('access.revoked')).toEqual([{ reason: 'Your account was disabled.' }]);
  });

  it('a gateway that lost its LISTEN connection re-checks every socket once it is back', async () => {
    const mover = await f.agent('agent', front, 'He Jun');
    const sockets = await onBoth('/agents', mover);
    await api.database.db.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'firsthand-agent-changes' AND datname = current_database()`);
    await api.database.db.query(`UPDATE agents SET team_id = $2 WHERE id = $1`, [mover.id, billing]);
    for (const socket of sockets) expect(await socket.until('access.changed', (items) => items.length > 0, 8000)).toEqual([{ role: 'agent', teamId: billing }]);
    const newTeamTicket = await ticketIn(billing);
    for (const socket of sockets) await socket.until<QueueChange>('queue.changed', queueChangeOf(newTeamTicket));
  });

  it('an ended session drops its sockets on both gateways, and only its own: sign-out, then an admin lock ends the rest', async () => {
    const agent = await f.agent('supervisor', front, 'Xu Lan');
    const other = await api.http.post('/api/auth/login').send({ email: agent.email, password: TEST_PASSWORD }).expect(200);
    const otherAgent = { ...agent, token: other.body.accessToken as string };
    const signedOut = [...(await onBoth('/agents', agent)), ...(await onBoth('/supervisors', agent))];
    const kept = [...(await onBoth('/agents', otherAgent)), ...(await onBoth('/supervisors', otherAgent))];
    const reasons = signedOut.map(dropped);
    await api.http.post('/api/auth/logout').set(agent.auth).expect(204);
    expect(await Promise.all(reasons)).toEqual(Array(4).fill('io server disconnect'));
    for (const socket of kept) expect(socket.socket.connected).toBe(true);
    expect(await LiveClient.refusal(url(0, '/agents'), { token: agent.token })).toBe('invalid-token');

    const locked = kept.map(dropped);
    await api.http.post(`/api/agents/${agent.id}/lock`).set(admin.auth).expect(200);
    expect(await Promise.all(locked)).toEqual(Array(4).fill('io server disconnect'));
    expect(await LiveClient.refusal(url(1, '/supervisors'), { token: otherAgent.token })).toBe('invalid-token');
  });
});
