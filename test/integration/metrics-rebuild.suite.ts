import { bucketColumns } from '@firsthand/persistence';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { rebuildMetricsFromEvents } from '../../apps/api/src/metrics/rebuild-metrics.command.js';

/** A small seeded generator (mulberry32), so a failing history can be replayed exactly. */
function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] };
}

interface Opened {
  id: string;
  code: string;
  trackingToken: string;
  email: string;
}

const SEED = 20260322;
const ROLLUPS = `SELECT to_char(day, 'YYYY-MM-DD') AS day, agent_id, team_id, channel, tier, resolved, first_responder_resolved,
  first_contact_resolved, provisional, reopened, repeat_contacts, handoffs, escalated, first_response_breaches, resolution_breaches,
  sla_breached, csat_sum, csat_count, first_response_hist, resolution_hist
  FROM resolution_rollups ORDER BY day, agent_id NULLS FIRST, team_id NULLS FIRST, channel, tier`;
const GROUP_ROLLUPS = `SELECT dimension, to_char(day, 'YYYY-MM-DD') AS day, key, resolved, first_responder_resolved, first_contact_resolved,
  provisional, reopened, repeat_contacts, handoffs, escalated, first_response_breaches, resolution_breaches, sla_breached, csat_sum,
  csat_count, ARRAY[${bucketColumns('first_response').join(', ')}] AS first_response_hist,
  ARRAY[${bucketColumns('resolution').join(', ')}] AS resolution_hist
  FROM resolution_group_rollups`;
type RollupRow = Record<string, string | number | number[] | null>;
const groupId = (r: RollupRow) => `${r.dimension}|${r.day}|${r.key ?? ''}`;
const inGroupOrder = (rows: RollupRow[]) => [...rows].sort((a, b) => (groupId(a) < groupId(b) ? -1 : 1));
const groupRollups = async (db: { query(sql: string): Promise<RollupRow[]> }) => inGroupOrder(await db.query(GROUP_ROLLUPS));

/** What the one-dimension rollups must hold: the full rows summed per day overall and per day per agent, team, channel and tier. */
function groupsOfFullRows(full: RollupRow[]): RollupRow[] {
  const byKey = new Map<string, RollupRow>();
  for (const row of full) {
    const keys: Array<[string, unknown]> = [['all', null], ['agent', row.agent_id], ['team', row.team_id], ['channel', row.channel], ['tier', row.tier]];
    for (const [dimension, key] of keys) {
      const id = `${dimension}|${row.day}|${key ?? ''}`;
      const sum: RollupRow = byKey.get(id) ?? { dimension, day: row.day, key: (key as string | null) ?? null };
      for (const [column, value] of Object.entries(row)) {
        if (['day', 'agent_id', 'team_id', 'channel', 'tier'].includes(column)) continue;
        sum[column] = Array.isArray(value)
          ? value.map((n, i) => n + (((sum[column] as number[] | undefined) ?? [])[i] ?? 0))
          : ((sum[column] as number | undefined) ?? 0) + (value as number);
      }
      byKey.set(id, sum);
    }
  }
  return inGroupOrder([...byKey.values()]);
}

const OUTCOMES = `SELECT ticket_id, to_char(day, 'YYYY-MM-DD') AS day, agent_id, team_id, channel, tier, resolved_at, resolved_by,
  first_responder_resolution, first_contact_resolution, provisional, settles_at, reasons, public_agent_replies, reopen_count,
  repeat_contacts, handoffs, escalation_max_level, first_response_ms, resolution_ms, first_response_breached, resolution_breached,
  csat_rating, outcome_seq
  FROM ticket_outcomes ORDER BY ticket_id`;

