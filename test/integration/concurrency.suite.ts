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
