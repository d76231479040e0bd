import { escalationWatchers, slaAudience, teamMembers, TicketReadModel, TicketStore } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';
import type { NewTicketEvent } from '@firsthand/domain';
import { DataSource } from 'typeorm';
import { jest } from '@jest/globals';
import { TransitionNotAllowed } from '@firsthand/domain';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

/** The one write path, driven directly as the worker drives it: lock, decide, conditional write, events. */
describe('TicketWriter (system changes, as the worker makes them)', () => {
  let api: ApiHarness;
  let writer: TicketWriter;
  let store: TicketStore;
  let factory: HelpdeskFactory;

  const reminder = (n: number): NewTicketEvent => ({
    type: 'update_reminder',
    visibility: 'internal',
    actor: { type: 'system' },
    payload: { dueAt: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(), ownerId: 'nobody' },
  });

  const timeline = async (ticketId: string) =>
    (await api.database.db.query(`SELECT seq, type, created_at FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [ticketId])) as Array<{
      seq: number;
      type: string;
      created_at: Date;
    }>;
  const lastSeq = async (ticketId: string) => (await api.database.db.query(`SELECT last_seq FROM tickets WHERE id = $1`, [ticketId]))[0].last_seq as number;

  beforeAll(async () => {
    api = await startApi();
    writer = api.app.get(TicketWriter);
    store = api.app.get(TicketStore);
    factory = new HelpdeskFactory(api);
    await factory.team('Writer team', true);
  });

  afterAll(async () => {
    await api.close();
  });

  it('writes nothing when the rule has nothing to do, and answers null', async () => {
    const { id } = await factory.customerTicket();
    const before = await timeline(id);
    expect(await writer.changeAsSystem(id, () => null)).toBeNull();
    expect(await timeline(id)).toEqual(before);
    expect(await lastSeq(id)).toBe(before.length);
  });

  it('answers null for a ticket that does not exist, without calling the rule', async () => {
    let called = false;
    const result = await writer.changeAsSystem('00000000-0000-4000-8000-000000000000', () => {
      called = true;
      return { patch: {}, events: [reminder(0)] };
    });
    expect(result).toBeNull();
    expect(called).toBe(false);
  });

  it('gives the rule the locked ticket with its SLA targets, and records the events at the moment the act was due', async () => {
    const { id } = await factory.customerTicket({ kind: 'problem' });
    const due = new Date(Date.now() - 1234);
    let seen: { status: string; firstResponseMinutes: number } | null = null;
    const events = await writer.changeAsSystem(
      id,
      (ctx) => {
        seen = { status: ctx.ticket.status, firstResponseMinutes: ctx.sla.firstResponseMinutes };
        return { patch: {}, events: [reminder(1)] };
      },
      due,
    );
    expect(seen).toEqual({ status: 'new', firstResponseMinutes: expect.any(Number) });
    expect(events?.map((e) => [e.seq, e.type])).toEqual([[2, 'update_reminder']]);
    const stored = await timeline(id);
    expect(stored.map((e) => e.type)).toEqual(['created', 'update_reminder']);
    expect(new Date(stored[1].created_at).getTime()).toBe(due.getTime());
  });

  it('rolls back everything the rule wrote when it then refuses', async () => {
    const { id } = await factory.customerTicket();
    const supervisor = await factory.agent('supervisor');
    await expect(
      writer.changeAsSystem(id, async (ctx) => {
        await store.addWatchers(ctx.tx, id, [supervisor.id], 'escalation', ctx.now);
        throw new Error('refused after a write');
      }),
    ).rejects.toThrow('refused after a write');
    expect(await api.database.db.query(`SELECT 1 FROM ticket_watchers WHERE ticket_id = $1`, [id])).toHaveLength(0);
    expect((await timeline(id)).map((e) => e.type)).toEqual(['created']);
  });

  it('serialises concurrent changes on one ticket: every one lands, seqs are gapless and unique', async () => {
    const { id } = await factory.customerTicket();
    const writers = 24;
    const results = await Promise.all(
      Array.from({ length: writers }, (_, i) => writer.changeAsSystem(id, (ctx) => ({ patch: {}, events: [reminder(ctx.ticket.lastSeq + i)] }))),
    );
    const seqs = results.flatMap((events) => events?.map((e) => e.seq) ?? []).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: writers }, (_, i) => i + 2));
    expect((await timeline(id)).map((e) => e.seq)).toEqual(Array.from({ length: writers + 1 }, (_, i) => i + 1));
    expect(await lastSeq(id)).toBe(writers + 1);
  });

  it('changes a batch of tickets in one transaction, each decided on its own locked row, a ticket named twice decided again after its first change', async () => {
    const tickets = await Promise.all(Array.from({ length: 5 }, () => factory.customerTicket()));
    const due = new Date(Date.now() - 500);
    const seenSeqs: number[] = [];
    const changes = [...tickets, tickets[0]].map(({ id }, i) => ({
      ticketId: id,
      now: due,
      rule: (ctx: { ticket: { lastSeq: number } }) => {
        seenSeqs.push(ctx.ticket.lastSeq);
        // The third has nothing to do: a stale timer in the batch.
        return i === 2 ? null : { patch: {}, events: [reminder(i)] };
      },
    }));
    const results = await writer.changeEachAsSystem(changes);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value?.map((e) => e.seq) ?? null : 'rejected'))).toEqual([[2], [2], null, [2], [2], [3]]);
    // The repeated ticket's second rule saw the row its first change left.
    expect(seenSeqs).toEqual([1, 1, 1, 1, 1, 2]);
    // One transaction: every event the batch wrote has the same creating transaction id.
    const written = await api.database.db.query(
      `SELECT DISTINCT xmin::text AS tx FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) AND type = 'update_reminder'`,
      [tickets.map((t) => t.id)],
    );
    expect(written).toHaveLength(1);
    expect((await timeline(tickets[0].id)).map((e) => [e.seq, e.type, new Date(e.created_at).getTime()])).toEqual([
      [1, 'created', expect.any(Number)],
      [2, 'update_reminder', due.getTime()],
      [3, 'update_reminder', due.getTime()],
    ]);
    expect((await timeline(tickets[2].id)).map((e) => e.type)).toEqual(['created']);
  });

  it('a batch with one failing change: the others still land, each alone, and only that one is refused', async () => {
    const tickets = await Promise.all(Array.from({ length: 4 }, () => factory.customerTicket()));
    const results = await writer.changeEachAsSystem(
      tickets.map(({ id }, i) => ({
        ticketId: id,
        now: new Date(),
        rule: () => {
          if (i === 1) throw new Error('this ticket cannot be changed');
          return { patch: {}, events: [reminder(i)] };
        },
      })),
    );
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('this ticket cannot be changed'));
    for (const [i, ticket] of tickets.entries()) {
      expect((await timeline(ticket.id)).map((e) => e.type)).toEqual(i === 1 ? ['created'] : ['created', 'update_reminder']);
    }
  });

  it('concurrent batches over the same tickets, in opposite orders, neither deadlock nor lose a change', async () => {
    const tickets = await Promise.all(Array.from({ length: 8 }, () => factory.customerTicket()));
    const batch = (order: typeof tickets) =>
      writer.changeEachAsSystem(order.map(({ id }) => ({ ticketId: id, now: new Date(), rule: (ctx) => ({ patch: {}, events: [reminder(ctx.ticket.lastSeq)] }) })));
    const results = await Promise.all([batch(tickets), batch([...tickets].reverse()), batch(tickets), batch([...tickets].reverse())]);
    expect(results.flat().every((r) => r.status === 'fulfilled')).toBe(true);
    for (const ticket of tickets) expect((await timeline(ticket.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  });

  it('reads the audience of an SLA threshold in one query, the same people as the two reads of the team roster', async () => {
    const staffed = await factory.team('Staffed');
    const unstaffed = await factory.team('Only agents');
    for (const role of ['agent', 'senior', 'supervisor'] as const) await factory.agent(role, staffed);
    await factory.agent('agent', unstaffed);
    await factory.agent('supervisor', null);
    const manager = api.app.get(DataSource).manager;
    for (const teamId of [staffed, unstaffed, null]) {
      expect(await slaAudience(manager, teamId)).toEqual({
        teamAgentIds: await teamMembers(manager, teamId, ['agent', 'senior']),
        seniorAndSupervisorIds: await escalationWatchers(manager, teamId, ['senior', 'supervisor']),
      });
    }
  });

  it('claims outside a transaction in one statement that answers with the view; a claim needing more statements is refused, writing nothing', async () => {
    const agent = await factory.agent('agent', null, 'Solo Claimer');
    const acting = { id: agent.id, name: agent.name, role: 'agent' as const, teamId: null };
    const manager = api.app.get(DataSource).manager;
    const { id } = await factory.customerTicket();
    const now = new Date();
    const claimed = (extra: Partial<{ message: object }> = {}) => ({
      patch: { ownerId: acting.id, firstResponderId: acting.id, firstResponseAt: now, status: 'open' as const },
      events: [{ type: 'claimed' as const, visibility: 'public' as const, actor: { type: 'agent' as const, id: acting.id, name: acting.name }, payload: { ownerId: acting.id, ownerName: acting.name, via: 'claim' } }],
      ...extra,
    });

    const withMessage = claimed({ message: { id: '00000000-0000-4000-8000-000000000001', authorType: 'agent', authorId: acting.id, visibility: 'public', body: 'hi' } });
    await expect(store.claimIfUnowned(manager, id, withMessage as never, now)).rejects.toThrow(/needs a transaction/);
    expect(await lastSeq(id)).toBe(1);

    const written = await store.claimIfUnowned(manager, id, claimed() as never, now);
    expect(written?.events.map((e) => [e.seq, e.type])).toEqual([[2, 'claimed']]);
    expect(written?.view).toMatchObject({ id, status: 'open', owner: { id: acting.id, name: 'Solo Claimer' }, firstResponder: { id: acting.id }, lastSeq: 2 });
    expect(written?.view).toEqual(await api.app.get(TicketReadModel).findById(manager, id));
    // The loser of a race changes nothing and is told so.
    expect(await store.claimIfUnowned(manager, id, claimed() as never, now)).toBeNull();
    expect((await timeline(id)).map((e) => e.type)).toEqual(['created', 'claimed']);
  });

  it('a claim decided on a ticket that left "new" unowned meanwhile (the bot resolved it, a spam close) is refused as a transition, writing nothing', async () => {
    const { id } = await factory.customerTicket();
    const agent = await factory.agent('supervisor', null, 'Racing Claimer');
    // The claim's unlocked read sees the ticket new; before its UPDATE the ticket is closed without an owner.
    const read = store.readForChange.bind(store);
    const spy = jest.spyOn(store, 'readForChange').mockImplementationOnce(async (...args) => {
      const snapshot = await read(...args);
      await api.database.db.query(`UPDATE tickets SET status = 'closed', last_seq = last_seq WHERE id = $1`, [id]);
      return snapshot;
    });
    const before = await timeline(id);
    try {
      await expect(writer.claimAsAgent(id, { id: agent.id, name: agent.name, role: 'supervisor', teamId: null })).rejects.toBeInstanceOf(TransitionNotAllowed);
    } finally {
      spy.mockRestore();
    }
    expect(await timeline(id)).toEqual(before);
    const [after] = await api.database.db.query(`SELECT owner_id, status FROM tickets WHERE id = $1`, [id]);
    expect(after).toEqual({ owner_id: null, status: 'closed' });
  });
});
