import { createHash, randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { jest } from '@jest/globals';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { TrackingTokenCodec } from '@firsthand/access';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import type { DnsResolver, MailEnvelope } from '@firsthand/email';
import { buildDataSourceOptions, CustomerDataReader, CustomerErasures, HeldMailTakeIns, InboundMailLog, PersistenceModule } from '@firsthand/persistence';
import { TicketingModule } from '@firsthand/ticketing';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { EraseCustomer } from '../../apps/worker/src/customer-data/erase-customer.js';
import { HeldMailRetention } from '../../apps/worker/src/email/held-mail-retention.js';
import { TAKE_IN_MAX_ATTEMPTS, TakeInHeldMails } from '../../apps/worker/src/email/take-in-held-mails.js';
import { MAIL_DNS_RESOLVER, MailWaitsForErasure, TakeInboundMail } from '../../apps/worker/src/email/take-inbound-mail.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually } from '../support/notification-sinks.js';
import { testConfig } from '../support/test-services.js';

const SUPPORT = 'support@help.example.test';
const LIMIT = 3;
/** No DNS answers: the sender checks give no verdict, as for most senders. */
const dns: DnsResolver = async (name) => {
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};
const compose = (options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> => new MailComposer(options).compile().build();
const smtp = (mailFrom: string): MailEnvelope => ({ source: 'smtp', recipients: [SUPPORT], mailFrom, remoteAddress: '198.51.100.7', helo: 'mail.example.com' });

/** A worker's intake and take-ins (no periodic task: the test sweeps), on the API's database. */
async function startWorkerParts(config: FirsthandConfig): Promise<INestApplicationContext> {
  @Module({
    imports: [FirsthandConfigModule.forRoot(config), TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl, 4, 'mail-take-in-test')), PersistenceModule, TicketingModule],
    providers: [TakeInboundMail, TakeInHeldMails, HeldMailRetention, EraseCustomer, { provide: MAIL_DNS_RESOLVER, useValue: dns }],
  })
  class TakeInTestModule {}
  return NestFactory.createApplicationContext(TakeInTestModule, { logger: false });
}

/**
 * A supervisor takes in mail the intake held back (a sender past the hourly limit, automatic-looking
 * mail): the real intake holds it with its bytes, the real API records the request, the worker's
 * take-in makes exactly one ticket of it; every refusal changes nothing. With the same intake and
 * erasure beside the API: what the customer sends while their data is being erased.
 */
