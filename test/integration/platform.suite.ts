import { freePortForTest } from '../support/free-port.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { nearestRunningDeadline, type TicketStatus } from '@firsthand/domain';

describe('health, OpenAPI and pagination', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api.close());

  it('is live and ready when PostgreSQL and Redis answer', async () => {
    await api.http.get('/health/live').expect(200, { status: 'ok' });
    const ready = await api.http.get('/health/ready').expect(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: 'up', redis: 'up' } });
  });

  it('serves an OpenAPI document describing the ticket contract', async () => {
    const doc = await api.http.get('/api/docs/openapi.json').expect(200);
    expect(doc.body.openapi).toMatch(/^3\./);
    for (const path of ['/api/tickets', '/api/tickets/{id}/claim', '/api/tickets/{id}/handoff/accept', '/api/track/{code}', '/api/auth/login']) {
      expect(Object.keys(doc.body.paths)).toContain(path);
    }
    expect(doc.body.components.schemas.PostMessageDto.properties).toHaveProperty('expectedSeq');
    await api.http.get('/api/docs').expect(200);
  });

  it('pages through tickets with a stable cursor, also through tickets opened in the same millisecond', async () => {
    const f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    const sup = await f.agent('supervisor', team);
    const created = [];
    for (let i = 0; i < 7; i++) created.push((await f.customerTicket()).id);
    // A microsecond apart within one millisecond: a cursor cut to the millisecond skipped all but the first page.
    await api.database.db.query(
      `UPDATE tickets SET created_at = timestamptz '2026-12-01T10:00:00.123Z' + array_position($1::uuid[], id) * interval '1 microsecond' WHERE id = ANY($1::uuid[])`,
      [created],
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const url: string = `/api/tickets?limit=3${cursor ? `&cursor=${cursor}` : ''}`;
      const page = await api.http.get(url).set(sup.auth).expect(200);
      seen.push(...page.body.items.map((t: { id: string }) => t.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...created].reverse());
  });

  describe('the order of GET /api/tickets', () => {
    const T = Date.parse('2026-06-01T08:00:00Z');
    const at = (minutes: number) => new Date(T + minutes * 60_000).toISOString();
    const H = 60;
    // name: status, created (minutes after T), first response, next update and resolution due, paused since.
    const TICKETS: Array<[string, TicketStatus, number, number | null, number | null, number | null, number | null]> = [
      ['a', 'new', 0, 5 * H, null, 30 * H, null],
      ['b', 'new', 1, 2 * H, null, 30 * H, null],
      ['c', 'new', 2, 10 * H, null, 4 * H, null], // a complaint's short resolution comes before its first response
      ['d', 'open', 3, 1, 3 * H, 20 * H, null], // a missed first response no longer counts once open
      ['e', 'open', 4, null, 9 * H, 1 * H, null],
      ['f', 'pending_customer', 5, null, 1, 6 * H, null],
      ['g', 'pending_customer', 6, null, null, 15, 10], // stopped for the customer's turn: no running clock
      ['h', 'resolved', 7, 1, 1, 1, null],
      ['i', 'new', 0, 5 * H, null, 30 * H, null], // created with a, due with a: by id
      ['j', 'new', 8, null, null, null, null],
    ];
    let sup: { auth: { Authorization: string } };
    let team: string;
    const names = new Map<string, string>();

    beforeAll(async () => {
      const f = new HelpdeskFactory(api);
      team = await f.team('Orders');
      const agent = await f.agent('agent', team);
      sup = await f.agent('supervisor', team);
      const [{ id: customer }] = await api.database.db.query(`INSERT INTO customers (name, email) VALUES ('Ola', 'ola@example.com') RETURNING id`);
      for (const [name, status, created, firstResponse, nextUpdate, resolution, paused] of TICKETS) {
        const owner = status === 'new' ? null : agent.id;
        const [{ id }] = await api.database.db.query(
          `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, team_id, customer_id, owner_id, first_responder_id,
             created_at, first_response_due_at, next_update_due_at, resolution_due_at, sla_paused_at, last_seq)
           VALUES ($1, 'h', $2, 'd', 'web', 'problem', 'normal', 'standard', $3, $4, $5, $6, $6, $7, $8, $9, $10, $11, 1) RETURNING id`,
          [`FH-ORD${name.toUpperCase()}`, name, status, team, customer, owner, at(created), ...[firstResponse, nextUpdate, resolution, paused].map((m) => (m === null ? null : at(m)))],
        );
        names.set(id, name);
      }
    });

    const pages = async (order: string | null, limit: number): Promise<string[]> => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const url: string = `/api/tickets?team=${team}&limit=${limit}${order ? `&order=${order}` : ''}${cursor ? `&cursor=${cursor}` : ''}`;
        const page = await api.http.get(url).set(sup.auth).expect(200);
        expect(page.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...page.body.items.map((t: { id: string }) => names.get(t.id)));
        cursor = page.body.nextCursor;
      } while (cursor);
      return seen;
    };
    const byId = (x: string, y: string) => ([...names].find(([, n]) => n === x)![0] < [...names].find(([, n]) => n === y)![0] ? [x, y] : [y, x]);

    it('newest and oldest go by creation time both ways, ties by id, across pages', async () => {
      const [first, second] = byId('a', 'i');
      const oldest = [first, second, 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'j'];
      for (const limit of [3, 4]) {
        expect(await pages('oldest', limit)).toEqual(oldest);
        expect(await pages('newest', limit)).toEqual([...oldest].reverse());
        expect(await pages(null, limit)).toEqual([...oldest].reverse());
      }
    });

    it('due goes by the nearest running SLA deadline, the domain rule, tickets with no running clock last, across pages', async () => {
      const [first, second] = byId('a', 'i');
      const expected = ['e', 'b', 'd', 'c', first, second, 'f', 'g', 'h', 'j'];
      // The same order as the domain rule gives on the stored rows (ties by creation time, then id).
      const rows: Array<{ id: string; status: TicketStatus; created_at: Date; first_response_due_at: Date | null; next_update_due_at: Date | null; resolution_due_at: Date | null; sla_paused_at: Date | null }> =
        await api.database.db.query(`SELECT id, status, created_at, first_response_due_at, next_update_due_at, resolution_due_at, sla_paused_at FROM tickets WHERE team_id = $1`, [team]);
      const key = (r: (typeof rows)[number]) =>
        nearestRunningDeadline({ status: r.status, firstResponseDueAt: r.first_response_due_at, nextUpdateDueAt: r.next_update_due_at, resolutionDueAt: r.resolution_due_at, slaPausedAt: r.sla_paused_at })?.getTime() ?? Infinity;
      const byRule = [...rows].sort((x, y) => key(x) - key(y) || x.created_at.getTime() - y.created_at.getTime() || (x.id < y.id ? -1 : 1)).map((r) => names.get(r.id));
      expect(byRule).toEqual(expected);
      for (const limit of [1, 3, 4]) expect(await pages('due', limit)).toEqual(expected);
      // Filters apply as in every order: the queue's unclaimed tickets, most urgent first.
      const queue = await api.http.get(`/api/tickets?team=${team}&owner=unowned&status=new&order=due&limit=2`).set(sup.auth).expect(200);
      expect(queue.body.items.map((t: { id: string }) => names.get(t.id))).toEqual(['b', 'c']);
    });

    it('refuses an unknown order, and a cursor of one order in another, as 400 problem+json', async () => {
      const refused = async (url: string) => {
        const res = await api.http.get(url).set(sup.auth).expect(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        return res.body.errors;
      };
      expect(await refused(`/api/tickets?order=urgent`)).toEqual([{ field: 'order', messages: ['order must be one of newest, oldest, due'] }]);
      const cursorOf = async (order: string) => (await api.http.get(`/api/tickets?team=${team}&order=${order}&limit=2`).set(sup.auth).expect(200)).body.nextCursor as string;
      const [newest, oldest, due] = [await cursorOf('newest'), await cursorOf('oldest'), await cursorOf('due')];
      expect(await refused(`/api/tickets?order=oldest&cursor=${due}`)).toEqual([
        { field: 'cursor', messages: ['cursor continues order=due, not order=oldest: ask for the first page of order=oldest without a cursor'] },
      ]);
      expect((await refused(`/api/tickets?order=due&cursor=${newest}`))[0].messages[0]).toMatch(/^cursor continues order=newest, not order=due/);
      expect((await refused(`/api/tickets?cursor=${oldest}`))[0].messages[0]).toMatch(/^cursor continues order=oldest, not order=newest/);
      // Forged cursors in the right order are refused too.
      for (const forged of [['due', 'soon', '2026-06-01T08:00:00Z', '00000000-0000-4000-8000-000000000000'], ['due', null, '2026-06-01T08:00:00Z'], ['oldest', '2026-06-01T08:00:00Z', 'x']]) {
        const cursor = Buffer.from(JSON.stringify(forged)).toString('base64url');
        expect(await refused(`/api/tickets?order=${forged[0]}&cursor=${cursor}`)).toEqual([{ field: 'cursor', messages: ['cursor must be a nextCursor returned by this endpoint'] }]);
      }
    });
  });
});

describe('when Redis is down', () => {
  let api: ApiHarness;
  beforeAll(async () => {
    api = await startApi({ REDIS_URL: `redis://127.0.0.1:${await freePortForTest()}` });
  });
  afterAll(() => api.close());

  it('readiness fails fast and names Redis, while tickets still work', async () => {
    const started = Date.now();
    const ready = await api.http.get('/health/ready').expect(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(ready.body.checks).toEqual({ database: 'up', redis: 'down' });
    await new HelpdeskFactory(api).customerTicket();
  });
});
