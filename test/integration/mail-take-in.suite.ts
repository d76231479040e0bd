import { randomUUID } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import type { DnsResolver, MailEnvelope } from '@firsthand/email';
import { buildDataSourceOptions, PersistenceModule } from '@firsthand/persistence';
import { TicketingModule } from '@firsthand/ticketing';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { TakeInHeldMails } from '../../apps/worker/src/email/take-in-held-mails.js';
import { MAIL_DNS_RESOLVER, TakeInboundMail } from '../../apps/worker/src/email/take-inbound-mail.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
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
    providers: [TakeInboundMail, TakeInHeldMails, { provide: MAIL_DNS_RESOLVER, useValue: dns }],
  })
  class TakeInTestModule {}
  return NestFactory.createApplicationContext(TakeInTestModule, { logger: false });
}

/**
 * A supervisor takes in mail the intake held back (a sender past the hourly limit, automatic-looking
 * mail): the real intake holds it with its bytes, the real API records the request, the worker's
 * take-in makes exactly one ticket of it; every refusal changes nothing.
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
    supervisor = await f.agent('supervisor', team);
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
    expect(taken).toMatchObject({ id: held.id, outcome: 'opened', ticket_id: expect.any(String), original_key: held.original_key });
    expect((await state()).tickets).toBe(ticketsBefore + 1);
    const [ticket] = await db().query(`SELECT t.channel, t.subject, t.description, c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [taken.ticket_id]);
    expect(ticket).toEqual({ channel: 'email', subject: `Order ${LIMIT}`, description: `Purchase order number ${LIMIT}: 40 toner cartridges.`, email: sender });
    // Its opening is handed to the worker's events like any other (the acknowledgement email goes from there).
    expect((await db().query(`SELECT count(*)::int AS n FROM job_outbox o JOIN ticket_events e ON e.id = o.event_id WHERE e.ticket_id = $1 AND e.type = 'created'`, [taken.ticket_id]))[0].n).toBe(1);
    expect(await db().query(`SELECT ticket_id FROM mail_thread_ids WHERE message_id = $1`, [ids[LIMIT]])).toEqual([{ ticket_id: taken.ticket_id }]);
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
      const held = { mailId: second.id, originalKey: second.original_key };
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
    await Promise.all([takeIns.sweep(), takeIns.sweep()]);
    expect((await state()).tickets).toBe(ticketsBefore + 1);
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
    expect(events.at(-1)).toMatchObject({ type: 'customer_replied', payload: expect.objectContaining({ channel: 'email' }) });
    expect(JSON.stringify(events.at(-1))).toContain('The toner still streaks.');
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
      expect(await listed(held.id)).toMatchObject({ outcome: 'quarantined', canTakeIn: false, takeIn: { state: 'refused', refusedReason: expect.stringContaining("agent's address") } });
      expect((await takeIn(held.id).expect(422)).body).toMatchObject({ why: 'refused' });
    } finally {
      await db().query(`UPDATE agents SET email = $1 WHERE id = $2`, [li.email, li.id]);
    }
  });
});
