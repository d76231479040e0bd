import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const NOBODY = '00000000-0000-4000-8000-000000000000';

describe('customers: supervisors change the tier and merge records, over real HTTP and PostgreSQL', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let front: string;
  let billing: string;
  let supervisor: TestAgent;
  let agent: TestAgent;
  let outsider: TestAgent;
  const db = () => api.database.db;
  const customerOf = async (ticketId: string): Promise<string> => (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id;
  const everything = async () => ({
    customers: await db().query(`SELECT * FROM customers ORDER BY id`),
    tickets: await db().query(`SELECT id, customer_id, tier, first_response_due_at, resolution_due_at, last_seq FROM tickets ORDER BY id`),
    events: (await db().query(`SELECT count(*)::int AS n FROM ticket_events`))[0].n,
    outbox: (await db().query(`SELECT count(*)::int AS n FROM job_outbox`))[0].n,
  });

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    front = await f.team('Front Desk', true);
    billing = await f.team('Billing');
    supervisor = await f.agent('supervisor', front, 'Wang Fang');
    agent = await f.agent('agent', front, 'Li Wei');
    outsider = await f.agent('agent', billing, 'Sara Lopez');
  });
  afterAll(() => api.close());

  describe('tier change', () => {
    it('open tickets take the new tier with re-planned due times and an internal event; resolved ones keep theirs', async () => {
      const email = `tier-${Date.now()}@example.com`;
      const done = await f.customerTicket({ subject: 'Old one' }, { name: 'Tier Tang', email });
      await api.http.post(`/api/tickets/${done.id}/claim`).set(agent.auth).expect(200);
      await api.http.post(`/api/tickets/${done.id}/status`).set(agent.auth).send({ status: 'resolved', resolution: 'ok' }).expect(200);
      const open = await f.customerTicket({ subject: 'Open one' }, { name: 'Tier Tang', email });
      const customerId = await customerOf(open.id);
      const [before] = await db().query(`SELECT * FROM tickets WHERE id = $1`, [open.id]);
      const [vip] = await db().query(`SELECT * FROM sla_policies WHERE priority = 'normal' AND tier = 'vip'`);

      const res = await api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'vip' }).expect(200);
      expect(res.body).toMatchObject({ customer: { id: customerId, tier: 'vip' }, changedTickets: [{ id: open.id, code: open.code }] });

      const [after] = await db().query(`SELECT * FROM tickets WHERE id = $1`, [open.id]);
      expect(after.tier).toBe('vip');
      expect(after.first_response_due_at.getTime()).toBe(before.created_at.getTime() + vip.first_response_seconds * 1000);
      expect(after.resolution_due_at.getTime()).toBe(before.created_at.getTime() + vip.resolution_seconds * 1000);
      // The ticket keeps the targets it is now planned with, for a later calendar re-plan.
      expect(after).toMatchObject({ sla_first_response_seconds: vip.first_response_seconds, sla_resolution_seconds: vip.resolution_seconds });
      const events = await api.http.get(`/api/tickets/${open.id}/events`).set(agent.auth).expect(200);
      const changed = events.body.items.find((e: { type: string }) => e.type === 'customer_tier_changed');
      expect(changed).toMatchObject({ visibility: 'internal', actor: { type: 'agent', id: supervisor.id }, payload: { customerId, from: 'standard', to: 'vip' } });
      expect((await db().query(`SELECT tier FROM tickets WHERE id = $1`, [done.id]))[0].tier).toBe('standard');
      // The customer never sees it.
      const track = await api.http.get(`/api/track/${open.code}`).set('X-Tracking-Token', open.trackingToken).expect(200);
      expect(JSON.stringify(track.body)).not.toContain('customer_tier_changed');
      // A new ticket of theirs opens on the new tier.
      const later = await f.customerTicket({}, { name: 'Tier Tang', email });
      expect((await db().query(`SELECT tier FROM tickets WHERE id = $1`, [later.id]))[0].tier).toBe('vip');
      // The same tier again changes no ticket.
      const again = await api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'vip' }).expect(200);
      expect(again.body.changedTickets).toEqual([]);
    });

    it('a tier change racing new tickets of the customer: every open ticket ends on the new tier, each changed one with its event', async () => {
      const email = `tier-race-${Date.now()}@example.com`;
      const first = await f.customerTicket({}, { name: 'Tier Race', email });
      const customerId = await customerOf(first.id);
      const racing = Array.from({ length: 8 }, (_, i) =>
        api.http.post('/api/tickets').send({ subject: `Racing ${i}`, description: 'x', channel: 'web', kind: 'problem', customer: { name: 'Tier Race', email } }),
      );
      const [change, ...opened] = await Promise.all([api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'member' }), ...racing]);
      expect(change.status).toBe(200);
      expect(opened.map((r) => r.status)).toEqual(Array(8).fill(201));
      const changed = new Set(change.body.changedTickets.map((t: { id: string }) => t.id));
      expect(changed.has(first.id)).toBe(true);
      for (const ticket of [first, ...opened.map((r) => r.body)]) {
        const [row] = await db().query(`SELECT tier FROM tickets WHERE id = $1`, [ticket.id]);
        expect(row.tier).toBe('member');
        const events = await db().query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_tier_changed'`, [ticket.id]);
        expect(events[0].n).toBe(changed.has(ticket.id) ? 1 : 0);
      }
    });

    it('agents may not change a tier, bad tiers and unknown customers are refused, and nothing changes', async () => {
      const ticket = await f.customerTicket();
      const customerId = await customerOf(ticket.id);
      const before = await everything();
      const forbidden = await api.http.patch(`/api/customers/${customerId}`).set(agent.auth).send({ tier: 'vip' }).expect(403);
      expect(forbidden.body.type).toBe('https://firsthand.dev/problems/role-required');
      const bad = await api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'gold' }).expect(400);
      expect(bad.body.errors[0].field).toBe('tier');
      await api.http.patch(`/api/customers/${customerId}`).set(supervisor.auth).send({}).expect(400);
      await api.http.patch(`/api/customers/${NOBODY}`).set(supervisor.auth).send({ tier: 'vip' }).expect(404);
      expect(await everything()).toEqual(before);
    });
  });

  describe('merge', () => {
    it('moves every ticket with one internal event each, combines contacts, and the old id and email lead to the survivor', async () => {
      const survivorTicket = await f.customerTicket({ subject: 'On the survivor' }, { name: 'Zhou Min', email: `zhou-${Date.now()}@example.com`, phone: undefined });
      const dupEmail = `zm-work-${Date.now()}@example.com`;
      const dup1 = await f.customerTicket({ subject: 'Dup one' }, { name: 'Z. Min', email: dupEmail, phone: '+8613700000009' });
      const dup2 = await f.customerTicket({ subject: 'Dup two' }, { name: 'Z. Min', email: dupEmail });
      const survivorId = await customerOf(survivorTicket.id);
      const duplicateId = await customerOf(dup1.id);
      const seqBefore = await db().query(`SELECT id, last_seq FROM tickets WHERE customer_id = $1 ORDER BY id`, [duplicateId]);

      const res = await api.http.post(`/api/customers/${survivorId}/merge`).set(supervisor.auth).send({ duplicateId }).expect(200);
      expect(res.body.customer).toMatchObject({ id: survivorId, name: 'Zhou Min', phone: '+8613700000009' });
      expect(res.body.changedTickets.map((t: { id: string }) => t.id).sort()).toEqual([dup1.id, dup2.id].sort());

      expect(await customerOf(dup1.id)).toBe(survivorId);
      expect(await customerOf(dup2.id)).toBe(survivorId);
      for (const { id, last_seq } of seqBefore) {
        const events = await db().query(`SELECT type, visibility, seq, payload FROM ticket_events WHERE ticket_id = $1 AND seq > $2`, [id, last_seq]);
        expect(events).toEqual([{ type: 'customer_merged', visibility: 'internal', seq: last_seq + 1, payload: { fromCustomerId: duplicateId, fromCustomerName: 'Z. Min', toCustomerId: survivorId, toCustomerName: 'Zhou Min' } }]);
      }
      const [dupRow] = await db().query(`SELECT * FROM customers WHERE id = $1`, [duplicateId]);
      expect(dupRow).toMatchObject({ merged_into_id: survivorId, email: dupEmail, phone: null });

      const old = await api.http.get(`/api/customers/${duplicateId}`).set(agent.auth).expect(200);
      expect(old.body).toMatchObject({ id: survivorId, mergedFromId: duplicateId, counts: { tickets: 3 } });
      expect(old.body.otherContacts).toEqual([expect.objectContaining({ customerId: duplicateId, email: dupEmail, phone: null })]);

      // The form and email intake by the duplicate's address now find the survivor.
      const next = await f.customerTicket({ subject: 'After the merge' }, { name: 'Z. Min', email: dupEmail });
      expect(await customerOf(next.id)).toBe(survivorId);
      const search = await api.http.get('/api/customers').query({ q: 'Z. Min' }).set(agent.auth).expect(200);
      expect(search.body.items).toEqual([]);
      // The moved tickets' search documents were re-indexed in the merge, with the survivor's name in them.
      const docs = await db().query(`SELECT ticket_id FROM ticket_search WHERE ticket_id = ANY($1::uuid[]) AND public_doc @@ 'zhou'::tsquery`, [[dup1.id, dup2.id]]);
      expect(docs.map((d: { ticket_id: string }) => d.ticket_id).sort()).toEqual([dup1.id, dup2.id].sort());
      const found = await api.http.get('/api/search').query({ q: 'Zhou Min' }).set(supervisor.auth).expect(200);
      expect(found.body.items.map((i: { ticket: { id: string } }) => i.ticket.id)).toEqual(expect.arrayContaining([survivorTicket.id, dup1.id, dup2.id]));
    });

    it('the survivor takes an email it lacked, and intake by it finds the survivor', async () => {
      const phoneOnly = await f.customerTicket({}, { name: 'Phone Pan', email: undefined, phone: `+86139${Date.now() % 100000000}` });
      const email = `pan-${Date.now()}@example.com`;
      const withEmail = await f.customerTicket({}, { name: 'Pan', email });
      const survivorId = await customerOf(phoneOnly.id);
      await api.http.post(`/api/customers/${survivorId}/merge`).set(supervisor.auth).send({ duplicateId: await customerOf(withEmail.id) }).expect(200);
      const [survivor] = await db().query(`SELECT email FROM customers WHERE id = $1`, [survivorId]);
      expect(survivor.email).toBe(email);
      const next = await f.customerTicket({}, { name: 'Pan', email });
      expect(await customerOf(next.id)).toBe(survivorId);
    });

    it('refuses merging with itself, twice, an unknown record, or as an agent, and nothing changes', async () => {
      const a = await customerOf((await f.customerTicket()).id);
      const b = await customerOf((await f.customerTicket()).id);
      const c = await customerOf((await f.customerTicket()).id);
      await api.http.post(`/api/customers/${c}/merge`).set(supervisor.auth).send({ duplicateId: b }).expect(200);
      const before = await everything();
      const self = await api.http.post(`/api/customers/${a}/merge`).set(supervisor.auth).send({ duplicateId: a }).expect(409);
      expect(self.body).toMatchObject({ type: 'https://firsthand.dev/problems/customer-merge-refused' });
      const twice = await api.http.post(`/api/customers/${a}/merge`).set(supervisor.auth).send({ duplicateId: b }).expect(409);
      expect(twice.body).toMatchObject({ mergedIntoId: c });
      const intoMerged = await api.http.post(`/api/customers/${b}/merge`).set(supervisor.auth).send({ duplicateId: a }).expect(409);
      expect(intoMerged.body).toMatchObject({ mergedIntoId: c });
      const unknown = await api.http.post(`/api/customers/${a}/merge`).set(supervisor.auth).send({ duplicateId: NOBODY }).expect(400);
      expect(unknown.body.errors).toEqual([{ field: 'duplicateId', messages: ['duplicateId must name an existing customer'] }]);
      await api.http.post(`/api/customers/${NOBODY}/merge`).set(supervisor.auth).send({ duplicateId: a }).expect(404);
      const badBody = await api.http.post(`/api/customers/${a}/merge`).set(supervisor.auth).send({ duplicateId: 'nope' }).expect(400);
      expect(badBody.body.errors[0].field).toBe('duplicateId');
      await api.http.post(`/api/customers/${a}/merge`).set(supervisor.auth).send({}).expect(400);
      await api.http.post(`/api/customers/${a}/merge`).set(agent.auth).send({ duplicateId: c }).expect(403);
      const merged = await api.http.patch(`/api/customers/${b}`).set(supervisor.auth).send({ tier: 'vip' }).expect(409);
      expect(merged.body).toMatchObject({ type: 'https://firsthand.dev/problems/customer-merged', mergedIntoId: c });
      expect(await everything()).toEqual(before);
    });

    it('two merges of one pair at once, in both directions: one wins, the other is refused, nothing is lost', async () => {
      for (let round = 0; round < 5; round++) {
        const ta = await f.customerTicket();
        const tb = await f.customerTicket();
        const a = await customerOf(ta.id);
        const b = await customerOf(tb.id);
        const [ab, ba] = await Promise.all([
          api.http.post(`/api/customers/${a}/merge`).set(supervisor.auth).send({ duplicateId: b }),
          api.http.post(`/api/customers/${b}/merge`).set(supervisor.auth).send({ duplicateId: a }),
        ]);
        expect([ab.status, ba.status].sort()).toEqual([200, 409]);
        const survivor = ab.status === 200 ? a : b;
        expect(await customerOf(ta.id)).toBe(survivor);
        expect(await customerOf(tb.id)).toBe(survivor);
        const merged = await db().query(`SELECT id FROM customers WHERE id = ANY($1) AND merged_into_id IS NOT NULL`, [[a, b]]);
        expect(merged).toHaveLength(1);
      }
    });

    it('one duplicate merged into five survivors at once: exactly one merge happens', async () => {
      const dupTicket = await f.customerTicket();
      const duplicateId = await customerOf(dupTicket.id);
      const survivors = await Promise.all([1, 2, 3, 4, 5].map(async () => customerOf((await f.customerTicket()).id)));
      const answers = await Promise.all(survivors.map((s) => api.http.post(`/api/customers/${s}/merge`).set(supervisor.auth).send({ duplicateId })));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409]);
      const winner = survivors[answers.findIndex((r) => r.status === 200)];
      expect(await customerOf(dupTicket.id)).toBe(winner);
      expect((await db().query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_merged'`, [dupTicket.id]))[0].n).toBe(1);
    });

    it('a merge racing new tickets for the duplicate\'s email: every ticket ends on the survivor, each moved one has its event', async () => {
      const email = `race-${Date.now()}@example.com`;
      const survivorTicket = await f.customerTicket({}, { name: 'Race Survivor', email: `survivor-${Date.now()}@example.com` });
      const first = await f.customerTicket({}, { name: 'Race Dup', email });
      const survivorId = await customerOf(survivorTicket.id);
      const duplicateId = await customerOf(first.id);
      const racing = Array.from({ length: 8 }, (_, i) =>
        api.http.post('/api/tickets').send({ subject: `Racing ${i}`, description: 'x', channel: 'email', kind: 'problem', customer: { name: 'Race Dup', email } }),
      );
      const [merge, ...opened] = await Promise.all([api.http.post(`/api/customers/${survivorId}/merge`).set(supervisor.auth).send({ duplicateId }), ...racing]);
      expect(merge.status).toBe(200);
      expect(opened.map((r) => r.status)).toEqual(Array(8).fill(201));
      expect(await db().query(`SELECT id FROM tickets WHERE customer_id = $1`, [duplicateId])).toEqual([]);
      const moved = new Set(merge.body.changedTickets.map((t: { id: string }) => t.id));
      expect(moved.has(first.id)).toBe(true);
      for (const ticket of [first, ...opened.map((r) => r.body)]) {
        expect(await customerOf(ticket.id)).toBe(survivorId);
        const events = await db().query(`SELECT count(*)::int AS n FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_merged'`, [ticket.id]);
        expect(events[0].n).toBe(moved.has(ticket.id) ? 1 : 0);
      }
    });
  });


  it('an act that would change more than 1000 tickets at once is refused with 422, and nothing changes', async () => {
    const big = await f.customerTicket({}, { name: 'Big Account' });
    const bigId = await customerOf(big.id);
    await db().query(
      `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, customer_id, first_response_due_at, resolution_due_at)
       SELECT 'BULK-' || n, 'x', 'Bulk ' || n, 'x', 'web', 'problem', 'normal', 'standard', 'new', $1, now() + interval '1 hour', now() + interval '2 days'
       FROM generate_series(1, 1000) AS n`,
      [bigId],
    );
    const other = await customerOf((await f.customerTicket()).id);
    const before = await everything();
    const merge = await api.http.post(`/api/customers/${other}/merge`).set(supervisor.auth).send({ duplicateId: bigId }).expect(422);
    expect(merge.body).toMatchObject({ type: 'https://firsthand.dev/problems/too-many-customer-tickets', limit: 1000 });
    const tier = await api.http.patch(`/api/customers/${bigId}`).set(supervisor.auth).send({ tier: 'vip' }).expect(422);
    expect(tier.body).toMatchObject({ type: 'https://firsthand.dev/problems/too-many-customer-tickets', limit: 1000 });
    expect(await everything()).toEqual(before);
  });
});