describe('taking in held mail', () => {
  let api: ApiHarness;
  let config: FirsthandConfig;
  let worker: INestApplicationContext;
  let intake: TakeInboundMail;
  let takeIns: TakeInHeldMails;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let supervisor: TestAgent;

  const db = () => api.database.db;
  const mailRow = async (messageId: string) => (await db().query(`SELECT * FROM inbound_mails WHERE message_id = $1`, [messageId]))[0];
  const listed = async (id: string, outcome = '') => {
    const items = (await api.http.get(`/api/inbound-mails?limit=100${outcome && `&outcome=${outcome}`}`).set(supervisor.auth).expect(200)).body.items as Array<Record<string, unknown>>;
    return items.find((m) => m.id === id);
  };
  /** Everything a take-in request could change. */
  const state = async () =>
    (
      await db().query(`SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM job_outbox) AS outbox, (SELECT count(*)::int FROM audit_entries) AS audit,
        (SELECT count(*)::int FROM inbound_mail_take_ins) AS take_ins, (SELECT md5(string_agg(id || outcome || coalesce(ticket_id::text, ''), ',' ORDER BY id)) FROM inbound_mails) AS mails`)
    )[0];
  const takeIn = (id: string, who: TestAgent = supervisor) => api.http.post(`/api/inbound-mails/${id}/take-in`).set(who.auth);
  const request = async (mailId: string) => (await db().query(`SELECT * FROM inbound_mail_take_ins WHERE mail_id = $1`, [mailId]))[0];
  const storage = () => worker.get<FileStorage>(FILE_STORAGE);
  const customerOf = async (sender: string): Promise<string> => (await db().query(`SELECT id FROM customers WHERE email = $1`, [sender]))[0].id;

  /** `count` mails from one sender, in order; answers their Message-IDs. */
  async function mailsFrom(sender: string, count: number, subject = 'Order'): Promise<string[]> {
    const ids = [];
    for (let i = 0; i < count; i++) {
      const messageId = `${subject.toLowerCase().replace(/\W/g, '')}-${i}-${randomUUID()}@buyer.example`;
      await intake.accept(await compose({ from: `Purchasing <${sender}>`, to: SUPPORT, subject: `${subject} ${i}`, messageId: `<${messageId}>`, text: `Purchase order number ${i}: 40 toner cartridges.` }), smtp(sender));
      ids.push(messageId);
    }
    return ids;
  }

  beforeAll(async () => {
    api = await startApi({ MAIL_SUPPORT_ADDRESS: SUPPORT });
    // No mail role: the take-ins run when the test sweeps, not on their own timer.
    config = testConfig(api.database.url, { MAIL_SUPPORT_ADDRESS: SUPPORT, MAIL_PER_SENDER_PER_HOUR: String(LIMIT), WORKER_ROLES: 'maintenance' });
    worker = await startWorkerParts(config);
    intake = worker.get(TakeInboundMail);
    takeIns = worker.get(TakeInHeldMails);
    f = new HelpdeskFactory(api);
    const team = await f.team('Purchasing desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
  });
  afterAll(async () => {
    await worker?.close();
    await api?.close();
  });

  it('keeps the bytes of a flood\'s first held mails, takes one in for a supervisor as exactly one ticket, and its row becomes the taken one', async () => {
    const sender = `buyer.${randomUUID().slice(0, 6)}@buyer.example`;
    // The limit's worth ticketed, then the limit's worth held with their bytes, then one held without.
    const ids = await mailsFrom(sender, 3 * LIMIT + 1);
    const rows = await Promise.all(ids.map(mailRow));
    expect(rows.map((r) => r.outcome)).toEqual([...Array(LIMIT).fill('opened'), ...Array(2 * LIMIT + 1).fill('quarantined')]);
    const kept = rows.slice(LIMIT, 2 * LIMIT);
    expect(kept.every((r) => r.held_for === 'sender_rate' && r.original_key !== null && r.held_envelope?.mailFrom === sender)).toBe(true);
    const bytesless = rows.slice(2 * LIMIT);
    expect(bytesless.every((r) => r.held_for === 'sender_rate' && r.original_key === null && /original not kept/.test(r.reason))).toBe(true);
    expect(rows.map((r) => r.reason_kind)).toEqual([...Array(LIMIT).fill(null), ...Array(2 * LIMIT + 1).fill('sender_rate')]);

    const held = kept[0];
    expect(await listed(held.id)).toMatchObject({ outcome: 'quarantined', heldFor: 'sender_rate', hasOriginal: true, canTakeIn: true, takeIn: null });
    expect(await listed(bytesless[0].id)).toMatchObject({ canTakeIn: false, hasOriginal: false });

    const ticketsBefore = (await state()).tickets;
    const accepted = await takeIn(held.id).expect(202);
    expect(accepted.body).toEqual({ mailId: held.id, state: 'requested' });
    expect(await listed(held.id)).toMatchObject({ canTakeIn: false, takeIn: { state: 'requested', refusedReason: null } });
    const [audit] = await db().query(`SELECT * FROM audit_entries WHERE action = 'inbound_mail.take_in_requested' AND target_id = $1`, [held.id]);
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit)).not.toContain(sender);

    expect(await takeIns.sweep()).toBe(1);
    const taken = await mailRow(ids[LIMIT]);
    expect(taken).toMatchObject({ id: held.id, outcome: 'opened', ticket_id: expect.any(String), original_key: held.original_key, reason_kind: null });
    expect((await state()).tickets).toBe(ticketsBefore + 1);
    const [ticket] = await db().query(`SELECT t.channel, t.subject, t.description, c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [taken.ticket_id]);
    expect(ticket).toEqual({ channel: 'email', subject: `Order ${LIMIT}`, description: `Purchase order number ${LIMIT}: 40 toner cartridges.`, email: sender });
    // Its opening is handed to the worker's events like any other (the acknowledgement email goes from there).
    expect((await db().query(`SELECT count(*)::int AS n FROM job_outbox o JOIN ticket_events e ON e.id = o.event_id WHERE e.ticket_id = $1 AND e.type = 'created'`, [taken.ticket_id]))[0].n).toBe(1);
    expect(await db().query(`SELECT ticket_id FROM mail_thread_ids WHERE message_id = $1`, [ids[LIMIT]])).toEqual([{ ticket_id: taken.ticket_id }]);
    // The agents' timeline says who took it in; the customer's page does not.
    const [opening] = (await api.http.get(`/api/tickets/${taken.ticket_id}/events`).set(li.auth).expect(200)).body.items;
    expect(opening).toMatchObject({ type: 'created', actor: { type: 'customer' }, payload: { takenInBy: { id: supervisor.id, name: 'Wang Fang' } } });
    const tracked = await api.http.get(`/api/track/${opening.payload.code}`).set('X-Tracking-Token', new TrackingTokenCodec(config.secret).forTicket(taken.ticket_id)).expect(200);
    expect(tracked.body.timeline[0]).toMatchObject({ type: 'created' });
    expect(JSON.stringify(tracked.body)).not.toMatch(/Wang Fang|takenInBy/);
    // Listed with the mails that opened tickets now, no longer with those held back.
    expect(await listed(held.id)).toBeUndefined();
    expect(await listed(held.id, 'opened')).toMatchObject({ outcome: 'opened', ticketId: taken.ticket_id, canTakeIn: false, takeIn: { state: 'taken', refusedReason: null } });
    // A sweep again finds nothing to do, and the ticket stays one.
    expect(await takeIns.sweep()).toBe(0);
    expect((await state()).tickets).toBe(ticketsBefore + 1);
  });

  it('refuses an agent, an unknown mail, a mail on a ticket or already being taken in, and one without bytes or never to be a ticket, changing nothing', async () => {
    const sender = `refusals.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, 3 * LIMIT + 1, 'Refusal');
    const [opened, held, bytesless] = await Promise.all([mailRow(ids[0]), mailRow(ids[LIMIT]), mailRow(ids[3 * LIMIT])]);
    const unreadable = Buffer.from(`From: ${sender}\r\nTo: ${SUPPORT}\r\nSubject: ?\r\nMessage-ID: <cs-${randomUUID()}@buyer.example>\r\nContent-Type: text/plain; charset=x-klingon-9\r\n\r\n\xff\xfe\r\n`, 'latin1');
    expect((await intake.accept(unreadable, smtp(sender))).outcome).toBe('refused');
    const [quarantinedUnreadable] = await db().query(`SELECT id, original_key FROM inbound_mails WHERE from_address = $1 AND reason LIKE 'unknown_charset%'`, [sender]);
    expect(quarantinedUnreadable.original_key).not.toBeNull();
    // An agent's automatic-looking mail is never held: it must never become a ticket.
    const agentMailId = `agent-${randomUUID()}@firsthand.test`;
    await intake.accept(await compose({ from: li.email, to: SUPPORT, subject: 'Out of office', messageId: `<${agentMailId}>`, headers: { 'Auto-Submitted': 'auto-replied' }, text: 'Away.' }), smtp(li.email));
    const agentMail = await mailRow(agentMailId);
    expect(agentMail).toMatchObject({ outcome: 'ignored', held_for: null, original_key: null });

    await takeIn(held.id).expect(202);
    const before = await state();
    const refusal = async (id: string, status: number, type: string, who: TestAgent = supervisor) => {
      const res = await takeIn(id, who).expect(status);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.type).toBe(`https://firsthand.dev/problems/${type}`);
      expect(await state()).toEqual(before);
      return res.body;
    };
    await refusal(held.id, 403, 'role-required', li);
    await refusal(randomUUID(), 404, 'mail-not-found');
    expect(await refusal(opened.id, 409, 'mail-already-ticketed')).toMatchObject({ ticketId: opened.ticket_id });
    await refusal(held.id, 409, 'mail-take-in-under-way');
    expect(await refusal(bytesless.id, 422, 'mail-cannot-be-taken-in')).toMatchObject({ why: 'original_not_kept' });
    expect(await refusal(quarantinedUnreadable.id, 422, 'mail-cannot-be-taken-in')).toMatchObject({ why: 'not_held' });
    expect(await refusal(agentMail.id, 422, 'mail-cannot-be-taken-in')).toMatchObject({ why: 'not_held' });
    await api.http.post('/api/inbound-mails/not-a-uuid/take-in').set(supervisor.auth).expect(400);

    // Taken in once more after it became a ticket: a conflict, and still one ticket.
    await takeIns.sweep();
    const after = await state();
    expect(after.tickets).toBe(before.tickets + 1);
    await takeIn(held.id).expect(409);
    expect(await state()).toEqual(after);
  });

  it('two supervisors asking at once make one request; two workers taking it in at once make one ticket', async () => {
    const sender = `race.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 2, 'Race');
    const [first, second] = await Promise.all([mailRow(ids[LIMIT]), mailRow(ids[LIMIT + 1])]);
    const auditBefore = (await state()).audit;
    const answers = await Promise.all([takeIn(first.id), takeIn(first.id), takeIn(first.id)]);
    expect(answers.map((a) => a.status).sort()).toEqual([202, 409, 409]);
    expect((await state()).audit).toBe(auditBefore + 1);
    expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mail_take_ins WHERE mail_id = $1`, [first.id])).toEqual([{ n: 1 }]);

    // Two workers (two processes' intakes) handed the same held mail at once, as when a lease ran out under a slow one.
    await takeIn(second.id).expect(202);
    const other = await startWorkerParts(config);
    try {
      const ticketsBefore = (await state()).tickets;
      const raw = await buffer(worker.get<FileStorage>(FILE_STORAGE).read(second.original_key));
      const held = { mailId: second.id, originalKey: second.original_key, takenInBy: { id: supervisor.id, name: supervisor.name } };
      const envelope = second.held_envelope as MailEnvelope;
      const outcomes = await Promise.all([intake.takeHeldIn(raw, envelope, held), other.get(TakeInboundMail).takeHeldIn(raw, envelope, held)]);
      expect(outcomes).toEqual([{ outcome: 'taken' }, { outcome: 'taken' }]);
      expect((await state()).tickets).toBe(ticketsBefore + 1);
      expect(await mailRow(ids[LIMIT + 1])).toMatchObject({ outcome: 'opened', ticket_id: expect.any(String) });
      expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE message_id = $1`, [ids[LIMIT + 1]])).toEqual([{ n: 1 }]);
    } finally {
      await other.close();
    }
    // The first one's request, swept by both workers at once: claimed by one.
    const ticketsBefore = (await state()).tickets;
    expect((await Promise.all([takeIns.sweep(), takeIns.sweep()])).sort()).toEqual([0, 1]);
    expect((await state()).tickets).toBe(ticketsBefore + 1);
    expect(await request(first.id)).toMatchObject({ attempts: 1, taken_at: expect.any(Date) });
  });

  it("takes in a person's mail ignored for looking automatic (Precedence: bulk) into the ticket it answers", async () => {
    const sender = `bulk.${randomUUID().slice(0, 6)}@buyer.example`;
    const ticket = await f.customerTicket({}, { email: sender });
    const messageId = `bulk-${randomUUID()}@buyer.example`;
    await intake.accept(
      await compose({ from: sender, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: `Re: [${ticket.code}] toner`, messageId: `<${messageId}>`, headers: { Precedence: 'bulk' }, text: 'The toner still streaks.' }),
      smtp(sender),
    );
    const held = await mailRow(messageId);
    expect(held).toMatchObject({ outcome: 'ignored', held_for: 'noise', reason: 'precedence: Precedence: bulk', original_key: expect.any(String) });
    await takeIn(held.id).expect(202);
    await takeIns.sweep();
    expect(await mailRow(messageId)).toMatchObject({ outcome: 'continued', ticket_id: ticket.id, message_ref: expect.any(String) });
    const events = (await api.http.get(`/api/tickets/${ticket.id}/events`).set(supervisor.auth).expect(200)).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'customer_replied', payload: expect.objectContaining({ channel: 'email', takenInBy: { id: supervisor.id, name: 'Wang Fang' } }) });
    expect(JSON.stringify(events.at(-1))).toContain('The toner still streaks.');
    const tracked = (await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200)).body;
    expect(tracked.timeline.at(-1)).toMatchObject({ type: 'customer_replied', data: { body: 'The toner still streaks.' } });
    expect(JSON.stringify(tracked)).not.toMatch(/Wang Fang|takenInBy/);
  });

  it('a held mail whose sender became an agent meanwhile is refused by the worker, which says why; nothing else changes', async () => {
    const sender = `later.agent.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Later');
    const held = await mailRow(ids[LIMIT]);
    await takeIn(held.id).expect(202);
    await db().query(`UPDATE agents SET email = $1 WHERE id = $2`, [sender, li.id]);
    try {
      const before = await state();
      await takeIns.sweep();
      expect(await state()).toEqual(before);
      expect(await listed(held.id)).toMatchObject({ outcome: 'quarantined', canTakeIn: false, takeIn: { state: 'refused', refusedReason: 'agent_address' } });
      expect((await takeIn(held.id).expect(422)).body).toMatchObject({ why: 'refused' });
    } finally {
      await db().query(`UPDATE agents SET email = $1 WHERE id = $2`, [li.email, li.id]);
    }
  });

  it('refuses as a conflict a take-in whose request says taken while its mail still reads held, changing nothing', async () => {
    const sender = `taken.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Taken');
    const held = await mailRow(ids[LIMIT]);
    await takeIn(held.id).expect(202);
    await db().query(`UPDATE inbound_mail_take_ins SET taken_at = now() WHERE mail_id = $1`, [held.id]);
    const before = await state();
    expect((await takeIn(held.id).expect(409)).body.type).toBe('https://firsthand.dev/problems/mail-already-ticketed');
    expect(await state()).toEqual(before);
  });

  it('erasing the sender while their held mail is being taken in: nothing is taken in, the request is refused as erased, held originals and envelopes are gone', async () => {
    const sender = `erased.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 2, 'Erased');
    const [held, other] = await Promise.all([mailRow(ids[LIMIT]), mailRow(ids[LIMIT + 1])]);
    expect(other).toMatchObject({ held_for: 'sender_rate', original_key: expect.any(String), held_envelope: expect.any(Object) });
    await takeIn(held.id).expect(202);
    // A worker claims the request and reads the original; then the erasure runs whole.
    const claimed = await worker.get(HeldMailTakeIns).claim(60_000, TAKE_IN_MAX_ATTEMPTS);
    expect(claimed).toMatchObject({ mailId: held.id, originalKey: held.original_key });
    const raw = await buffer(storage().read(held.original_key));
    const customerId = await customerOf(sender);
    const { erasure } = await worker.get(CustomerErasures).request(customerId, supervisor.id, LIMIT);
    await worker.get(EraseCustomer).run(erasure, 60_000);

    const erased = await db().query(`SELECT id, held_for, original_key, held_envelope FROM inbound_mails WHERE id = ANY($1::uuid[])`, [[held.id, other.id]]);
    expect(erased.map((r: Record<string, unknown>) => ({ ...r, id: undefined }))).toEqual([
      { id: undefined, held_for: null, original_key: null, held_envelope: null },
      { id: undefined, held_for: null, original_key: null, held_envelope: null },
    ]);
    expect(await storage().exists(held.original_key)).toBe(false);
    expect(await storage().exists(other.original_key)).toBe(false);
    // Why they made no ticket stays (a kind says nothing of who wrote or what); the words went.
    expect(await db().query(`SELECT reason, reason_kind FROM inbound_mails WHERE id = ANY($1::uuid[])`, [[held.id, other.id]])).toEqual([
      { reason: null, reason_kind: 'sender_rate' },
      { reason: null, reason_kind: 'sender_rate' },
    ]);
    expect(await request(held.id)).toMatchObject({ refused_reason: 'erased', taken_at: null, lease_until: null });

    // The worker goes on with the bytes it read: its ticket's transaction finds the mail erased and rolls back.
    const before = await state();
    const outcome = await intake.takeHeldIn(raw, held.held_envelope as MailEnvelope, { mailId: held.id, originalKey: held.original_key, takenInBy: { id: supervisor.id, name: supervisor.name } });
    expect(outcome).toMatchObject({ outcome: 'refused', refusal: 'erased' });
    expect(await state()).toEqual(before);
    expect(await db().query(`SELECT count(*)::int AS n FROM customers WHERE email = $1`, [sender])).toEqual([{ n: 0 }]);
    expect(await listed(held.id)).toMatchObject({ canTakeIn: false, takeIn: { state: 'refused', refusedReason: 'erased' } });
  });

  it('records a take-in only with the original the worker read: one deleted meanwhile refuses it as gone', async () => {
    const sender = `gone.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Gone');
    const held = await mailRow(ids[LIMIT]);
    await takeIn(held.id).expect(202);
    const raw = await buffer(storage().read(held.original_key));
    await db().query(`UPDATE inbound_mails SET original_key = NULL, held_envelope = NULL WHERE id = $1`, [held.id]);
    const before = await state();
    expect(await intake.takeHeldIn(raw, held.held_envelope as MailEnvelope, { mailId: held.id, originalKey: held.original_key, takenInBy: { id: supervisor.id, name: supervisor.name } })).toMatchObject({ outcome: 'refused', refusal: 'original_gone' });
    expect(await state()).toEqual(before);
    // The worker's sweep finds no original to read, and says so.
    expect(await takeIns.sweep()).toBe(1);
    expect(await request(held.id)).toMatchObject({ refused_reason: 'original_gone', taken_at: null });
  });

  it('retries a take-in that fails for a passing reason, gives up after five attempts, and takes it in when a supervisor asks again', async () => {
    const sender = `retry.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Retry');
    const held = await mailRow(ids[LIMIT]);
    await takeIn(held.id).expect(202);
    // Its bytes unreadable for now (the storage down, say).
    await db().query(`UPDATE inbound_mails SET original_key = 'missing-' || id WHERE id = $1`, [held.id]);
    const ticketsBefore = (await state()).tickets;
    for (let attempt = 1; attempt <= TAKE_IN_MAX_ATTEMPTS; attempt++) {
      expect(await takeIns.sweep()).toBe(1);
      const row = await request(held.id);
      expect(row).toMatchObject({ attempts: attempt, last_error: expect.any(String), refused_reason: null, taken_at: null });
      if (attempt < TAKE_IN_MAX_ATTEMPTS) {
        // Tried again only once its retry time came.
        expect(row.gave_up_at).toBeNull();
        expect(await takeIns.sweep()).toBe(0);
        await db().query(`UPDATE inbound_mail_take_ins SET lease_until = now() - interval '1 second' WHERE mail_id = $1`, [held.id]);
      } else {
        expect(row).toMatchObject({ gave_up_at: expect.any(Date), lease_until: null });
      }
    }
    expect(await takeIns.sweep()).toBe(0);
    expect(await listed(held.id)).toMatchObject({ canTakeIn: true, takeIn: { state: 'gave_up', refusedReason: null } });

    // Asked again: started over, with an audit entry of its own; taken in once the bytes are back.
    const audit = (await state()).audit;
    await takeIn(held.id).expect(202);
    expect(await request(held.id)).toMatchObject({ attempts: 0, gave_up_at: null, last_error: null, requested_by: supervisor.id });
    expect((await state()).audit).toBe(audit + 1);
    await db().query(`UPDATE inbound_mails SET original_key = $2 WHERE id = $1`, [held.id, held.original_key]);
    expect(await takeIns.sweep()).toBe(1);
    expect(await mailRow(ids[LIMIT])).toMatchObject({ outcome: 'opened', ticket_id: expect.any(String) });
    expect((await state()).tickets).toBe(ticketsBefore + 1);
  });

  it('claims again a request whose lease ran out (its worker died), and gives up one that stopped its worker five times', async () => {
    const sender = `lease.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 2, 'Lease');
    const [died, crashing] = await Promise.all([mailRow(ids[LIMIT]), mailRow(ids[LIMIT + 1])]);
    await takeIn(died.id).expect(202);
    await takeIn(crashing.id).expect(202);
    // One worker claimed the first and died; the second was claimed five times, each worker stopped or hung on it.
    await db().query(`UPDATE inbound_mail_take_ins SET attempts = 1, lease_until = now() - interval '1 second' WHERE mail_id = $1`, [died.id]);
    await db().query(`UPDATE inbound_mail_take_ins SET attempts = $2, lease_until = now() - interval '1 second' WHERE mail_id = $1`, [crashing.id, TAKE_IN_MAX_ATTEMPTS]);
    // A lease still running keeps it from others.
    await db().query(`UPDATE inbound_mail_take_ins SET lease_until = now() + interval '1 minute' WHERE mail_id = $1`, [died.id]);
    expect(await takeIns.sweep()).toBe(0);
    await db().query(`UPDATE inbound_mail_take_ins SET lease_until = now() - interval '1 second' WHERE mail_id = $1`, [died.id]);

    expect(await takeIns.sweep()).toBe(1);
    expect(await request(died.id)).toMatchObject({ attempts: 2, taken_at: expect.any(Date) });
    expect(await mailRow(ids[LIMIT])).toMatchObject({ outcome: 'opened' });
    expect(await request(crashing.id)).toMatchObject({ attempts: TAKE_IN_MAX_ATTEMPTS, gave_up_at: expect.any(Date), taken_at: null, refused_reason: null, last_error: expect.any(String) });
    expect(await mailRow(ids[LIMIT + 1])).toMatchObject({ outcome: 'quarantined', ticket_id: null });
  });

  it("a mailing list's mail is not held: recorded without its bytes, and cannot be taken in", async () => {
    const sender = `list.${randomUUID().slice(0, 6)}@lists.example`;
    const messageId = `list-${randomUUID()}@lists.example`;
    await intake.accept(
      await compose({ from: sender, to: SUPPORT, subject: 'Printer users digest', messageId: `<${messageId}>`, headers: { 'List-Id': 'Printer users <printers.lists.example>' }, text: 'Today on the list.' }),
      smtp(sender),
    );
    const mail = await mailRow(messageId);
    expect(mail).toMatchObject({ outcome: 'ignored', held_for: null, original_key: null, held_envelope: null, reason: 'list: List-Id', reason_kind: 'list' });
    expect(await listed(mail.id)).toMatchObject({ canTakeIn: false });
    expect((await takeIn(mail.id).expect(422)).body).toMatchObject({ why: 'not_held' });
  });

  it("refuses to take in the mail of a sender whose customer data is being erased, and changes nothing (the erasure lists its tickets when it starts)", async () => {
    const sender = `leaving.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Leaving');
    const held = await mailRow(ids[LIMIT]);
    expect(held).toMatchObject({ held_for: 'sender_rate', original_key: expect.any(String) });
    await db().query(`INSERT INTO customer_erasures (customer_id, requested_by) VALUES ($1, $2)`, [await customerOf(sender), supervisor.id]);
    const before = await state();
    const refused = await takeIn(held.id).expect(422);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('mail-cannot-be-taken-in'), why: 'sender_being_erased' });
    expect(await state()).toEqual(before);
  });

  it("a take-in asked for just before its sender's erasure was queued is refused by the worker as erased, opening and adding nothing", async () => {
    const sender = `late.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Late');
    const [opened, held] = await Promise.all([mailRow(ids[0]), mailRow(ids[LIMIT])]);
    // A second held mail answers one of the sender's tickets: taken in, it would add a message there.
    const [{ code }] = await db().query(`SELECT code FROM tickets WHERE id = $1`, [opened.ticket_id]);
    const replyId = `late-reply-${randomUUID()}@buyer.example`;
    await intake.accept(
      await compose({ from: sender, to: `support+${code.toLowerCase()}@help.example.test`, subject: `Re: [${code}] toner`, messageId: `<${replyId}>`, headers: { Precedence: 'bulk' }, text: 'And ten more.' }),
      smtp(sender),
    );
    const reply = await mailRow(replyId);
    expect(reply).toMatchObject({ held_for: 'noise', original_key: expect.any(String) });
    await takeIn(held.id).expect(202);
    await takeIn(reply.id).expect(202);
    await worker.get(CustomerErasures).request(await customerOf(sender), supervisor.id, LIMIT);
    const before = await state();
    expect(await takeIns.sweep()).toBe(2);
    expect(await state()).toEqual(before);
    for (const mail of [held, reply]) {
      expect(await request(mail.id)).toMatchObject({ refused_reason: 'erased', taken_at: null, lease_until: null });
      expect(await mailRow(mail.message_id)).toMatchObject({ outcome: mail.outcome, ticket_id: null, held_for: mail.held_for });
    }
  });

  it("a take-in's question whether its sender is being erased holds off an erasure of them until its transaction ends", async () => {
    const sender = `asking.${randomUUID().slice(0, 6)}@buyer.example`;
    await mailsFrom(sender, 1, 'Asking');
    const customerId = await customerOf(sender);
    const taking = db().createQueryRunner();
    await taking.connect();
    try {
      await taking.startTransaction();
      expect(await worker.get(HeldMailTakeIns).senderBeingErased(sender.toUpperCase(), taking.manager)).toBe(false);
      const queued = worker.get(CustomerErasures).request(customerId, supervisor.id, 1);
      await eventually(async () => (await db().query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%INSERT INTO customer_erasures%'`)).length > 0, 10_000, 'the erasure waiting');
      // The ticket the take-in opens is committed before the erasure is queued, so the erasure lists it when it starts.
      expect(await db().query(`SELECT count(*)::int AS n FROM customer_erasures WHERE customer_id = $1`, [customerId])).toEqual([{ n: 0 }]);
      await taking.commitTransaction();
      expect((await queued).created).toBe(true);
    } finally {
      if (taking.isTransactionActive) await taking.rollbackTransaction();
      await taking.release();
    }
  });

  it('a held mail that came in at a mailbox with a team opens its ticket in that team', async () => {
    const team = await f.team('Brand B desk');
    intake.routeMailboxToTeam('imap:brand-b', team);
    const sender = `brand.${randomUUID().slice(0, 6)}@buyer.example`;
    const messageId = `brand-${randomUUID()}@buyer.example`;
    const imap: MailEnvelope = { source: 'imap:brand-b', recipients: [], mailFrom: null, remoteAddress: null, helo: null };
    await intake.accept(await compose({ from: sender, to: SUPPORT, subject: 'Toner for brand B', messageId: `<${messageId}>`, headers: { 'Auto-Submitted': 'auto-generated' }, text: 'Forty cartridges.' }), imap);
    const held = await mailRow(messageId);
    expect(held).toMatchObject({ outcome: 'ignored', held_for: 'noise', mailbox: 'imap:brand-b' });
    await takeIn(held.id).expect(202);
    expect(await takeIns.sweep()).toBe(1);
    const taken = await mailRow(messageId);
    expect(await db().query(`SELECT team_id FROM tickets WHERE id = $1`, [taken.ticket_id])).toEqual([{ team_id: team }]);
  });

  it("deletes held originals nobody took in after MAIL_HELD_KEEP_DAYS, keeps bytes another row needs and a mail being taken in; the export holds the customer's held mails", async () => {
    const sender = `old.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 4, 'Old');
    const [forgotten, shared, asked] = await Promise.all([mailRow(ids[LIMIT]), mailRow(ids[LIMIT + 1]), mailRow(ids[LIMIT + 2])]);
    // The oldest names bytes the storage cannot delete (a key of no shape it knows): it is passed over, the others still go.
    const stuck = await mailRow(ids[LIMIT + 3]);
    await db().query(`UPDATE inbound_mails SET original_key = 'not-a-storage-key', received_at = now() - interval '16 days' WHERE id = $1`, [stuck.id]);

    // The customer's export holds their held mails, with the originals, found by their address.
    const data = await worker.get(CustomerDataReader).dataSet(await customerOf(sender));
    expect(data?.unticketedMails.filter((m) => m.id !== stuck.id).map((m) => [m.id, m.originalKey])).toEqual([forgotten, shared, asked].map((m) => [m.id, m.original_key]));

    await takeIn(asked.id).expect(202);
    // Another row names the second one's bytes (the same bytes come in again, say).
    await db().query(`UPDATE inbound_mails SET original_key = $2 WHERE message_id = $1`, [ids[0], shared.original_key]);
    await db().query(`UPDATE inbound_mails SET received_at = now() - interval '15 days' WHERE id = ANY($1::uuid[])`, [[forgotten.id, shared.id, asked.id]]);
    expect(config.mail.heldKeepDays).toBe(14);

    expect(await worker.get(HeldMailRetention).sweep()).toBe(2);
    expect(await worker.get(HeldMailRetention).sweep()).toBe(0);
    // The stuck one keeps its record as it was, for the next sweep.
    expect(await mailRow(ids[LIMIT + 3])).toMatchObject({ original_key: 'not-a-storage-key', held_envelope: expect.any(Object) });
    const [f1, f2, kept] = await Promise.all([mailRow(ids[LIMIT]), mailRow(ids[LIMIT + 1]), mailRow(ids[LIMIT + 2])]);
    for (const row of [f1, f2]) expect(row).toMatchObject({ outcome: 'quarantined', held_for: 'sender_rate', original_key: null, held_envelope: null, reason: expect.stringContaining('original deleted after 14 days') });
    expect(await storage().exists(forgotten.original_key)).toBe(false);
    expect(await storage().exists(shared.original_key)).toBe(true);
    expect(kept).toMatchObject({ original_key: asked.original_key, held_envelope: expect.any(Object) });
    expect(await storage().exists(asked.original_key)).toBe(true);
    expect(await listed(forgotten.id)).toMatchObject({ canTakeIn: false, hasOriginal: false, reason: expect.stringContaining('cannot be taken in') });
    expect((await takeIn(forgotten.id).expect(422)).body).toMatchObject({ why: 'original_not_kept' });
  });

  it("a supervisor asking again for a given-up take-in while the old attempt still holds the sender's record gets 202: their deadlock aborts the API's transaction, which is run again", async () => {
    const sender = `deadlock.${randomUUID().slice(0, 6)}@buyer.example`;
    const ids = await mailsFrom(sender, LIMIT + 1, 'Deadlock');
    const held = await mailRow(ids[LIMIT]);
    await takeIn(held.id).expect(202);
    await db().query(`UPDATE inbound_mail_take_ins SET attempts = $2, gave_up_at = now(), lease_until = NULL WHERE mail_id = $1`, [held.id, TAKE_IN_MAX_ATTEMPTS]);
    const oldAttempt = db().createQueryRunner();
    await oldAttempt.connect();
    try {
      await oldAttempt.startTransaction();
      // This side waits longer before looking for a deadlock, so the API's side (1 s) is the one that finds it and is aborted.
      await oldAttempt.query(`SET LOCAL deadlock_timeout = '60s'`);
      // The old attempt's opening has locked the sender's record (the intake's upsert)...
      await oldAttempt.query(
        `INSERT INTO customers (name, email, tier, locale) VALUES ('Purchasing', $1, 'standard', 'en') ON CONFLICT ((lower(email))) WHERE email IS NOT NULL DO UPDATE SET email = customers.email`,
        [sender],
      );
      // ...the API locks the mail, then waits for the sender's record to ask whether it is being erased...
      const asking = takeIn(held.id).then((res) => res);
      await eventually(async () => (await db().query(`SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE '%FROM customers WHERE lower(email)%FOR SHARE%'`)).length > 0, 10_000, 'the take-in waiting for the sender');
      // ...and the old attempt records its ticket on the mail's row: each waits for the other. This lock
      // is granted only once the API's transaction is aborted.
      await oldAttempt.query(`SELECT 1 FROM inbound_mails WHERE id = $1 FOR UPDATE`, [held.id]);
      await oldAttempt.commitTransaction();
      const answer = await asking;
      expect(answer.status).toBe(202);
      expect(answer.body).toEqual({ mailId: held.id, state: 'requested' });
      expect(await request(held.id)).toMatchObject({ attempts: 0, gave_up_at: null, requested_by: supervisor.id });
    } finally {
      if (oldAttempt.isTransactionActive) await oldAttempt.rollbackTransaction();
      await oldAttempt.release();
    }
  });

  describe("what the customer sends while their data is being erased", () => {
    const BEING_ERASED = 'https://firsthand.dev/problems/customer-being-erased';
    let admin: TestAgent;
    beforeAll(async () => {
      admin = await f.agent('admin', await f.team('Data rights desk'));
    });

    const webForm = (email: string, marker: string) =>
      api.http.post('/api/tickets').send({ subject: `Invoice ${marker}`, description: `About ${marker}: the invoice is wrong.`, channel: 'web', kind: 'question', customer: { name: 'Mei Lin', email } });
    const trackReply = (code: string, token: string, marker: string) => api.http.post(`/api/track/${code}/messages`).set('X-Tracking-Token', token).send({ body: `Reply ${marker}` });
    const mailFrom = (email: string, marker: string, options: ConstructorParameters<typeof MailComposer>[0] = {}) =>
      compose({ from: `Mei Lin <${email}>`, to: SUPPORT, subject: `Mail ${marker}`, messageId: `<${marker}@buyer.example>`, text: `Mail ${marker}: the invoice is wrong.`, ...options });
    /** The intake's answer, as a transport sees it: taken, or not now (SMTP 451, IMAP leaves it in the mailbox). */
    const deliver = (raw: Buffer, email: string) =>
      intake.accept(raw, smtp(email)).then(({ outcome }) => `mail ${outcome}`, (error: unknown) => {
        if (error instanceof MailWaitsForErasure) return 'mail waits';
        throw error;
      });
    const queueErasure = async (customerId: string) => {
      await api.http.post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({ confirm: true }).expect(202);
      return (await worker.get(CustomerErasures).forCustomer(customerId))!;
    };
    const storedKey = (raw: Buffer) => {
      const sha = createHash('sha256').update(raw).digest('hex');
      return `sha256/${sha.slice(0, 2)}/${sha}`;
    };
    /** Everything an intake writes. */
    const everything = async () =>
      (
        await db().query(`SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events, (SELECT count(*)::int FROM messages) AS messages,
          (SELECT count(*)::int FROM customers) AS customers, (SELECT count(*)::int FROM inbound_mails) AS mails, (SELECT count(*)::int FROM attachments) AS files,
          (SELECT count(*)::int FROM job_outbox) AS outbox, (SELECT count(*)::int FROM mail_thread_ids) AS threads, (SELECT count(*)::int FROM idempotency_keys) AS keys`)
      )[0];
    const customerRow = async (id: string) => (await db().query(`SELECT email, erased_at FROM customers WHERE id = $1`, [id]))[0];

    it('the web form and the tracking page answer 409 customer-being-erased and a mail from them waits, changing nothing, while the erasure is queued and while it runs; once it is done, the mail that waited and the form open tickets on a new record', async () => {
      const email = `mei.${randomUUID().slice(0, 6)}@buyer.example`;
      const opened = (await webForm(email, 'first').expect(201)).body;
      const customerId = await customerOf(email);
      const erasure = await queueErasure(customerId);

      const tryEverything = async (phase: string): Promise<{ mail: Buffer; messageId: string }> => {
        const before = await everything();
        const form = await webForm(email, `form-${phase}`).set('Idempotency-Key', `erasing-${phase}-${randomUUID()}`).expect(409);
        expect(form.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(form.body).toMatchObject({ type: BEING_ERASED, status: 409, detail: expect.stringContaining('being erased') });
        expect((await trackReply(opened.code, opened.trackingToken, `reply-${phase}`).expect(409)).body.type).toBe(BEING_ERASED);
        const messageId = `mail-${phase}-${randomUUID()}`;
        const mail = await mailFrom(email, messageId);
        expect(await deliver(mail, email)).toBe('mail waits');
        const answer = await mailFrom(email, `answer-${phase}-${randomUUID()}`, { to: `support+${opened.code.toLowerCase()}@help.example.test`, subject: `Re: [${opened.code}] Invoice` });
        expect(await deliver(answer, email)).toBe('mail waits');
        expect(await everything()).toEqual(before);
        expect(await storage().exists(storedKey(mail))).toBe(false);
        return { mail, messageId: `${messageId}@buyer.example` };
      };
      const waited = await tryEverything('queued');
      // And while it runs: asked once more as it starts on the texts (its first step closed the ticket).
      const erasures = worker.get(CustomerErasures);
      const eraseTexts = erasures.eraseTicketTexts.bind(erasures);
      const running = jest.spyOn(erasures, 'eraseTicketTexts').mockImplementationOnce(async (...args) => {
        await tryEverything('running');
        return eraseTexts(...args);
      });
      try {
        await worker.get(EraseCustomer).run(erasure, 60_000);
        expect(running).toHaveBeenCalledTimes(1);
      } finally {
        running.mockRestore();
      }
      expect(await customerRow(customerId)).toMatchObject({ email: null, erased_at: expect.any(Date) });

      // The mail that waited comes again: the address names no record now, so it opens a ticket on a new one, as the form does.
      expect(await deliver(waited.mail, email)).toBe('mail taken');
      const fresh = await customerOf(email);
      expect(fresh).not.toBe(customerId);
      expect(await db().query(`SELECT m.outcome, t.customer_id FROM inbound_mails m JOIN tickets t ON t.id = m.ticket_id WHERE m.message_id = $1`, [waited.messageId])).toEqual([
        { outcome: 'opened', customer_id: fresh },
      ]);
      const form = (await webForm(email, 'after').expect(201)).body;
      expect(await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [form.id])).toEqual([{ customer_id: fresh }]);
      // The erased record's tracking link is gone with it.
      await trackReply(opened.code, opened.trackingToken, 'after').expect(404);
    });

    it("the erasure's last step erases, under the record's lock, whatever of theirs the steps before left: a ticket their listing missed, with its mail and file, and a held mail recorded after the mails step", async () => {
      const email = `wei.${randomUUID().slice(0, 6)}@buyer.example`;
      await webForm(email, 'listed').expect(201);
      const missedId = `missed-${randomUUID()}@buyer.example`;
      const receipt = Buffer.from(`Receipt ${randomUUID()}\n`);
      await intake.accept(await compose({ from: email, to: SUPPORT, subject: 'Missed', messageId: `<${missedId}>`, text: 'Missed by the listing.', attachments: [{ filename: 'receipt.txt', content: receipt }] }), smtp(email));
      const missed = await mailRow(missedId);
      const [file] = await db().query(`SELECT storage_key FROM attachments WHERE ticket_id = $1`, [missed.ticket_id]);
      expect(await storage().exists(file.storage_key)).toBe(true);
      const customerId = await customerOf(email);
      const erasure = await queueErasure(customerId);

      // The run lists the customer's tickets without the mail's one, as a run that listed them before it came would.
      const reader = worker.get(CustomerDataReader);
      const listTickets = reader.ticketIds.bind(reader);
      const listing = jest.spyOn(reader, 'ticketIds').mockImplementationOnce(async (ids) => (await listTickets(ids)).filter((id) => id !== missed.ticket_id));
      // After the mails step, a mail from them is held (automatic-looking): its first question was answered just before the erasure was queued.
      const erasures = worker.get(CustomerErasures);
      const eraseNotifications = erasures.eraseNotifications.bind(erasures);
      const noiseId = `noise-${randomUUID()}@buyer.example`;
      let noise: Record<string, unknown> | undefined;
      const late = jest.spyOn(erasures, 'eraseNotifications').mockImplementationOnce(async (...args) => {
        const log = worker.get(InboundMailLog);
        const look = log.firstLook.bind(log);
        const asked = jest.spyOn(log, 'firstLook').mockImplementationOnce(async (...args) => ({ ...(await look(...args)), senderBeingErased: false }));
        await intake.accept(await compose({ from: email, to: SUPPORT, subject: 'Out of office', messageId: `<${noiseId}>`, headers: { Precedence: 'bulk' }, text: 'Back on Monday.' }), smtp(email));
        asked.mockRestore();
        noise = await mailRow(noiseId);
        return eraseNotifications(...args);
      });
      try {
        await worker.get(EraseCustomer).run(erasure, 60_000);
        expect(listing).toHaveBeenCalledTimes(1);
        expect(late).toHaveBeenCalled();
      } finally {
        listing.mockRestore();
        late.mockRestore();
      }

      expect(noise).toMatchObject({ from_address: email, held_for: 'noise', original_key: expect.any(String) });
      expect(await db().query(`SELECT from_address, message_id, subject, original_key, held_envelope, held_for FROM inbound_mails WHERE id = $1`, [noise!.id])).toEqual([
        { from_address: null, message_id: null, subject: null, original_key: null, held_envelope: null, held_for: null },
      ]);
      expect(await storage().exists(noise!.original_key as string)).toBe(false);
      expect(await db().query(`SELECT subject, description, tracking_token_hash, status FROM tickets WHERE id = $1`, [missed.ticket_id])).toEqual([
        { subject: '[erased]', description: '[erased]', tracking_token_hash: 'erased', status: 'closed' },
      ]);
      expect(await db().query(`SELECT type FROM ticket_events WHERE ticket_id = $1 AND payload::text LIKE '%listing%'`, [missed.ticket_id])).toEqual([]);
      expect(await db().query(`SELECT public_doc::text AS words FROM ticket_search WHERE ticket_id = $1`, [missed.ticket_id])).toEqual([{ words: '' }]);
      expect(await db().query(`SELECT from_address, message_id, original_key FROM inbound_mails WHERE id = $1`, [missed.id])).toEqual([{ from_address: null, message_id: null, original_key: null }]);
      expect(await storage().exists(missed.original_key)).toBe(false);
      expect(await db().query(`SELECT filename, erased_at IS NOT NULL AS erased FROM attachments WHERE ticket_id = $1`, [missed.ticket_id])).toEqual([{ filename: 'erased', erased: true }]);
      expect(await storage().exists(file.storage_key)).toBe(false);
      expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE lower(from_address) = $1`, [email])).toEqual([{ n: 0 }]);
      expect(await customerRow(customerId)).toMatchObject({ email: null, erased_at: expect.any(Date) });
      const [audit] = await db().query(`SELECT after FROM audit_entries WHERE action = 'customer.erased' AND target_id = $1`, [customerId]);
      expect(audit.after).toMatchObject({ tickets: 2 });
    });

    it('an erasure racing the web form, mails and tracking-page replies of its customer leaves nothing of theirs on the record: each came before it and was erased, was refused, or came after and opened on a new record', async () => {
      const email = `race.${randomUUID().slice(0, 6)}@buyer.example`;
      const tag = `race${randomUUID().slice(0, 8)}`;
      let n = 0;
      const marker = () => `${tag}-${++n}`;
      const first = (await webForm(email, marker()).expect(201)).body;
      const customerId = await customerOf(email);
      const form = async () => `form ${(await webForm(email, marker())).status}`;
      const reply = async () => `reply ${(await trackReply(first.code, first.trackingToken, marker())).status}`;
      const mail = async () => deliver(await mailFrom(email, marker()), email);

      let done = false;
      /** One kind of intake, again and again until the erasure is done, and once after. */
      const lane = async (attempt: () => Promise<string>) => {
        const seen: string[] = [];
        for (let last = false; !last; ) {
          last = done;
          seen.push(await attempt());
        }
        return seen;
      };
      const erasing = (async () => {
        const erasure = await queueErasure(customerId);
        const whileQueued = [await form(), await mail(), await reply()];
        await worker.get(EraseCustomer).run(erasure, 60_000);
        done = true;
        return whileQueued;
      })();
      const [whileQueued, ...lanes] = await Promise.all([erasing, lane(form), lane(form), lane(mail), lane(reply)]);
      expect(whileQueued).toEqual(['form 409', 'mail waits', 'reply 409']);
      const outcomes = new Set(lanes.flat());
      for (const outcome of outcomes) expect(['form 201', 'form 409', 'reply 201', 'reply 409', 'reply 404', 'mail taken', 'mail waits']).toContain(outcome);
      // The lanes' last attempts came after the erasure: the form's opened on a new record.
      expect(lanes[0].at(-1)).toBe('form 201');
      const fresh = await customerOf(email);
      expect(fresh).not.toBe(customerId);

      // Nothing of theirs is left on the erased record: its tickets' words, mails and files are gone.
      expect(await customerRow(customerId)).toMatchObject({ email: null, erased_at: expect.any(Date) });
      const left = await db().query(
        `SELECT 'ticket' AS what FROM tickets t WHERE t.customer_id = $1 AND (t.subject <> '[erased]' OR t.description <> '[erased]' OR t.tracking_token_hash <> 'erased' OR t.status IN ('new', 'open', 'pending_customer'))
         UNION ALL SELECT 'message' FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE t.customer_id = $1 AND m.body <> '[erased]'
         UNION ALL SELECT 'event' FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE t.customer_id = $1 AND e.payload::text LIKE '%' || $2 || '%'
         UNION ALL SELECT 'mail' FROM inbound_mails i JOIN tickets t ON t.id = i.ticket_id WHERE t.customer_id = $1 AND (i.from_address IS NOT NULL OR i.original_key IS NOT NULL)
         UNION ALL SELECT 'file' FROM attachments a JOIN tickets t ON t.id = a.ticket_id WHERE t.customer_id = $1 AND a.erased_at IS NULL`,
        [customerId, tag],
      );
      expect(left).toEqual([]);
      // Whatever of theirs is still anywhere came after the erasure, and is on the new record's tickets.
      const words = await db().query(
        `SELECT t.customer_id FROM tickets t WHERE t.subject LIKE '%' || $1 || '%' OR t.description LIKE '%' || $1 || '%'
         UNION ALL SELECT t.customer_id FROM messages m JOIN tickets t ON t.id = m.ticket_id WHERE m.body LIKE '%' || $1 || '%'
         UNION ALL SELECT t.customer_id FROM inbound_mails i LEFT JOIN tickets t ON t.id = i.ticket_id WHERE i.subject LIKE '%' || $1 || '%' OR lower(i.from_address) = $2`,
        [tag, email],
      );
      expect(words.length).toBeGreaterThan(0);
      expect(new Set(words.map((w: { customer_id: string | null }) => w.customer_id))).toEqual(new Set([fresh]));
    });
  });
});
