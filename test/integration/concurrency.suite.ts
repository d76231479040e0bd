import pg from 'pg';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

describe('concurrent writers on one ticket', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agents: TestAgent[];

  beforeAll(async () => {
    api = await startApi({ DATABASE_POOL_SIZE: '20' });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    agents = [];
    for (let i = 0; i < 20; i++) agents.push(await f.agent('agent', team, `Racer ${i}`));
  });
  afterAll(() => api.close());

  it('20 simultaneous claims: exactly one wins, every loser is told who', async () => {
    const ticket = await f.customerTicket();
    const results = await Promise.all(agents.map((a) => api.http.post(`/api/tickets/${ticket.id}/claim`).set(a.auth)));
    const winners = results.filter((r) => r.status === 200);
    expect(winners).toHaveLength(1);
    const winnerId = winners[0].body.ticket.owner.id;
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(agents.length - 1);
    for (const l of losers) expect(l.body).toMatchObject({ ownerId: winnerId, ownerName: agents.find((a) => a.id === winnerId)!.name });
    const { ticket: row, events } = await f.snapshot(ticket.id);
    expect(row.owner_id).toBe(winnerId);
    expect(row.first_responder_id).toBe(winnerId);
    expect(events.filter((e: { type: string }) => e.type === 'claimed')).toHaveLength(1);
  });

  it('20 simultaneous claims and public replies mixed: exactly one wins, every loser gets 409 naming the winner, one message is written', async () => {
    const ticket = await f.customerTicket();
    // Everyone is made to ask before anyone wins: the ticket's row is held until all wait for it
    // (a reply sent after a win is a non-owner's, 403, which a busy machine could otherwise make of
    // the last to arrive).
    // Its own connection, not one of the API's pool: all twenty must reach the row.
    const hold = new pg.Client({ connectionString: api.database.url });
    const watch = new pg.Client({ connectionString: api.database.url });
    await Promise.all([hold.connect(), watch.connect()]);
    let racing: Promise<Array<{ status: number; body: Record<string, unknown> }>> | undefined;
    try {
      await hold.query('BEGIN');
      await hold.query(`SELECT 1 FROM tickets WHERE id = $1 FOR UPDATE`, [ticket.id]);
      racing = Promise.all(
        agents.map((a, i) =>
          (i % 2 === 0
            ? api.http.post(`/api/tickets/${ticket.id}/claim`).set(a.auth)
            : api.http.post(`/api/tickets/${ticket.id}/messages`).set(a.auth).send({ body: `I have it (${a.name})`, visibility: 'public' })
          ).then((r) => r),
        ),
      );
      // pg_stat_activity is read once per transaction: asked outside the hold's, each time afresh.
      const waiting = async () => (await watch.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()`)).rows[0].n as number;
      for (let i = 0; i < 200 && (await waiting()) < agents.length; i++) await new Promise((r) => setTimeout(r, 25));
      expect(await waiting()).toBe(agents.length);
      await hold.query('COMMIT');
    } finally {
      await Promise.all([hold.end(), watch.end()]);
    }
    const results = await racing!;
    const winners = results.filter((r) => r.status === 200 || r.status === 201);
    expect(winners).toHaveLength(1);
    const { ticket: row, events, messages } = await f.snapshot(ticket.id);
    const winnerId = row.owner_id as string;
    const losers = results.filter((r) => r.status === 409);
    expect(losers).toHaveLength(agents.length - 1);
    for (const l of losers) expect(l.body).toMatchObject({ ownerId: winnerId, ownerName: agents.find((a) => a.id === winnerId)!.name });
    expect(row.first_responder_id).toBe(winnerId);
    expect(events.filter((e: { type: string }) => e.type === 'claimed')).toHaveLength(1);
    expect(messages.length).toBe(winners[0].status === 201 ? 1 : 0);
    // Owned before it was asked, a reply is a non-owner's: 403, as the ownership rules say.
    const late = agents.find((a) => a.id !== winnerId)!;
    const refused = await api.http.post(`/api/tickets/${ticket.id}/messages`).set(late.auth).send({ body: 'Too late', visibility: 'public' }).expect(403);
    expect(refused.body).toMatchObject({ ownerId: winnerId, type: expect.stringContaining('not-ticket-owner') });
  });

  it('many writers at once (notes, replies, customer messages) leave seqs 1..n with no gap or duplicate', async () => {
    const ticket = await f.customerTicket();
    const owner = agents[0];
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(owner.auth).expect(200);
    const writes = [];
    for (let i = 0; i < 60; i++) {
      const who = agents[i % agents.length];
      if (i % 3 === 0) writes.push(api.http.post(`/api/tickets/${ticket.id}/messages`).set(owner.auth).send({ body: `reply ${i}`, visibility: 'public' }));
      else if (i % 3 === 1) writes.push(api.http.post(`/api/tickets/${ticket.id}/messages`).set(who.auth).send({ body: `note ${i}`, visibility: 'internal' }));
      else writes.push(api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: `customer ${i}` }));
    }
    const results = await Promise.all(writes);
    expect(results.map((r) => r.status)).toEqual(results.map(() => 201));
    const { ticket: row, events, messages } = await f.snapshot(ticket.id);
    const seqs = events.map((e: { seq: number }) => e.seq);
    expect(seqs).toEqual(Array.from({ length: 62 }, (_, i) => i + 1));
    expect(row.last_seq).toBe(62);
    expect(messages).toHaveLength(60);
    expect(new Set(messages.map((m: { event_seq: number }) => m.event_seq)).size).toBe(60);
  });
});