describe('metrics: the incremental rollups equal a rebuild from the events', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let agents: TestAgent[];
  let supervisor: TestAgent;
  let teams: string[];

  beforeAll(async () => {
    api = await startApi();
    f = new HelpdeskFactory(api);
    // No default team: tickets a customer opens have no team, so null keys are exercised too.
    teams = [await f.team('Billing'), await f.team('Delivery')];
    agents = [];
    for (let i = 0; i < 5; i++) agents.push(await f.agent(i === 4 ? 'senior' : 'agent', teams[i % 2], `Agent ${i}`));
    supervisor = await f.agent('supervisor', teams[0], 'Supervisor');
  });
  afterAll(() => api.close());

  it('a seeded random history of ~30 tickets through the API, then a rebuild, leaves every row as it was', async () => {
    const random = seeded(SEED);
    const tickets: Opened[] = [];
    const emails = Array.from({ length: 20 }, (_, i) => `generated-${i}-${Date.now()}@example.com`);

    async function open(email: string): Promise<Opened> {
      if (random.next() < 0.4) {
        const by = random.pick(agents);
        const res = await api.http
          .post('/api/tickets')
          .set(by.auth)
          .send({
            subject: 'Phoned in',
            description: 'Taken by phone',
            channel: random.pick(['phone', 'email', 'chat']),
            teamId: random.pick(teams),
            customer: { name: 'Generated', email, tier: random.pick(['standard', 'member', 'vip']) },
          })
          .expect(201);
        return { ...res.body, email };
      }
      const t = await f.customerTicket({ channel: random.pick(['web', 'social']) }, { email });
      return { ...t, email };
    }

    for (let i = 0; i < 20; i++) tickets.push(await open(emails[i % emails.length]));

    const statuses: Record<number, number> = {};
    for (let step = 0; step < 330; step++) {
      const t = random.pick(tickets);
      const view = (await api.http.get(`/api/tickets/${t.id}`).set(supervisor.auth).expect(200)).body;
      // Agents see their own team's tickets (and unteamed ones): act as someone who can.
      const team = agents.filter((a) => view.teamId === null || a.teamId === view.teamId);
      const owner = agents.find((a) => a.id === view.owner?.id) ?? random.pick(team);
      const other = random.pick(team.filter((a) => a.id !== owner.id));
      const customer = (path: string, body: Record<string, unknown> = {}) =>
        api.http.post(`/api/track/${t.code}/${path}`).set('X-Tracking-Token', t.trackingToken).send(body);
      const post = (path: string, by: TestAgent, body: Record<string, unknown> = {}) => api.http.post(`/api/tickets/${t.id}/${path}`).set(by.auth).send(body);

      const action = random.pick([
        'quick-fix', 'quick-fix', 'reply', 'reply', 'claim', 'note', 'resolve', 'resolve', 'resolve', 'resolve', 'pending', 'agent-reopen',
        'customer-reply', 'customer-reply', 'customer-reopen', 'rate', 'rate', 'handoff', 'reassign', 'escalate', 'repeat', 'overdue',
      ] as const);
      let res;
      switch (action) {
        case 'reply':
          res = await post('messages', owner, { body: 'An answer', visibility: 'public' });
          break;
        case 'quick-fix':
          res = await post('messages', owner, { body: 'This fixes it', visibility: 'public' });
          if (res.status === 201) res = await post('status', owner, { status: 'resolved', resolution: 'Fixed' });
          break;
        case 'claim':
          res = await post('claim', owner);
          break;
        case 'note':
          res = await post('messages', other, { body: 'A note', visibility: 'internal' });
          break;
        case 'resolve':
          res = await post('status', owner, { status: 'resolved', resolution: 'Done' });
          break;
        case 'pending':
          res = await post('status', owner, { status: 'pending_customer' });
          break;
        case 'agent-reopen':
          res = await post('status', owner, { status: 'open' });
          break;
        case 'customer-reply':
          res = await customer('messages', { body: 'More detail' });
          break;
        case 'customer-reopen':
          res = await customer('reopen');
          break;
        case 'rate':
          res = await customer('feedback', { rating: 1 + Math.floor(random.next() * 5) });
          break;
        case 'handoff':
          res = await post('handoff', owner, { toAgentId: other.id, note: 'over to you' });
          if (res.status === 200) res = await post(random.next() < 0.7 ? 'handoff/accept' : 'handoff/decline', other);
          break;
        case 'reassign':
          res = await post('reassign', supervisor, { toAgentId: other.id, reason: 'rebalancing' });
          break;
        case 'escalate':
          res = await post('escalate', owner, { reason: 'stuck' });
          break;
        case 'repeat':
          if (tickets.length < 32) tickets.push(await open(t.email));
          continue;
        case 'overdue': {
          // Due times are fixed when a ticket opens; moving one before the ticket was ever resolved stands for a tight SLA.
          const column = random.next() < 0.5 ? 'first_response_due_at' : 'resolution_due_at';
          await api.database.db.query(
            `UPDATE tickets SET ${column} = now() - interval '1 minute' WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM ticket_outcomes o WHERE o.ticket_id = tickets.id)`,
            [t.id],
          );
          continue;
        }
      }
      expect(res.status).toBeLessThan(500);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }

    const db = api.database.db;
    const [{ resolved, tickets: total }] = await db.query(
      `SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'status_changed' AND e.payload->>'to' = 'resolved'))::int AS resolved,
              count(*)::int AS tickets FROM tickets t`,
    );
    // The history is rich enough to mean something: most tickets were resolved at least once, and every rule fired somewhere.
    expect(total).toBeGreaterThanOrEqual(25);
    expect(resolved).toBeGreaterThanOrEqual(15);
    expect(statuses[200] + (statuses[201] ?? 0)).toBeGreaterThan(120);
    const [fired] = await db.query(
      `SELECT bool_or(reopen_count > 0) AS reopened, bool_or(repeat_contacts > 0) AS repeat, bool_or(handoffs > 0) AS moved,
              bool_or(first_contact_resolution) AS fcr, bool_or(escalation_max_level > 1) AS escalated, bool_or(csat_rating IS NOT NULL) AS rated,
              bool_or(team_id IS NULL) AS no_team, bool_or(team_id IS NOT NULL) AS team,
              bool_or(first_response_breached) AS late_answer, bool_or(resolution_breached) AS late_resolution
       FROM ticket_outcomes`,
    );
    expect(fired).toEqual({
      reopened: true, repeat: true, moved: true, fcr: true, escalated: true, rated: true, no_team: true, team: true, late_answer: true, late_resolution: true,
    });

    const incrementalRollups = await db.query(ROLLUPS);
    const incrementalOutcomes = await db.query(OUTCOMES);
    expect(incrementalOutcomes).toHaveLength(resolved);
    for (const r of incrementalRollups) {
      expect(r.resolved).toBeGreaterThan(0);
      expect(r.first_contact_resolved).toBeLessThanOrEqual(r.first_responder_resolved);
      expect(r.first_responder_resolved).toBeLessThanOrEqual(r.resolved);
      expect(r.provisional).toBeLessThanOrEqual(r.resolved);
      expect(r.resolution_hist.reduce((a: number, b: number) => a + b, 0)).toBe(r.resolved);
    }
    const sum = (key: string) => incrementalRollups.reduce((n: number, r: Record<string, number>) => n + r[key], 0);
    expect(sum('resolved')).toBe(resolved);
    const incrementalGroups = await groupRollups(db);
    expect(incrementalGroups).toEqual(groupsOfFullRows(incrementalRollups));

    const summary = await rebuildMetricsFromEvents(api.config);
    expect(summary).toMatchObject({ outcomes: resolved, rollupRows: incrementalRollups.length });
    expect(await db.query(OUTCOMES)).toEqual(incrementalOutcomes);
    expect(await db.query(ROLLUPS)).toEqual(incrementalRollups);
    expect(await groupRollups(db)).toEqual(incrementalGroups);

    // The API reports exactly the stored sums.
    const today = incrementalRollups.map((r: { day: string }) => r.day).sort();
    const report = await api.http
      .get('/api/metrics/fcr')
      .query({ from: today[0], to: today[today.length - 1], groupBy: 'agent' })
      .set(supervisor.auth)
      .expect(200);
    expect(report.body.total).toMatchObject({
      resolved,
      firstResponderResolved: sum('first_responder_resolved'),
      firstContactResolved: sum('first_contact_resolved'),
      reopened: sum('reopened'),
      repeatContacts: sum('repeat_contacts'),
      handoffs: sum('handoffs'),
      provisional: resolved,
    });
    expect(report.body.groups.reduce((n: number, g: { resolved: number }) => n + g.resolved, 0)).toBe(resolved);
  });

  it('the SLA and group-rollup migrations, run over stored metrics, leave them as the live path wrote them', async () => {
    const db = api.database.db;
    const outcomes = await db.query(OUTCOMES);
    const rollups = await db.query(ROLLUPS);
    const groups = await groupRollups(db);
    expect(outcomes.some((o: { first_response_breached: boolean }) => o.first_response_breached)).toBe(true);
    expect(outcomes.some((o: { resolution_breached: boolean }) => o.resolution_breached)).toBe(true);
    // Back to the schema and data of before: no sla_breached column, every breach flag false.
    for (;;) {
      const [last] = await db.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
      if (last.name === 'MetricsRollups1763798600000') break;
      await db.undoLastMigration({ transaction: 'each' });
    }
    const [{ flagged }] = await db.query(`SELECT count(*) FILTER (WHERE first_response_breached OR resolution_breached)::int AS flagged FROM ticket_outcomes`);
    expect(flagged).toBe(0);

    await db.runMigrations({ transaction: 'each' });
    // Going below the sessions migration dropped every session: the agents sign in again (their
    // principals stay cached only briefly, so the next test would meet 401s part-way through).
    agents = await Promise.all(agents.map((a) => f.signIn(a)));
    expect(await db.query(OUTCOMES)).toEqual(outcomes);
    expect(await db.query(ROLLUPS)).toEqual(rollups);
    expect(await groupRollups(db)).toEqual(groups);
  });

  it('concurrent resolutions into the same rollup row are each counted once', async () => {
    const db = api.database.db;
    const li = agents[0];
    const mine = await Promise.all(Array.from({ length: 24 }, () => f.customerTicket({ channel: 'chat' })));
    await Promise.all(mine.map((t) => api.http.post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: 'Fixed', visibility: 'public' }).expect(201)));
    await Promise.all(mine.map((t) => api.http.post(`/api/tickets/${t.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200)));
    await Promise.all(
      mine.slice(0, 8).map((t) => api.http.post(`/api/track/${t.code}/reopen`).set('X-Tracking-Token', t.trackingToken).send({}).expect(200)),
    );
    const row = `SELECT sum(resolved)::int AS resolved, sum(first_contact_resolved)::int AS fcr, sum(reopened)::int AS reopened
                 FROM resolution_rollups WHERE agent_id = $1 AND channel = 'chat' AND team_id IS NULL`;
    const [incremental] = await db.query(row, [li.id]);
    expect(incremental).toEqual({ resolved: 24, fcr: 16, reopened: 8 });
    const before = await db.query(ROLLUPS);
    expect(await groupRollups(db)).toEqual(groupsOfFullRows(before));
    await rebuildMetricsFromEvents(api.config);
    expect(await db.query(ROLLUPS)).toEqual(before);
    expect(await groupRollups(db)).toEqual(groupsOfFullRows(before));
  });
});
