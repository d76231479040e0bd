import { TicketReadModel } from '@firsthand/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-services.js';

/** The ticket view must be exactly the row, with timestamps as Date#toISOString() writes them, alike in every read. */
describe('ticket view read model', () => {
  let database: TestDatabase;
  const readModel = new TicketReadModel();
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    database = await createTestDatabase();
    const q = (sql: string, params: unknown[] = []) => database.db.query(sql, params);
    [{ id: ids.team }] = await q(`INSERT INTO teams (name, is_default) VALUES ('Desk', true) RETURNING id`);
    for (const name of ['Owner', 'First', 'Handoff', 'Offered']) {
      [{ id: ids[name] }] = await q(`INSERT INTO agents (name, email, password_hash, role, team_id) VALUES ($1, $2, 'x', 'agent', $3) RETURNING id`, [name, `${name}@view.test`, ids.team]);
    }
    [{ id: ids.customer }] = await q(`INSERT INTO customers (name, email, phone, tier, locale) VALUES ('Zhao Lei', NULL, '+8613800000000', 'vip', 'zh-CN') RETURNING id`);
    [{ id: ids.full }] = await q(
      `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, team_id, customer_id,
         owner_id, first_responder_id, pending_handoff_to_id, offered_to_id, created_at, first_response_at, last_customer_visible_update_at,
         resolved_at, closed_at, first_response_due_at, next_update_due_at, resolution_due_at, escalation_level, reopen_count, transfer_count,
         tags, resolution, csat_rating, csat_comment, last_seq)
       VALUES ('FH-VIEW1', 'h', 'Printer "jam"', 'Line 1\nLine 2 ✓', 'email', 'problem', 'high', 'vip', 'closed', $1, $2, $3, $4, $5, $6,
         '2026-01-02 03:04:05.678912+00', '2026-01-02 03:05:00.000999+00', '2026-01-02 03:06:00+00', '2026-01-03 00:00:00.5+00',
         '2026-01-04 23:59:59.999999+00', '2026-01-02 07:04:05+00', '2026-01-02 15:00:00+00', '2026-01-04 03:04:05+00', 2, 1, 3,
         '{billing,"with space"}', 'Replaced the toner', 4, NULL, 9)
       RETURNING id`,
      [ids.team, ids.customer, ids.Owner, ids.First, ids.Handoff, ids.Offered],
    );
    [{ id: ids.bare }] = await q(
      `INSERT INTO tickets (code, tracking_token_hash, subject, description, channel, kind, priority, tier, status, customer_id, created_at, last_seq)
       VALUES ('FH-VIEW2', 'h', 's', 'd', 'web', 'question', 'normal', 'standard', 'new', $1, '2026-02-01 00:00:00+00', 1) RETURNING id`,
      [ids.customer],
    );
  });
  afterAll(() => database.drop());

  it('holds every column of a fully filled ticket, people by id and name', async () => {
    expect(await readModel.findById(database.db.manager, ids.full)).toStrictEqual({
      id: ids.full, code: 'FH-VIEW1', subject: 'Printer "jam"', description: 'Line 1\nLine 2 ✓', channel: 'email', kind: 'problem',
      priority: 'high', tier: 'vip', status: 'closed', teamId: ids.team,
      owner: { id: ids.Owner, name: 'Owner' }, firstResponder: { id: ids.First, name: 'First' },
      pendingHandoffTo: { id: ids.Handoff, name: 'Handoff' }, offeredTo: { id: ids.Offered, name: 'Offered' },
      repeatOfTicketId: null,
      customer: { id: ids.customer, name: 'Zhao Lei', email: null, phone: '+8613800000000', tier: 'vip', locale: 'zh-CN' },
      createdAt: '2026-01-02T03:04:05.678Z', firstResponseAt: '2026-01-02T03:05:00.000Z', lastCustomerVisibleUpdateAt: '2026-01-02T03:06:00.000Z',
      resolvedAt: '2026-01-03T00:00:00.500Z', closedAt: '2026-01-04T23:59:59.999Z',
      sla: { firstResponseDueAt: '2026-01-02T07:04:05.000Z', nextUpdateDueAt: '2026-01-02T15:00:00.000Z', resolutionDueAt: '2026-01-04T03:04:05.000Z', firstResponseWarnAt: null, nextUpdateWarnAt: null, resolutionWarnAt: null, resolutionPausedAt: null },
      escalationLevel: 2, reopenCount: 1, transferCount: 3, tags: ['billing', 'with space'], resolution: 'Replaced the toner',
      csat: { rating: 4, comment: null }, bot: null, lastSeq: 9,
    });
  });

  it('gives nulls and empty lists for what a new ticket lacks, and the same view in lists and by code', async () => {
    const bare = await readModel.findById(database.db.manager, ids.bare);
    expect(bare).toMatchObject({ teamId: null, owner: null, firstResponder: null, pendingHandoffTo: null, offeredTo: null, tags: [], csat: null,
      firstResponseAt: null, resolvedAt: null, closedAt: null, sla: { firstResponseDueAt: null, nextUpdateDueAt: null, resolutionDueAt: null, firstResponseWarnAt: null, nextUpdateWarnAt: null, resolutionWarnAt: null, resolutionPausedAt: null },
      createdAt: '2026-02-01T00:00:00.000Z', escalationLevel: 0 });
    const supervisor = { id: ids.Owner, name: 'Owner', role: 'supervisor' as const, teamId: ids.team };
    const page = await readModel.list(database.db.manager, supervisor, { limit: 1 });
    expect(page.items).toStrictEqual([bare]);
    expect(page.nextCursor).toEqual({ createdAt: '2026-02-01T00:00:00.000000Z', id: ids.bare });
    const byCode = await readModel.findByCodeForCustomer(database.db.manager, 'FH-VIEW1');
    expect(byCode).toStrictEqual({ ...(await readModel.findById(database.db.manager, ids.full)), trackingTokenHash: 'h' });
  });
});
