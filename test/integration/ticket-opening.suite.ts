import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * What an opening reads in one statement (the team, the SLA policy, its calendar) and what it
 * writes without reading back (the ticket's search document), seen through the public API.
 */
describe('opening a ticket: its team, its SLA and its search document', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let frontDesk: string;
  let billing: string;
  let supervisor: TestAgent;

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    frontDesk = await f.team('Front Desk', true);
    billing = await f.team('Billing');
    supervisor = await f.agent('supervisor', frontDesk, 'Zhou Min');
  });
  afterAll(() => api.close());

  const row = async (id: string) => (await api.database.db.query(`SELECT team_id, first_response_due_at, resolution_due_at, created_at, priority, tier FROM tickets WHERE id = $1`, [id]))[0];
  const policy = async (priority: string, tier: string) =>
    (await api.database.db.query(`SELECT first_response_seconds, resolution_seconds FROM sla_policies WHERE priority = $1 AND tier = $2`, [priority, tier]))[0];

  it('goes to the team an agent names, else to a repeat contact’s team, else to the default team', async () => {
    const email = `wen-${Date.now()}@example.com`;
    const named = await api.http
      .post('/api/tickets')
      .set(supervisor.auth)
      .send({ subject: 'Invoice twice', description: 'Charged twice in May.', teamId: billing, customer: { name: 'Wen Tao', email } })
      .expect(201);
    expect((await row(named.body.id)).team_id).toBe(billing);

    // The same customer writes again while that ticket is open: a repeat contact, in its team.
    const again = await f.customerTicket({ subject: 'Still charged twice' }, { name: 'Wen Tao', email });
    expect(again.repeatOfTicketId).toBe(named.body.id);
    expect((await row(again.id)).team_id).toBe(billing);

    const fresh = await f.customerTicket();
    expect(fresh.repeatOfTicketId).toBeNull();
    expect((await row(fresh.id)).team_id).toBe(frontDesk);
  });

  it('a team that does not exist is a 400 naming teamId, and nothing is stored, the customer included', async () => {
    const before = await f.counts();
    const refused = await api.http
      .post('/api/tickets')
      .set(supervisor.auth)
      .send({ subject: 'Lost parcel', description: 'Never came.', teamId: '00000000-0000-4000-8000-000000000000', customer: { name: 'Nobody Yet', email: `nobody-${Date.now()}@example.com` } })
      .expect(400);
    expect(refused.body.errors).toEqual([{ field: 'teamId', messages: ['teamId must name an existing team'] }]);
    expect(await f.counts()).toEqual(before);
  });

  it('takes its due times from the SLA policy of its priority and tier', async () => {
    const opened = await api.http
      .post('/api/tickets')
      .set(supervisor.auth)
      .send({ subject: 'Server down', description: 'Nothing loads.', priority: 'urgent', customer: { name: 'Gao Lan', email: `gao-${Date.now()}@example.com`, tier: 'vip' } })
      .expect(201);
    const ticket = await row(opened.body.id);
    expect([ticket.priority, ticket.tier]).toEqual(['urgent', 'vip']);
    const targets = await policy('urgent', 'vip');
    // The default calendar (set by the migration) is always open, so the due times are plain offsets.
    expect(ticket.first_response_due_at.getTime() - ticket.created_at.getTime()).toBe(targets.first_response_seconds * 1000);
    expect(ticket.resolution_due_at.getTime() - ticket.created_at.getTime()).toBe(targets.resolution_seconds * 1000);
  });

  it('is found at once by its subject, its description and its customer’s name as stored', async () => {
    const email = `marguerite-${Date.now()}@example.com`;
    // The customer exists under another spelling: the document carries the stored name, as the rebuild would.
    await f.customerTicket({ subject: 'First contact' }, { name: 'Marguerite Okonkwo', email });
    await api.database.db.query(`UPDATE tickets SET status = 'closed', resolved_at = now() - interval '400 days' WHERE customer_id = (SELECT id FROM customers WHERE email = $1)`, [email]);
    const opened = await f.customerTicket({ subject: 'Espresso machine leaks', description: 'Water pools under the boiler.' }, { name: 'M. Okonkwo', email });
    for (const q of ['espresso', 'boiler', 'Marguerite']) {
      const found = await api.http.get('/api/search').query({ q }).set(supervisor.auth).expect(200);
      expect({ q, ids: found.body.items.map((i: { ticket: { id: string } }) => i.ticket.id) }).toEqual({ q, ids: expect.arrayContaining([opened.id]) });
    }
  });
});
