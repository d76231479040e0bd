import { jest } from '@jest/globals';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import request from 'supertest';
import { TicketReadModel } from '@firsthand/persistence';
import { createApiApp } from '../../apps/api/src/create-api-app.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/**
 * An API process holds the ticket views and queue pages it answered with (HeldTicketViews). Two API
 * instances on one database stand for two processes: whatever changes a view, through the other
 * instance or straight in SQL, shows on the holder's very next request.
 */
describe('ticket views held in memory, across API instances', () => {
  let a: ApiHarness;
  let b: NestFastifyApplication;
  let bHttp: ReturnType<typeof request>;
  let f: HelpdeskFactory;
  let front: string;
  let back: string;
  let supervisor: TestAgent;
  let li: TestAgent;
  let outsider: TestAgent;
  let reads: { single: number; pages: number; delayMs: number };

  beforeAll(async () => {
    a = await startApi();
    b = await createApiApp(a.config);
    bHttp = request(b.getHttpServer());
    f = new HelpdeskFactory(a);
    front = await f.team('Front Desk', true);
    back = await f.team('Back Office');
    supervisor = await f.agent('supervisor', front, 'Wang Fang');
    li = await f.agent('agent', front, 'Li Lei');
    outsider = await f.agent('agent', back, 'Zhao Min');
    // What B reads from PostgreSQL, counted: a held answer reads nothing.
    const model = b.get(TicketReadModel);
    reads = { single: 0, pages: 0, delayMs: 0 };
    const findVisible = model.findVisible.bind(model);
    const list = model.list.bind(model);
    // `delayMs` makes every read slow, so that requests arrive while one is under way.
    const slowly = async <T>(answer: Promise<T>) => (reads.delayMs ? (await new Promise((r) => setTimeout(r, reads.delayMs)), answer) : answer);
    jest.spyOn(model, 'findVisible').mockImplementation((...args) => (reads.single++, slowly(findVisible(...args))));
    jest.spyOn(model, 'list').mockImplementation((...args) => (reads.pages++, slowly(list(...args))));
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  const view = (agent: TestAgent, id: string) => bHttp.get(`/api/tickets/${id}`).set(agent.auth);
  const page = async (agent: TestAgent, query = 'limit=25') => (await bHttp.get(`/api/tickets?${query}`).set(agent.auth).expect(200)).body as { items: Array<{ id: string; owner: { name: string } | null; customer: { name: string } }> };

  it('answers a repeated read from memory, and reads again once the ticket changed in another instance', async () => {
    const ticket = await f.customerTicket();
    await view(li, ticket.id).expect(200);
    const before = reads.single;
    const again = await view(li, ticket.id).expect(200);
    expect(reads.single).toBe(before);
    expect(again.body.owner).toBeNull();

    await a.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const claimed = await view(li, ticket.id).expect(200);
    expect(claimed.body.owner).toEqual({ id: li.id, name: 'Li Lei' });
    expect(reads.single).toBe(before + 1);
  });

  it('a queue page shows a ticket opened through the other instance on the next request', async () => {
    const first = await page(supervisor);
    const held = reads.pages;
    await page(supervisor);
    expect(reads.pages).toBe(held);
    const ticket = await f.customerTicket();
    const next = await page(supervisor);
    expect(next.items[0].id).toBe(ticket.id);
    expect(next.items.length).toBe(Math.min(25, first.items.length + 1));
  });

  it('requests arriving while a read is under way share it: one read per change, not one per waiting agent', async () => {
    const ticket = await f.customerTicket();
    reads.delayMs = 300;
    try {
      const pagesBefore = reads.pages;
      const singleBefore = reads.single;
      const [pages, views] = await Promise.all([
        Promise.all(Array.from({ length: 20 }, () => page(supervisor))),
        Promise.all(Array.from({ length: 20 }, () => view(supervisor, ticket.id).expect(200))),
      ]);
      expect(reads.pages - pagesBefore).toBe(1);
      expect(reads.single - singleBefore).toBe(1);
      expect(new Set(pages.map((p) => p.items[0].id))).toEqual(new Set([ticket.id]));
      expect(views.every((v) => v.body.id === ticket.id)).toBe(true);
      // A change while a read is under way: requests after it do not take that read's answer.
      const slow = page(supervisor);
      await new Promise((r) => setTimeout(r, 100));
      const later = await f.customerTicket();
      const after = await page(supervisor);
      expect(after.items[0].id).toBe(later.id);
      expect((await slow).items.length).toBeGreaterThan(0);
    } finally {
      reads.delayMs = 0;
    }
  });

  it('changes made in SQL by any other process hold at once: the ticket, its customer, its owner, its watchers', async () => {
    const ticket = await f.customerTicket({}, { name: 'Chen Jie' });
    await a.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await view(supervisor, ticket.id).expect(200);
    const db = a.database.db;

    await db.query(`UPDATE tickets SET priority = 'urgent' WHERE id = $1`, [ticket.id]);
    expect((await view(supervisor, ticket.id).expect(200)).body.priority).toBe('urgent');

    await db.query(`UPDATE customers SET name = 'Chen Jie (VIP)' WHERE id = (SELECT customer_id FROM tickets WHERE id = $1)`, [ticket.id]);
    expect((await view(supervisor, ticket.id).expect(200)).body.customer.name).toBe('Chen Jie (VIP)');
    expect((await page(supervisor)).items.find((t) => t.id === ticket.id)?.customer.name).toBe('Chen Jie (VIP)');

    await db.query(`UPDATE agents SET name = 'Li Lei (lead)' WHERE id = $1`, [li.id]);
    expect((await view(supervisor, ticket.id).expect(200)).body.owner).toEqual({ id: li.id, name: 'Li Lei (lead)' });
    expect((await page(supervisor)).items.find((t) => t.id === ticket.id)?.owner?.name).toBe('Li Lei (lead)');

    // Another team's agent sees it only while watching it.
    await view(outsider, ticket.id).expect(404);
    await db.query(`INSERT INTO ticket_watchers (ticket_id, agent_id, reason, added_at) VALUES ($1, $2, 'escalation', now())`, [ticket.id, outsider.id]);
    await view(outsider, ticket.id).expect(200);
    expect((await page(outsider)).items.map((t) => t.id)).toContain(ticket.id);
    await db.query(`DELETE FROM ticket_watchers WHERE ticket_id = $1 AND agent_id = $2`, [ticket.id, outsider.id]);
    await view(outsider, ticket.id).expect(404);
    expect((await page(outsider)).items.map((t) => t.id)).not.toContain(ticket.id);

    await db.query(`UPDATE tickets SET team_id = $2 WHERE id = $1`, [ticket.id, back]);
    await view(outsider, ticket.id).expect(200);
  });

  it('an agent moved to another team sees that team at once', async () => {
    const mover = await f.agent('agent', front, 'Sun Yue');
    const ticket = await f.customerTicket();
    await view(mover, ticket.id).expect(200);
    await a.http.patch(`/api/agents/${mover.id}`).set(supervisor.auth).send({ teamId: back }).expect(200);
    await view(mover, ticket.id).expect(404);
  });

  it('a lost LISTEN connection forgets everything held, so a change made meanwhile still shows', async () => {
    const ticket = await f.customerTicket();
    await view(supervisor, ticket.id).expect(200);
    await page(supervisor);
    await a.database.db.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'firsthand-agent-changes' AND datname = current_database()`,
    );
    await a.database.db.query(`UPDATE tickets SET subject = 'Changed while nobody listened' WHERE id = $1`, [ticket.id]);
    expect((await view(supervisor, ticket.id).expect(200)).body.subject).toBe('Changed while nobody listened');
    expect((await page(supervisor)).items.find((t) => t.id === ticket.id)).toBeDefined();
    // Listening again, it holds again. Which request noticed the lost connection depends on when
    // its 'end' arrived, so one more read may be needed before the view is held.
    await view(supervisor, ticket.id).expect(200);
    const held = reads.single;
    await view(supervisor, ticket.id).expect(200);
    expect(reads.single).toBe(held);
  });

  it("a bot's hold ending, which no write announces, returns the ticket to the team's queue within a second", async () => {
    const ticket = await f.customerTicket();
    await a.database.db.query(`UPDATE tickets SET bot_outcome = 'held', bot_hold_until = now() + interval '1500 milliseconds' WHERE id = $1`, [ticket.id]);
    expect((await page(li)).items.map((t) => t.id)).not.toContain(ticket.id);
    expect((await page(li)).items.map((t) => t.id)).not.toContain(ticket.id);
    await new Promise((resolve) => setTimeout(resolve, 2_700));
    expect((await page(li)).items.map((t) => t.id)).toContain(ticket.id);
  });
});
