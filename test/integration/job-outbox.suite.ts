import { JobOutbox, NotificationStore } from '@firsthand/persistence';
import { DataSource } from 'typeorm';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** What a worker's job reads of the events it carries (JobOutbox.committedEvents), on a real database. */
describe('the committed events a job reads', () => {
  let api: ApiHarness;
  let outbox: JobOutbox;
  let eventIds: string[];
  let f: HelpdeskFactory;
  let team: string;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    team = await f.team('Front Desk', true);
    outbox = new JobOutbox(api.app.get(DataSource));
    // More events than one read takes (20): each new ticket has its `created` event.
    const tickets = [];
    for (let i = 0; i < 23; i++) tickets.push(await f.customerTicket({ subject: `Printer ${i} jams` }));
    const rows = await api.database.db.query(`SELECT e.id::text AS id FROM ticket_events e WHERE e.ticket_id = ANY($1::uuid[]) ORDER BY e.id`, [tickets.map((t) => t.id)]);
    eventIds = rows.map((r: { id: string }) => r.id);
  });
  afterAll(() => api.close());

  it('returns every event asked for once, oldest first, each with its ticket, whatever the order and however many', async () => {
    expect(eventIds.length).toBeGreaterThan(20);
    const asked = [...eventIds].reverse();
    const missing = String(BigInt(eventIds[eventIds.length - 1]) + 1000n);
    const found = await outbox.committedEvents([asked[3], ...asked, missing]);
    expect(found.map((c) => String(c.event.id))).toEqual(eventIds);
    for (const c of found) expect(c.ticket?.id).toBe(c.event.ticketId);
    expect(new Set(found.map((c) => c.ticket?.subject)).size).toBe(eventIds.length);
  });

  it("clears a handled event's row that a relay still holds, once the relay commits (the worker may run a job before its hand-over commits)", async () => {
    const db = api.app.get(DataSource);
    const [event] = (await outbox.committedEvents([eventIds[7]])).map((c) => c.event);
    const relay = db.createQueryRunner();
    await relay.connect();
    await relay.startTransaction();
    try {
      // As JobOutbox.handOverDue: the row marked handed over and held while Redis takes the job.
      await relay.query(`UPDATE job_outbox SET handed_over_at = now(), hand_overs = hand_overs + 1 WHERE event_id = $1`, [event.id]);
      const planned = new NotificationStore(db).planAll([{ event: { id: String(event.id), ticketId: event.ticketId }, planned: [] }], { leaseMs: 60_000, worker: 'test', now: new Date() }, true);
      let settled = false;
      void planned.then(() => (settled = true), () => (settled = true));
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(settled).toBe(false);
      await relay.query(`UPDATE job_outbox SET job_id = 'event-' || event_id WHERE event_id = $1`, [event.id]);
      await relay.commitTransaction();
      await planned;
    } finally {
      if (relay.isTransactionActive) await relay.rollbackTransaction();
      await relay.release();
    }
    expect(await api.database.db.query(`SELECT event_id FROM job_outbox WHERE event_id = $1`, [event.id])).toEqual([]);
  });

  it('reads with each event the others its transaction wrote on its ticket (what the customer is told of one action), even when the job carries it alone', async () => {
    const li = await f.agent('agent', team, 'Li Wei');
    const ticket = await f.customerTicket({ subject: 'Scanner shows error 5' });
    // A reply on an unowned ticket claims it first: two statements, one transaction. The status change after it is another action.
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Unplug it for a minute.', visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'pending_customer' }).expect(200);
    const rows: Array<{ id: string; type: string }> = await api.database.db.query(`SELECT id::text AS id, type FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [ticket.id]);
    expect(rows.map((r) => r.type)).toEqual(['created', 'claimed', 'agent_replied', 'status_changed']);
    const found = await outbox.committedEvents(rows.map((r) => r.id));
    expect(found.map((c) => [c.event.type, c.sameAction.map((e) => e.type)])).toEqual([
      ['created', ['created']],
      ['claimed', ['claimed', 'agent_replied']],
      ['agent_replied', ['claimed', 'agent_replied']],
      ['status_changed', ['status_changed']],
    ]);
    const [alone] = await outbox.committedEvents([rows[2].id]);
    expect(alone.sameAction.map((e) => [String(e.id), e.seq, e.type])).toEqual([[rows[1].id, 2, 'claimed'], [rows[2].id, 3, 'agent_replied']]);
    // The same event, carrying only what the rules read of a payload (not the reply's body).
    expect({ ...alone.sameAction[1], payload: undefined }).toEqual({ ...alone.event, payload: undefined });
    expect(found[3]!.sameAction[0]!.payload).toEqual({ to: 'pending_customer' });
    expect(alone.sameAction[1]!.payload).toEqual({});
  });

  it("reads the ticket's copied people with an agent's public event only", async () => {
    const li = await f.agent('agent', team, 'Li Wei');
    const ticket = await f.customerTicket({ subject: 'Copies' });
    await api.database.db.query(`INSERT INTO ticket_copied_people (ticket_id, address, name) VALUES ($1, 'boss@acme.example', 'Boss'), ($1, 'it@acme.example', NULL)`, [ticket.id]);
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Copied answer', visibility: 'public' }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Note', visibility: 'internal' }).expect(201);
    const rows: Array<{ id: string }> = await api.database.db.query(`SELECT id::text AS id FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [ticket.id]);
    const found = await outbox.committedEvents(rows.map((r) => r.id));
    expect(found.map((c) => [c.event.type, c.copiedPeople.map((p) => p.address)])).toEqual([
      ['created', []],
      ['claimed', ['boss@acme.example', 'it@acme.example']],
      ['agent_replied', ['boss@acme.example', 'it@acme.example']],
      ['internal_note_added', []],
    ]);
    expect(found[2]!.copiedPeople).toEqual([{ address: 'boss@acme.example', name: 'Boss' }, { address: 'it@acme.example', name: null }]);
  });

  it('reads one event, and none', async () => {
    const [one] = await outbox.committedEvents([eventIds[5]]);
    expect(String(one.event.id)).toBe(eventIds[5]);
    expect(one.audience.customerName).toMatch(/^Customer \d+$/);
    expect(await outbox.committedEvents([])).toEqual([]);
  });
});
