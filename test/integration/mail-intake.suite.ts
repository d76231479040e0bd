import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import { TRACKING_TOKEN_SLOT } from '@firsthand/access';
import { Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, FirsthandConfigModule, type FirsthandConfig } from '@firsthand/config';
import type { DnsResolver, MailEnvelope } from '@firsthand/email';
import { AttachmentStore, buildDataSourceOptions, MailThreads, PersistenceModule, TicketIntake, TicketStore } from '@firsthand/persistence';
import { TicketingModule, TicketWriter } from '@firsthand/ticketing';
import { dkimSign } from 'mailauth/lib/dkim/sign.js';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { MailIntake } from '../../apps/worker/src/email/mail-intake.js';
import { OAuth2RefreshTokenKeepers } from '../../apps/worker/src/email/oauth2-refresh-token-keepers.js';
import { bounceReason, neverATicketReason, noiseReason, quotedOnlyReason, senderRateReason, unreadableReason } from '@firsthand/domain';
import { MAIL_DNS_RESOLVER, TakeInboundMail } from '../../apps/worker/src/email/take-inbound-mail.js';
import { SAMPLE_FILES } from '../../libs/attachments/src/testing/sample-files.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';
import { eventually } from '../support/notification-sinks.js';
import { testConfig } from '../support/test-services.js';

const SUPPORT = 'support@help.example.test';
/** A brand's address whose tickets go to its team by the team's id, and one naming a team that is not there. */
const BRAND = 'help@brand-d.example';
const BRAND_TEAM = randomUUID();
const ROUTES = JSON.stringify([{ address: BRAND, teamId: BRAND_TEAM }, { address: 'help@brand-gone.example', team: 'Brand Gone' }]);
const CUSTOMER_IP = '192.0.2.10';
const STRANGER_IP = '198.51.100.7';
const key = generateKeyPairSync('rsa', { modulusLength: 2048 });

/** DNS as the test publishes it: example.com signs with DKIM, allows only CUSTOMER_IP, and asks receivers to reject failures. */
const dns: DnsResolver = async (name, rrtype) => {
  const txt: Record<string, string> = {
    'mail._domainkey.example.com': `v=DKIM1; k=rsa; p=${key.publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`,
    'example.com': `v=spf1 ip4:${CUSTOMER_IP} -all`,
    '_dmarc.example.com': 'v=DMARC1; p=reject',
  };
  if (rrtype === 'TXT' && txt[name.toLowerCase()] !== undefined) return [[txt[name.toLowerCase()]]];
  throw Object.assign(new Error(`ENOTFOUND ${name}`), { code: 'ENOTFOUND' });
};

const compose = (options: ConstructorParameters<typeof MailComposer>[0]): Promise<Buffer> => new MailComposer(options).compile().build();

async function signed(raw: Buffer): Promise<Buffer> {
  const signer = { signingDomain: 'example.com', selector: 'mail', privateKey: key.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString() };
  const { signatures } = await dkimSign(raw, { ...signer, canonicalization: 'relaxed/relaxed', signatureData: [signer] });
  return Buffer.concat([Buffer.from(signatures), raw]);
}

const smtp = (remoteAddress: string, mailFrom: string): MailEnvelope => ({ source: 'smtp', recipients: [SUPPORT], mailFrom, remoteAddress, helo: 'mail.example.com' });

/**
 * The intake driven directly, as the transports drive it, on a real database with the sender
 * checks answered by a fake DNS: what cannot be arranged through a real SMTP hop on loopback
 * (a DMARC verdict), and every kind of bad mail.
 */
describe('taking mail in', () => {
  let api: ApiHarness;
  let context: INestApplicationContext;
  let intake: TakeInboundMail;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let supervisor: TestAgent;

  const db = () => api.database.db;
  const counts = async () =>
    (await db().query(`SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM ticket_events) AS events, (SELECT count(*)::int FROM messages) AS messages, (SELECT count(*)::int FROM attachments) AS files`))[0];
  const mailRow = async (messageId: string) => (await db().query(`SELECT * FROM inbound_mails WHERE message_id = $1`, [messageId]))[0];

  /** What MailIntake warned of as it started. */
  const warnings: string[] = [];

  beforeAll(async () => {
    api = await startApi({ MAIL_SUPPORT_ADDRESS: SUPPORT });
    f = new HelpdeskFactory(api);
    const team = await f.team('Mail desk', true);
    li = await f.agent('agent', team, 'Li Wei');
    supervisor = await f.agent('supervisor', team);
    // The brand's team is renamed before the intake starts: routed by its id, its mail still finds it.
    await db().query(`INSERT INTO teams (id, name) VALUES ($1, 'Brand D')`, [BRAND_TEAM]);
    const admin = await f.agent('admin', team);
    await api.http.patch(`/api/teams/${BRAND_TEAM}`).set(admin.auth).send({ name: 'Brand D Asia' }).expect(200);

    const config = testConfig(api.database.url, { MAIL_SUPPORT_ADDRESS: SUPPORT, MAIL_PER_SENDER_PER_HOUR: '3', MAIL_MAX_BYTES: String(2 * 1024 * 1024), MAIL_MAX_RECIPIENTS: '20', MAIL_ADDRESSES: ROUTES });
    @Module({
      imports: [FirsthandConfigModule.forRoot(config), TypeOrmModule.forRoot(buildDataSourceOptions(config.databaseUrl, 4, 'mail-intake-test')), PersistenceModule, TicketingModule],
      // MailIntake matches the routes' teams as it starts; without INBOUND_SMTP_PORT or mailboxes it starts no transport.
      providers: [TakeInboundMail, MailIntake, OAuth2RefreshTokenKeepers, { provide: MAIL_DNS_RESOLVER, useValue: dns }],
    })
    class IntakeTestModule {}
    const quiet = () => undefined;
    context = await NestFactory.createApplicationContext(IntakeTestModule, { logger: { log: quiet, error: quiet, debug: quiet, verbose: quiet, warn: (message: unknown, from: unknown) => void (from === 'MailIntake' && warnings.push(String(message))) } });
    intake = context.get(TakeInboundMail);
  });
  afterAll(async () => {
    await context?.close();
    await api?.close();
  });

  /** A resolved ticket of `customer`, owned by Li, within its reopen window. */
  async function resolvedTicketOf(customer: string) {
    const ticket = await f.customerTicket({}, { email: customer });
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Sent a new cable' }).expect(200);
    return ticket;
  }

  it('a reply that passes DMARC reopens the resolved ticket for its owner; one that claims the address and fails DMARC is kept, marked, and changes nothing', async () => {
    const customer = `sara.${randomUUID().slice(0, 6)}@example.com`;
    const ticket = await resolvedTicketOf(customer);
    const to = `support+${ticket.code.toLowerCase()}@help.example.test`;

    const spoofId = `spoof-${randomUUID()}@attacker.test`;
    const spoof = await compose({ from: customer, to, subject: 'Re: resolved', messageId: `<${spoofId}>`, text: 'Reopen and refund to my new account.' });
    expect(await intake.accept(spoof, smtp(STRANGER_IP, customer))).toEqual({ outcome: 'taken' });
    expect((await db().query(`SELECT status, reopen_count FROM tickets WHERE id = $1`, [ticket.id]))[0]).toEqual({ status: 'resolved', reopen_count: 0 });
    const kept = await mailRow(spoofId);
    expect(kept).toMatchObject({ outcome: 'continued', verified: false, ticket_id: ticket.id });
    expect(kept.auth).toMatchObject({ dmarc: 'fail' });
    const events = (await api.http.get(`/api/tickets/${ticket.id}/events`).set(li.auth).expect(200)).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'customer_replied', payload: { unverified: true, channel: 'email', from: customer } });
    // The owner sees the verdict on the ticket's mails.
    const listed = (await api.http.get(`/api/tickets/${ticket.id}/mails`).set(li.auth).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ messageId: spoofId, verified: false, auth: expect.objectContaining({ dmarc: 'fail' }) })]);
    // The customer's page does not show it as theirs: it may be anyone's words.
    const customerView = async () => JSON.stringify((await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200)).body.timeline);
    expect(await customerView()).not.toContain('Reopen and refund to my new account.');

    const realId = `real-${randomUUID()}@example.com`;
    const real = await signed(await compose({ from: customer, to, subject: 'Re: resolved', messageId: `<${realId}>`, text: 'It stopped working again.' }));
    await intake.accept(real, smtp(CUSTOMER_IP, customer));
    expect((await db().query(`SELECT status, owner_id, reopen_count FROM tickets WHERE id = $1`, [ticket.id]))[0]).toEqual({ status: 'open', owner_id: li.id, reopen_count: 1 });
    expect(await mailRow(realId)).toMatchObject({ verified: true });
    expect(await customerView()).toContain('It stopped working again.');
  });

  it("a mail whose From names the customer and another author is kept, marked, and changes nothing: no DMARC verdict speaks for it", async () => {
    const customer = `ada.${randomUUID().slice(0, 6)}@example.com`;
    const ticket = await resolvedTicketOf(customer);
    const twoAuthors = (to: string, subject: string, messageId: string) =>
      Buffer.from([`From: ${customer}, mallory@attacker.test`, `To: ${to}`, `Subject: ${subject}`, `Message-ID: <${messageId}>`, 'Content-Type: text/plain; charset=utf-8', '', 'Reopen and refund to my new account.', ''].join('\r\n'));

    const byAddress = `two-${randomUUID()}@attacker.test`;
    await intake.accept(twoAuthors(`support+${ticket.code.toLowerCase()}@help.example.test`, 'Re: resolved', byAddress), smtp(STRANGER_IP, 'mallory@attacker.test'));
    expect(await mailRow(byAddress)).toMatchObject({ outcome: 'continued', verified: false, ticket_id: ticket.id });
    expect((await db().query(`SELECT status, reopen_count FROM tickets WHERE id = $1`, [ticket.id]))[0]).toEqual({ status: 'resolved', reopen_count: 0 });
    const events = (await api.http.get(`/api/tickets/${ticket.id}/events`).set(li.auth).expect(200)).body.items;
    expect(events.at(-1)).toMatchObject({ type: 'customer_replied', payload: { unverified: true, from: customer } });

    // The subject's code counts only from the customer alone: this one opens a ticket of its own, unverified.
    const bySubject = `two-subject-${randomUUID()}@attacker.test`;
    await intake.accept(twoAuthors(SUPPORT, `Re: [${ticket.code}] resolved`, bySubject), smtp(STRANGER_IP, 'mallory@attacker.test'));
    const opened = await mailRow(bySubject);
    expect(opened).toMatchObject({ outcome: 'opened', verified: false });
    expect(opened.ticket_id).not.toBe(ticket.id);
  });

  it('a new mail that fails DMARC opens a ticket for the team, marked unverified so that nothing answers the address it names', async () => {
    const customer = `nina.${randomUUID().slice(0, 6)}@example.com`;
    const spoofId = `new-spoof-${randomUUID()}@attacker.test`;
    await intake.accept(await compose({ from: customer, to: SUPPORT, cc: 'accomplice@attacker.test', subject: 'Please change my bank account', messageId: `<${spoofId}>`, text: 'Send refunds to this new account.' }), smtp(STRANGER_IP, customer));
    const kept = await mailRow(spoofId);
    expect(kept).toMatchObject({ outcome: 'opened', verified: false });
    expect(kept.auth).toMatchObject({ dmarc: 'fail' });
    const [created] = await db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'created'`, [kept.ticket_id]);
    expect(created.payload).toMatchObject({ channel: 'email', unverified: true });
    // Marked in the ticket's mail thread: an answer to the address it names must not reference the forger's mail.
    expect(await db().query(`SELECT direction FROM mail_thread_ids WHERE message_id = $1`, [spoofId])).toEqual([{ direction: 'unverified' }]);
    // Nor is anyone it copied copied on our answers.
    expect(await db().query(`SELECT address FROM ticket_copied_people WHERE ticket_id = $1`, [kept.ticket_id])).toEqual([]);
    // Signed and aligned, the same sender's next new mail is an ordinary one.
    const realId = `new-real-${randomUUID()}@example.com`;
    await intake.accept(await signed(await compose({ from: customer, to: SUPPORT, cc: 'Nina Boss <boss@example.com>', subject: 'My order', messageId: `<${realId}>`, text: 'Where is it?' })), smtp(CUSTOMER_IP, customer));
    const real = await mailRow(realId);
    expect(await db().query(`SELECT address, name FROM ticket_copied_people WHERE ticket_id = $1`, [real.ticket_id])).toEqual([{ address: 'boss@example.com', name: 'Nina Boss' }]);
    const [ordinary] = await db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'created'`, [real.ticket_id]);
    expect(ordinary.payload.unverified).toBeUndefined();
    expect(await db().query(`SELECT ticket_id, direction FROM mail_thread_ids WHERE message_id = $1`, [realId])).toEqual([{ ticket_id: real.ticket_id, direction: 'inbound' }]);
  });

  it("copies in only whom a proved mail names; a copied person's proved reply-all is the customer's side, reopens nothing and copies nobody", async () => {
    // No DMARC record at all gives no verdict: anyone could have written it, so nobody it copies is copied.
    const open = `nora.${randomUUID().slice(0, 6)}@nodmarc.example`;
    const openId = `no-verdict-${randomUUID()}@nodmarc.example`;
    await intake.accept(await compose({ from: open, to: SUPPORT, cc: 'me@attacker.test', subject: 'Account details please', messageId: `<${openId}>`, text: 'Send me everything.' }), smtp(STRANGER_IP, open));
    const unproved = await mailRow(openId);
    expect(unproved).toMatchObject({ outcome: 'opened', verified: null });
    expect(await db().query(`SELECT address FROM ticket_copied_people WHERE ticket_id = $1`, [unproved.ticket_id])).toEqual([]);

    // A proved opener copies its colleague; the colleague's proved reply-all is theirs, and moves nothing on a resolved ticket.
    const customer = `ana.${randomUUID().slice(0, 6)}@example.com`;
    const colleague = `boss.${randomUUID().slice(0, 6)}@example.com`;
    const firstId = `copied-open-${randomUUID()}@example.com`;
    await intake.accept(await signed(await compose({ from: customer, to: SUPPORT, cc: colleague, subject: 'Invoice total', messageId: `<${firstId}>`, text: 'The total is wrong.' })), smtp(CUSTOMER_IP, customer));
    const opened = await mailRow(firstId);
    expect(await db().query(`SELECT address FROM ticket_copied_people WHERE ticket_id = $1`, [opened.ticket_id])).toEqual([{ address: colleague }]);
    await api.http.post(`/api/tickets/${opened.ticket_id}/claim`).set(li.auth).expect(200);
    await api.http.post(`/api/tickets/${opened.ticket_id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Credit note sent' }).expect(200);
    const [{ code }] = await db().query(`SELECT code FROM tickets WHERE id = $1`, [opened.ticket_id]);
    const thanksId = `copied-thanks-${randomUUID()}@example.com`;
    await intake.accept(
      await signed(await compose({ from: colleague, to: `support+${code.toLowerCase()}@help.example.test`, cc: [customer, 'newcomer@example.com'], subject: `Re: [${code}] Invoice total`, messageId: `<${thanksId}>`, inReplyTo: `<${firstId}>`, text: 'Thanks!' })),
      smtp(CUSTOMER_IP, colleague),
    );
    expect(await mailRow(thanksId)).toMatchObject({ outcome: 'continued', verified: true });
    const [replied] = await db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_replied'`, [opened.ticket_id]);
    expect(replied.payload).toMatchObject({ from: colleague, copiedPerson: true, body: 'Thanks!' });
    expect(replied.payload).not.toHaveProperty('unverified');
    expect((await db().query(`SELECT status FROM tickets WHERE id = $1`, [opened.ticket_id]))[0].status).toBe('resolved');
    expect(await db().query(`SELECT address FROM ticket_copied_people WHERE ticket_id = $1`, [opened.ticket_id])).toEqual([{ address: colleague }]);
  });

  it("a reply that repeats the customer's tracking link is stored without its token (issue 13)", async () => {
    const customer = `tom.${randomUUID().slice(0, 6)}@example.com`;
    const ticket = await resolvedTicketOf(customer);
    const link = `http://localhost:3000/track/${ticket.code}#token=${ticket.trackingToken}`;
    const messageId = `link-${randomUUID()}@example.com`;
    const raw = await signed(await compose({ from: customer, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: 'Re: resolved', messageId: `<${messageId}>`, text: `This page still says resolved: ${link}\nPlease look again.` }));
    await intake.accept(raw, smtp(CUSTOMER_IP, customer));
    const [message] = await db().query(`SELECT body FROM messages WHERE ticket_id = $1 ORDER BY event_seq DESC LIMIT 1`, [ticket.id]);
    expect(message.body).toContain(`This page still says resolved: http://localhost:3000/track/${ticket.code}#token=${TRACKING_TOKEN_SLOT}`);
    const holding = await db().query(`SELECT count(*)::int AS n FROM ticket_events e WHERE e.ticket_id = $1 AND e::text LIKE $2`, [ticket.id, `%${ticket.trackingToken}%`]);
    expect(holding).toEqual([{ n: 0 }]);
    expect(message.body).not.toContain(ticket.trackingToken);
  });

  it('a reply with nothing but the quoted history changes nothing; with a file, the file arrives without the quote', async () => {
    const customer = `quote.${randomUUID().slice(0, 6)}@example.com`;
    const ticket = await resolvedTicketOf(customer);
    const to = `support+${ticket.code.toLowerCase()}@help.example.test`;
    const quote = [
      'On Fri, Dec 4, 2026 at 9:30 PM Firsthand Support <support@help.example.test> wrote:',
      `> [${ticket.code}] Li Wei replied`,
      `> Follow your issue: http://localhost:3000/track/${ticket.code}#token=${ticket.trackingToken}`,
    ].join('\n');
    const before = await counts();
    const emptyId = `empty-${randomUUID()}@example.com`;
    await intake.accept(await signed(await compose({ from: customer, to, subject: `Re: [${ticket.code}] Li Wei replied`, messageId: `<${emptyId}>`, text: `\n${quote}\n` })), smtp(CUSTOMER_IP, customer));
    expect(await counts()).toEqual(before);
    expect((await db().query(`SELECT status, reopen_count FROM tickets WHERE id = $1`, [ticket.id]))[0]).toEqual({ status: 'resolved', reopen_count: 0 });
    expect(await mailRow(emptyId)).toMatchObject({ outcome: 'ignored', ticket_id: null, reason: `a reply on ${ticket.code} with no text of its own (only the quoted history)` });

    const fileId = `file-${randomUUID()}@example.com`;
    const withFile = await compose({ from: customer, to, subject: `Re: [${ticket.code}] Li Wei replied`, messageId: `<${fileId}>`, text: quote, attachments: [{ filename: 'still-broken.png', content: SAMPLE_FILES.png }] });
    await intake.accept(await signed(withFile), smtp(CUSTOMER_IP, customer));
    expect(await mailRow(fileId)).toMatchObject({ outcome: 'continued', ticket_id: ticket.id });
    const [message] = await db().query(`SELECT body FROM messages WHERE ticket_id = $1 ORDER BY event_seq DESC LIMIT 1`, [ticket.id]);
    expect(message.body).toBe('(empty message)');
    expect((await db().query(`SELECT count(*)::int AS n FROM attachments WHERE ticket_id = $1`, [ticket.id]))[0]).toEqual({ n: 1 });

    // Written below the quote, the customer's answer is theirs: stored without the quote.
    const belowId = `below-${randomUUID()}@example.com`;
    const below = await compose({ from: customer, to, subject: `Re: [${ticket.code}] Li Wei replied`, messageId: `<${belowId}>`, text: `${quote}\n\nThe new cable did not help either.\n` });
    await intake.accept(await signed(below), smtp(CUSTOMER_IP, customer));
    expect(await mailRow(belowId)).toMatchObject({ outcome: 'continued', ticket_id: ticket.id });
    const [answer] = await db().query(`SELECT body FROM messages WHERE ticket_id = $1 ORDER BY event_seq DESC LIMIT 1`, [ticket.id]);
    expect(answer.body).toBe('The new cable did not help either.');
  });

  it('the same mail taken by ten callers at once makes one ticket and one record', async () => {
    const messageId = `race-${randomUUID()}@example.com`;
    const raw = await compose({ from: `race.${randomUUID().slice(0, 6)}@example.com`, to: SUPPORT, subject: 'Race to open', messageId: `<${messageId}>`, text: 'Hello' });
    const before = await counts();
    const outcomes = await Promise.all(Array.from({ length: 10 }, () => intake.accept(raw, smtp(STRANGER_IP, 'x@example.com'))));
    expect(outcomes.every((o) => o.outcome === 'taken')).toBe(true);
    expect((await counts()).tickets).toBe(before.tickets + 1);
    expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE message_id = $1`, [messageId])).toEqual([{ n: 1 }]);
  });

  it('mails taken side by side share transactions, and a duplicate among them holds back none of the others', async () => {
    const run = randomUUID().slice(0, 6);
    const mail = (i: number) => compose({ from: `side.${run}.${i}@example.com`, to: SUPPORT, subject: `Side by side ${i}`, messageId: `<side-${run}-${i}@example.com>`, text: `Mail ${i}` });
    const recorded = async (): Promise<Array<{ message_id: string; subject: string; xid: string; ticket_subject: string }>> =>
      db().query(
        `SELECT m.message_id, m.subject, m.xmin::text AS xid, t.subject AS ticket_subject FROM inbound_mails m JOIN tickets t ON t.id = m.ticket_id WHERE m.message_id LIKE $1`,
        [`side-${run}-%`],
      );
    const before = await counts();
    const first = await Promise.all(Array.from({ length: 12 }, (_, i) => mail(i)));
    expect((await Promise.all(first.map((raw) => intake.accept(raw, smtp(STRANGER_IP, 'x@example.com'))))).every((o) => o.outcome === 'taken')).toBe(true);
    const shared = await recorded();
    expect(shared).toHaveLength(12);
    expect(shared.every((r) => r.ticket_subject === r.subject)).toBe(true);
    // A row's xmin is the transaction that wrote it: fewer of them than mails means some were shared.
    expect(new Set(shared.map((r) => r.xid)).size).toBeLessThan(12);

    // Another worker records one of the next mails first, while this one holds it in a shared
    // transaction: the group's records wait on that worker's row, fail once it commits, and the
    // group's mails are taken again one by one: that one as recorded already, the others opened.
    const second = await Promise.all(Array.from({ length: 8 }, (_, i) => mail(12 + i)));
    const otherWorker = db().createQueryRunner();
    await otherWorker.connect();
    try {
      await otherWorker.startTransaction();
      await otherWorker.query(`INSERT INTO inbound_mails (dedup_key, mailbox, size_bytes, outcome, reason) VALUES ($1, 'imap:other', 1, 'ignored', 'taken by another worker')`, [`mid:side-${run}-19@example.com`]);
      const outcomes = Promise.all(second.map((raw) => intake.accept(raw, smtp(STRANGER_IP, 'x@example.com'))));
      await eventually(async () => (await db().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%INSERT INTO inbound_mails%'`))[0].n > 0, 15_000, 'the shared records waiting on the other worker');
      await otherWorker.commitTransaction();
      expect((await outcomes).every((o) => o.outcome === 'taken')).toBe(true);
    } finally {
      if (otherWorker.isTransactionActive) await otherWorker.rollbackTransaction();
      await otherWorker.release();
    }
    expect((await counts()).tickets).toBe(before.tickets + 19);
    const all = await recorded();
    expect(all).toHaveLength(19);
    expect(await db().query(`SELECT mailbox FROM inbound_mails WHERE dedup_key = $1`, [`mid:side-${run}-19@example.com`])).toEqual([{ mailbox: 'imap:other' }]);
    expect(all.every((r) => r.ticket_subject === r.subject)).toBe(true);
  });

  it('mails sharing a transaction write the same search words, documents and thread entries as mails taken alone', async () => {
    const run = randomUUID().slice(0, 6);
    const word = (name: string) => `${name}${run.replace(/[^a-z]/g, '')}`;
    const send = (options: { from: string; id: string; subject: string; text: string; inReplyTo?: string; file?: string }) =>
      compose({
        from: options.from, to: SUPPORT, subject: options.subject, messageId: `<${options.id}>`, text: options.text,
        ...(options.inReplyTo ? { inReplyTo: `<${options.inReplyTo}>`, references: [`<${options.inReplyTo}>`] } : {}),
        ...(options.file ? { attachments: [{ filename: options.file, content: SAMPLE_FILES.png }] } : {}),
      })
        // Signed, so the answers are their customers' own (an unverified one would stay out of the thread).
        .then(signed)
        .then((raw) => intake.accept(raw, smtp(STRANGER_IP, 'x@example.com')));
    const first = { a: `grp-a-${run}@example.com`, b: `grp-b-${run}@example.com` };
    await send({ from: `grp.a.${run}@example.com`, id: first.a, subject: 'Printer jams', text: 'It jams.' });
    await send({ from: `grp.b.${run}@example.com`, id: first.b, subject: 'Scanner dead', text: 'It is dead.' });
    const ticketOf = async (messageId: string) => (await db().query(`SELECT ticket_id FROM inbound_mails WHERE message_id = $1`, [messageId]))[0]?.ticket_id as string;
    const [a, b] = [await ticketOf(first.a), await ticketOf(first.b)];

    // At once: two answers on A, one on B, three new mails.
    const mails = [
      { from: `grp.a.${run}@example.com`, id: `grp-a1-${run}@example.com`, subject: 'Re: Printer jams', own: word('wombatone'), inReplyTo: first.a, ticket: a },
      { from: `grp.a.${run}@example.com`, id: `grp-a2-${run}@example.com`, subject: 'Re: Printer jams', own: word('wombattwo'), inReplyTo: first.a, ticket: a },
      // With a file: its row references the answer's message, which the group writes with the others (so first).
      { from: `grp.b.${run}@example.com`, id: `grp-b1-${run}@example.com`, subject: 'Re: Scanner dead', own: word('wombatthree'), inReplyTo: first.b, ticket: b, file: 'scanner.png' },
      ...['numbatfour', 'numbatfive', 'numbatsix'].map((name, i) => ({ from: `grp.n${i}.${run}@example.com`, id: `grp-n${i}-${run}@example.com`, subject: `About ${word(name)}`, own: word(name), ticket: null })),
    ].map((m) => ({ ...m, text: m.ticket ? `Still ${m.own}` : 'Hello' }));
    // Watched: a group that failed and was taken again mail by mail would say so, and the up-front
    // statements (customers, then the tickets answered) are what the groups' mails take.
    const fellBack = jest.spyOn((context.get(TicketWriter) as unknown as { logger: { warn: (message: string) => void } }).logger, 'warn');
    const customersAhead = jest.spyOn(context.get(TicketIntake), 'upsertCustomersAhead');
    const ticketsAhead = jest.spyOn(context.get(TicketStore), 'lockManyForChange');
    try {
      expect((await Promise.all(mails.map(send))).every((o) => o.outcome === 'taken')).toBe(true);
      expect(fellBack).not.toHaveBeenCalled();
      const aheadEmails = customersAhead.mock.calls.flatMap(([, contacts]) => contacts.map((c) => c.email));
      const newSenders = mails.filter((m) => !m.ticket).map((m) => m.from);
      expect(aheadEmails.filter((e) => newSenders.includes(e!)).length).toBeGreaterThan(0);
      expect(ticketsAhead.mock.calls.flatMap(([, ids]) => ids).some((id) => id === a || id === b)).toBe(true);
    } finally {
      fellBack.mockRestore();
      customersAhead.mockRestore();
      ticketsAhead.mockRestore();
    }

    const rows: Array<{ message_id: string; ticket_id: string; xid: string }> = await db().query(
      `SELECT message_id, ticket_id, xmin::text AS xid FROM inbound_mails WHERE message_id = ANY($1::text[])`,
      [mails.map((m) => m.id)],
    );
    expect(rows).toHaveLength(6);
    // Some of them shared a transaction (else this test would not test that).
    expect(new Set(rows.map((r) => r.xid)).size).toBeLessThan(6);
    for (const m of mails) {
      const row = rows.find((r) => r.message_id === m.id)!;
      if (m.ticket) expect(row.ticket_id).toBe(m.ticket);
      // The mail joined its ticket's thread: a later answer to it finds the ticket.
      expect(await db().query(`SELECT ticket_id FROM mail_thread_ids WHERE message_id = $1`, [m.id])).toEqual([{ ticket_id: row.ticket_id }]);
      // Its own word (an answer's text, a new mail's subject) is in its ticket's document and in the vocabulary.
      expect(await db().query(`SELECT ticket_id FROM ticket_search WHERE public_doc @@ $1::tsquery`, [m.own])).toEqual([{ ticket_id: row.ticket_id }]);
      expect(await db().query(`SELECT word FROM search_words WHERE word = $1`, [m.own])).toEqual([{ word: m.own }]);
    }
    const [answerB] = await db().query(`SELECT m.id, (SELECT array_agg(a.filename) FROM attachments a WHERE a.message_id = m.id) AS files FROM messages m WHERE m.ticket_id = $1 AND m.body = $2`, [b, `Still ${word('wombatthree')}`]);
    expect(answerB.files).toEqual(['scanner.png']);
    // The new mails' customers, found or created together, are their senders.
    const opened = rows.filter((r) => !mails.find((m) => m.id === r.message_id)!.ticket);
    const customers = await db().query(`SELECT t.id, c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = ANY($1::uuid[])`, [opened.map((r) => r.ticket_id)]);
    expect(customers.map((c: { email: string }) => c.email).sort()).toEqual(mails.filter((m) => !m.ticket).map((m) => m.from).sort());
    // Both answers on A are A's messages, and its document still holds what it was opened with.
    expect((await db().query(`SELECT body FROM messages WHERE ticket_id = $1 ORDER BY event_seq`, [a])).map((m: { body: string }) => m.body)).toEqual(
      expect.arrayContaining([`Still ${word('wombatone')}`, `Still ${word('wombattwo')}`]),
    );
    expect(await db().query(`SELECT ticket_id FROM ticket_search WHERE public_doc @@ 'printer'::tsquery AND ticket_id = $1`, [a])).toEqual([{ ticket_id: a }]);
  });

  it("a group's new mail from an address merged into another customer opens that customer's ticket", async () => {
    const run = randomUUID().slice(0, 8);
    const [kept, merged] = [`kept.${run}@example.com`, `merged.${run}@example.com`];
    const customerOf = async (ticketId: string) => (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id as string;
    const survivor = await customerOf((await f.customerTicket({}, { email: kept })).id);
    const duplicate = await customerOf((await f.customerTicket({}, { email: merged })).id);
    await api.http.post(`/api/customers/${survivor}/merge`).set(supervisor.auth).send({ duplicateId: duplicate }).expect(200);

    // The merged address's mail last: the first mail to reach its commit goes alone, the others together.
    const ids = [0, 1, 2, 3, 4].map((i) => `mrg-${i}-${run}@example.com`);
    const froms = [...[1, 2, 3, 4].map((i) => `other${i}.${run}@example.com`), merged];
    const raws = await Promise.all(ids.map((id, i) => compose({ from: froms[i], to: SUPPORT, subject: `Merged ${i}`, messageId: `<${id}>`, text: 'Hello' })));
    expect((await Promise.all(raws.map((raw) => intake.accept(raw, smtp(STRANGER_IP, 'x@example.com'))))).every((o) => o.outcome === 'taken')).toBe(true);
    const [row] = await db().query(`SELECT t.customer_id FROM inbound_mails m JOIN tickets t ON t.id = m.ticket_id WHERE m.message_id = $1`, [ids[4]]);
    expect(row.customer_id).toBe(survivor);
  });

  it("a ticket's mails answer with the one that opened it and the newest 500 others, oldest first", async () => {
    const run = randomUUID().slice(0, 8);
    await intake.accept(await compose({ from: `loop.${run}@example.com`, to: SUPPORT, subject: 'Loop', messageId: `<loop-${run}@example.com>`, text: 'Start' }), smtp(STRANGER_IP, 'x@example.com'));
    const [{ ticket_id: ticketId }] = await db().query(`SELECT ticket_id FROM inbound_mails WHERE message_id = $1`, [`loop-${run}@example.com`]);
    // 505 more recorded on it (a loop an admin let through), a second apart.
    await db().query(
      `INSERT INTO inbound_mails (dedup_key, mailbox, message_id, size_bytes, outcome, ticket_id, received_at)
       SELECT 'mid:loop-' || $2 || '-' || n, 'smtp', 'loop-' || $2 || '-' || n, 10, 'continued', $1, now() + n * interval '1 second' FROM generate_series(1, 505) n`,
      [ticketId, run],
    );
    const listed: Array<{ messageId: string }> = (await api.http.get(`/api/tickets/${ticketId}/mails`).set(supervisor.auth).expect(200)).body.items;
    expect(listed).toHaveLength(501);
    expect(listed.slice(0, 2).map((m) => m.messageId)).toEqual([`loop-${run}@example.com`, `loop-${run}-6`]);
    expect(listed.at(-1)!.messageId).toBe(`loop-${run}-505`);
  });

  it("an email's References keep the thread's first id and the newest, 20 in all, never an unverified one", async () => {
    const run = randomUUID().slice(0, 8);
    const customer = `long.${run}@example.com`;
    await intake.accept(await signed(await compose({ from: customer, to: SUPPORT, subject: 'Long thread', messageId: `<root-${run}@example.com>`, text: 'Start' })), smtp(CUSTOMER_IP, customer));
    const [{ ticket_id: ticketId }] = await db().query(`SELECT ticket_id FROM inbound_mails WHERE message_id = $1`, [`root-${run}@example.com`]);
    // 30 more ids on the thread, a second apart, and an unverified one among the newest.
    await db().query(
      `INSERT INTO mail_thread_ids (message_id, ticket_id, direction, created_at)
       SELECT 'm-' || $2 || '-' || n, $1, CASE WHEN n = 29 THEN 'unverified' ELSE 'outbound' END, clock_timestamp() + n * interval '1 second' FROM generate_series(1, 30) n`,
      [ticketId, run],
    );
    const place = await context.get(MailThreads).joinThread(randomUUID(), ticketId, `own-${run}@firsthand`);
    expect(place!.conversation).toHaveLength(20);
    expect(place!.conversation[0]).toBe(`root-${run}@example.com`);
    expect(place!.conversation.slice(1)).toEqual([...Array.from({ length: 20 }, (_, i) => `m-${run}-${i + 11}`)].filter((id) => id !== `m-${run}-29`));
  });

  it('refuses unreadable and oversized mail and mail to too many recipients: quarantined with the reason, nothing else written', async () => {
    const before = await counts();
    const tooMany = await compose({ from: 'spam@example.com', to: Array.from({ length: 500 }, (_, i) => `r${i}@example.com`), subject: 'Hi all', text: 'x' });
    const huge = await compose({ from: 'big@example.com', to: SUPPORT, subject: 'Huge', text: 'x'.repeat(3 * 1024 * 1024) });
    const unknownCharset = Buffer.from(`From: c@example.com\r\nTo: ${SUPPORT}\r\nSubject: ?\r\nMessage-ID: <cs-${randomUUID()}@example.com>\r\nContent-Type: text/plain; charset=x-klingon-9\r\n\r\n\xff\xfe\r\n`, 'latin1');
    const malformed = Buffer.from(`From: c@example.com\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n` + '--b\r\nContent-Type: multipart/mixed; boundary="b"\r\n\r\n'.repeat(40), 'latin1');
    const reasons = [];
    for (const raw of [tooMany, huge, unknownCharset, malformed]) {
      const outcome = await intake.accept(raw, smtp(STRANGER_IP, 'x@example.com'));
      expect(outcome.outcome).toBe('refused');
      reasons.push((outcome as { reason: string }).reason);
    }
    expect(reasons).toEqual(['too_many_recipients', 'too_large', 'unknown_charset', expect.stringMatching(/too_deep|malformed/)]);
    expect(await counts()).toEqual(before);
    const review = (await api.http.get('/api/inbound-mails?outcome=quarantined&limit=10').set(supervisor.auth).expect(200)).body.items;
    expect(review.slice(0, 4).map((m: { reason: string }) => m.reason.split(':')[0]).sort()).toEqual([...reasons].sort());
    // The oversized one's bytes are not kept; the others are, for an admin to look at.
    expect(review.slice(0, 4).map((m: { hasOriginal: boolean }) => m.hasOriginal).filter(Boolean)).toHaveLength(3);
    await api.http.get('/api/inbound-mails?outcome=quarantined').set(li.auth).expect(403);

    // Taken from a mailbox (no envelope sender), an unreadable mail is recorded with its header's From:
    // an erasure of that sender finds its kept original.
    const fromMailbox = Buffer.from(`From: "Kim" <Kim.Unread@Example.com>\r\nTo: ${SUPPORT}\r\nSubject: ?\r\nContent-Type: text/plain; charset=x-klingon-9\r\n\r\n\xff\xfd\r\n`, 'latin1');
    expect(await intake.accept(fromMailbox, { source: 'imap:support', recipients: [], mailFrom: null, remoteAddress: null, helo: null })).toMatchObject({ outcome: 'refused', reason: 'unknown_charset' });
    const [kept] = await db().query(`SELECT from_address, original_key FROM inbound_mails WHERE reason LIKE 'unknown_charset%' ORDER BY received_at DESC LIMIT 1`);
    expect(kept).toEqual({ from_address: 'kim.unread@example.com', original_key: expect.stringMatching(/^sha256\//) });
  });

  it('records a mail the IMAP poller refused unread for its size once, for an admin, and writes nothing else', async () => {
    const before = await counts();
    const messageId = `unread-${randomUUID()}@example.com`;
    const oversize = { mailboxKey: `imap:sales:7:${Date.now()}`, sizeBytes: 60_000_000, maxBytes: 2 * 1024 * 1024, messageId, fromAddress: 'Big@Example.com', subject: 'Forty photos' };
    const envelope: MailEnvelope = { source: 'imap:sales', recipients: [], mailFrom: null, remoteAddress: null, helo: null };
    await intake.refuseTooLarge(oversize, envelope);
    await intake.refuseTooLarge(oversize, envelope); // the other poller of the mailbox, or a retry after a crash
    expect(await counts()).toEqual(before);
    expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE message_id = $1`, [messageId])).toEqual([{ n: 1 }]);
    expect(await mailRow(messageId)).toMatchObject({ outcome: 'quarantined', mailbox: 'imap:sales', from_address: 'big@example.com', size_bytes: 60_000_000, original_key: null });
    const review = (await api.http.get('/api/inbound-mails?outcome=quarantined&limit=10').set(supervisor.auth).expect(200)).body.items;
    const listed = review.find((m: { messageId: string }) => m.messageId === messageId);
    expect(listed).toMatchObject({ hasOriginal: false, subject: 'Forty photos', reason: expect.stringMatching(/^too_large: The mail has 60000000 bytes, more than the 2097152 allowed\. Not downloaded/) });
  });

  it('a mail whose subject, text and sender name hold a NUL or half an emoji, and whose file name is cut in an emoji, opens its ticket on the first attempt', async () => {
    const messageId = `nul-${randomUUID()}@example.org`;
    const sender = `nul.${randomUUID().slice(0, 6)}@example.org`;
    const b64 = (bytes: Buffer) => bytes.toString('base64');
    // UTF-16 can carry half a surrogate pair, which no UTF-8 (and no PostgreSQL text) can hold.
    const loneHalf = Buffer.from([0x41, 0x00, 0x6e, 0x00, 0x6e, 0x00, 0x20, 0x00, 0x3d, 0xd8]);
    const longName = `${'x'.repeat(199)}\u{1F600}.png`;
    const raw = Buffer.from(
      [
        `From: =?utf-16le?B?${b64(loneHalf)}?= <${sender}>`,
        `To: ${SUPPORT}`,
        `Subject: =?utf-8?B?${b64(Buffer.from('Order\u0000 late'))}?=`,
        `Message-ID: <${messageId}>`,
        'MIME-Version: 1.0',
        'Content-Type: multipart/mixed; boundary="b1"',
        '',
        '--b1',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: base64',
        '',
        b64(Buffer.from('My parcel\u0000 never came \u{1F600}')),
        '--b1',
        'Content-Type: image/png',
        `Content-Disposition: attachment; filename*=utf-8''${encodeURIComponent(longName)}`,
        'Content-Transfer-Encoding: base64',
        '',
        b64(SAMPLE_FILES.png),
        '--b1--',
        '',
      ].join('\r\n'),
    );
    expect(await intake.accept(raw, smtp(STRANGER_IP, sender))).toEqual({ outcome: 'taken' });
    const row = await mailRow(messageId);
    expect(row).toMatchObject({ outcome: 'opened', subject: 'Order late' });
    const [ticket] = await db().query(`SELECT t.subject, t.description, c.name FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [row.ticket_id]);
    expect(ticket).toEqual({ subject: 'Order late', description: 'My parcel never came \u{1F600}', name: 'Ann \ufffd' });
    const files = await db().query(`SELECT filename FROM attachments WHERE ticket_id = $1`, [row.ticket_id]);
    expect(files).toEqual([{ filename: 'x'.repeat(199) }]);
  });

  it('keeps the mail but refuses a file with a lying extension and an executable, recording why', async () => {
    const messageId = `files-${randomUUID()}@example.com`;
    const raw = await compose({
      from: `files.${randomUUID().slice(0, 6)}@example.com`,
      to: SUPPORT,
      subject: 'Invoice attached',
      messageId: `<${messageId}>`,
      text: 'See the files.',
      attachments: [
        { filename: 'invoice.pdf', content: SAMPLE_FILES.exe },
        { filename: 'setup.exe', content: SAMPLE_FILES.exe },
        { filename: 'photo.png', content: SAMPLE_FILES.png },
        { filename: 'archive.zip', content: SAMPLE_FILES.zip },
      ],
    });
    await intake.accept(raw, smtp(STRANGER_IP, 'x@example.com'));
    const row = await mailRow(messageId);
    expect(row.outcome).toBe('opened');
    expect(row.reason).toMatch(/invoice\.pdf/);
    expect(row.reason).toMatch(/setup\.exe/);
    const files = await db().query(`SELECT filename FROM attachments WHERE ticket_id = $1 ORDER BY filename`, [row.ticket_id]);
    expect(files).toEqual([{ filename: 'archive.zip' }, { filename: 'photo.png' }]);
    // The refused files are data on the mail's record (what the timeline reads), besides the admins' words.
    const refused = [
      { filename: 'invoice.pdf', reason: expect.stringMatching(/\S/) },
      { filename: 'setup.exe', reason: expect.stringMatching(/^\.exe: /) },
    ];
    expect(row.refused_files).toEqual(refused);
    const listed = (await api.http.get(`/api/tickets/${row.ticket_id}/mails`).set(supervisor.auth).expect(200)).body.items;
    expect(listed).toEqual([expect.objectContaining({ outcome: 'opened', refusedFiles: refused })]);
    expect(listed[0].refusedFiles.map((f: { reason: string }) => f.reason)).toEqual(row.refused_files.map((f: { reason: string }) => f.reason));

    // A reply on the ticket with one refused file lists it on its own record; a mail with none lists none.
    const ticket = (await db().query(`SELECT code FROM tickets WHERE id = $1`, [row.ticket_id]))[0];
    const replyId = `files-reply-${randomUUID()}@example.com`;
    await intake.accept(
      await compose({ from: row.from_address, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: 'Re: Invoice', messageId: `<${replyId}>`, text: 'One more.', attachments: [{ filename: 'page.svg', content: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') }] }),
      smtp(STRANGER_IP, row.from_address),
    );
    const reply = await mailRow(replyId);
    expect(reply).toMatchObject({ outcome: 'continued', refused_files: [{ filename: 'page.svg', reason: expect.stringMatching(/^\.svg: /) }] });
    expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE refused_files <> '[]'::jsonb AND NOT id = ANY($1::uuid[])`, [[row.id, reply.id]])).toEqual([{ n: 0 }]);
  });

  it('takes a mail with more files than a mail may bring: the first are fitted as any, the ones past MAIL_MAX_FILES named as not attached', async () => {
    const messageId = `many-files-${randomUUID()}@example.com`;
    const { maxFiles } = context.get<FirsthandConfig>(FIRSTHAND_CONFIG).mail;
    const { maxFilesPerMessage } = context.get<FirsthandConfig>(FIRSTHAND_CONFIG).attachments;
    const photos = Array.from({ length: maxFiles + 3 }, (_, i) => ({ filename: `dent-${String(i + 1).padStart(2, '0')}.png`, content: SAMPLE_FILES.png }));
    const outcome = await intake.accept(
      await compose({ from: `photos.${randomUUID().slice(0, 6)}@example.com`, to: SUPPORT, subject: 'Box arrived dented', messageId: `<${messageId}>`, text: 'Photos of every side.', attachments: photos }),
      smtp(STRANGER_IP, 'x@example.com'),
    );
    expect(outcome).toEqual({ outcome: 'taken' });
    const row = await mailRow(messageId);
    expect(row.outcome).toBe('opened');
    const kept = await db().query(`SELECT filename FROM attachments WHERE ticket_id = $1 ORDER BY filename`, [row.ticket_id]);
    expect(kept.map((f: { filename: string }) => f.filename)).toEqual(photos.slice(0, maxFilesPerMessage).map((p) => p.filename));
    const pastMail = photos.slice(maxFiles).map((p) => ({ filename: p.filename, reason: `more than ${maxFiles} files in one mail` }));
    expect(row.refused_files).toHaveLength(maxFiles + 3 - maxFilesPerMessage);
    expect(row.refused_files.slice(-3)).toEqual(pastMail);
    expect(row.reason).toContain(`dent-${maxFiles + 3}.png (more than ${maxFiles} files in one mail)`);
    // The opening event tells the customer's acknowledgement and the timeline which files are missing, and why.
    const [{ payload }] = await db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'created'`, [row.ticket_id]);
    expect(payload.filesNotAttached.slice(-3)).toEqual(pastMail.map(({ filename }) => ({ filename, why: 'count' })));
    const [{ description }] = await db().query(`SELECT description FROM tickets WHERE id = $1`, [row.ticket_id]);
    expect(description).toBe('Photos of every side.');

    // A mail of many more: the first fifty left out are named, the rest counted, for the customer and the owner alike.
    const manyId = `many-more-${randomUUID()}@example.com`;
    const files = Array.from({ length: maxFiles + 55 }, (_, i) => ({ filename: `log-${i + 1}.txt`, content: `line ${i}` }));
    await intake.accept(await compose({ from: `logs.${randomUUID().slice(0, 6)}@example.com`, to: SUPPORT, subject: 'All the logs', messageId: `<${manyId}>`, text: 'Every log file.', attachments: files }), smtp(STRANGER_IP, 'x@example.com'));
    const many = await mailRow(manyId);
    const [{ payload: manyPayload }] = await db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'created'`, [many.ticket_id]);
    const read = new Set(files.slice(0, maxFiles).map((f) => f.filename));
    const pastLimit = manyPayload.filesNotAttached.filter((f: { filename: string }) => !read.has(f.filename));
    expect(pastLimit).toHaveLength(51);
    expect(pastLimit.at(-1)).toEqual({ filename: '', why: 'count', unnamed: 5 });
    expect(many.reason).toMatch(/^files refused: 5 more files past the mail's limit, unnamed; /);
  });

  it('an attached mail (message/rfc822) is kept as a file, or said refused, and one forwarded inline is the ticket\'s text: never lost in silence', async () => {
    const messageId = `eml-${randomUUID()}@example.com`;
    const inner = 'From: vendor@supplier.example\r\nTo: ana@example.com\r\nSubject: Your order\r\nMessage-ID: <inner-eml@supplier.example>\r\n\r\nShipped today.\r\n';
    await intake.accept(
      await compose({ from: `eml.${randomUUID().slice(0, 6)}@example.com`, to: SUPPORT, subject: 'See the vendor mail', messageId: `<${messageId}>`, text: 'The vendor says it shipped.', attachments: [{ filename: 'vendor.eml', content: inner, contentType: 'message/rfc822', contentDisposition: 'attachment' }] }),
      smtp(STRANGER_IP, 'x@example.com'),
    );
    const row = await mailRow(messageId);
    const files = await db().query(`SELECT filename FROM attachments WHERE ticket_id = $1`, [row.ticket_id]);
    // Kept as a file (a mail is served for download as message/rfc822), not refused.
    expect(files.map((f: { filename: string }) => f.filename)).toEqual(['vendor.eml']);
    expect(row.refused_files).toEqual([]);

    // Forwarded inline (nodemailer's and some clients' way), its words are what the customer shows us: they are the ticket's text.
    const inlineId = `eml-inline-${randomUUID()}@example.com`;
    await intake.accept(
      await compose({ from: `eml.${randomUUID().slice(0, 6)}@example.com`, to: SUPPORT, subject: 'Vendor mail inline', messageId: `<${inlineId}>`, text: 'The vendor says it shipped.', attachments: [{ filename: 'vendor.eml', content: inner, contentType: 'message/rfc822' }] }),
      smtp(STRANGER_IP, 'x@example.com'),
    );
    const inline = await mailRow(inlineId);
    const [{ description }] = await db().query(`SELECT description FROM tickets WHERE id = $1`, [inline.ticket_id]);
    expect(description).toContain('The vendor says it shipped.');
    expect(description).toContain('Shipped today.');
  });

  it("a reply's file that no longer fits once the ticket is locked (another message filled it meanwhile) is refused: not in the event, listed on the mail's record", async () => {
    const from = `full.${randomUUID().slice(0, 6)}@example.com`;
    const openerId = `full-${randomUUID()}@example.com`;
    await intake.accept(await compose({ from, to: SUPPORT, subject: 'Photos of the damage', messageId: `<${openerId}>`, text: 'The first one.' }), smtp(STRANGER_IP, from));
    const opener = await mailRow(openerId);
    // Between the reply's preparing of its files and its lock, another message takes the ticket's whole budget.
    const store = context.get(AttachmentStore);
    const prepareFiles = store.prepareFiles.bind(store);
    store.prepareFiles = async (...args: Parameters<AttachmentStore['prepareFiles']>) => {
      const prepared = await prepareFiles(...args);
      await db().query(
        `INSERT INTO attachments (id, ticket_id, event_seq, visibility, filename, content_type, size_bytes, sha256, storage_key, added_by_type, created_at, bound_at)
         VALUES ($1, $2, 1, 'public', 'video.mp4', 'video/mp4', $3, repeat('0', 64), $4, 'customer', now(), now())`,
        [randomUUID(), opener.ticket_id, store.limits.maxTicketBytes, `test-${randomUUID()}`],
      );
      return prepared;
    };
    const replyId = `full-reply-${randomUUID()}@example.com`;
    try {
      await intake.accept(
        await compose({ from, to: SUPPORT, subject: 'Re: Photos of the damage', inReplyTo: `<${openerId}>`, messageId: `<${replyId}>`, text: 'And a photo.', attachments: [{ filename: 'photo.png', content: SAMPLE_FILES.png }] }),
        smtp(STRANGER_IP, from),
      );
    } finally {
      store.prepareFiles = prepareFiles;
    }
    const reply = await mailRow(replyId);
    expect(reply).toMatchObject({ outcome: 'continued', ticket_id: opener.ticket_id, refused_files: [{ filename: 'photo.png', reason: expect.stringMatching(/ticket/) }] });
    const [event] = await db().query(`SELECT payload FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_replied'`, [opener.ticket_id]);
    expect(event.payload.attachments ?? []).toEqual([]);
    expect(await db().query(`SELECT filename FROM attachments WHERE ticket_id = $1 ORDER BY filename`, [opener.ticket_id])).toEqual([{ filename: 'video.mp4' }]);
  });

  it('a bounce of one of our emails marks that notification failed and opens nothing; a report naming another recipient changes nothing', async () => {
    const ticket = await f.customerTicket({}, { email: `gone.${randomUUID().slice(0, 6)}@example.com` });
    const notificationId = randomUUID();
    await db().query(
      `INSERT INTO notifications (id, dedupe_key, ticket_id, kind, recipient_type, recipient_name, channel, address, locale, text_body, status, max_attempts, provider_message_id, sent_at)
       VALUES ($1, $2, $3, 'received', 'customer', 'Gone', 'email', 'gone@example.com', 'en', 'We received your issue', 'sent', 3, $4, now())`,
      [notificationId, `bounce-test-${notificationId}`, ticket.id, `<${notificationId}@firsthand>`],
    );
    // The address was also someone the customer copied (a copy of an answer bounced the same way).
    await db().query(`INSERT INTO ticket_copied_people (ticket_id, address) VALUES ($1, 'gone@example.com')`, [ticket.id]);
    const copied = async () => (await db().query(`SELECT address FROM ticket_copied_people WHERE ticket_id = $1`, [ticket.id])).map((r: { address: string }) => r.address);
    const before = await counts();
    const bounceFor = (recipient: string) => Buffer.from(
      [
        'From: Mail Delivery System <MAILER-DAEMON@mx.example.com>',
        `To: ${SUPPORT}`,
        'Subject: Undelivered Mail Returned to Sender',
        `Message-ID: <bounce-${randomUUID()}@mx.example.com>`,
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r"',
        '',
        '--r',
        'Content-Type: text/plain',
        '',
        'Your message could not be delivered.',
        '--r',
        'Content-Type: message/delivery-status',
        '',
        'Reporting-MTA: dns; mx.example.com',
        '',
        `Final-Recipient: rfc822; ${recipient}`,
        'Action: failed',
        'Status: 5.1.1',
        '--r',
        'Content-Type: text/rfc822-headers',
        '',
        `Message-ID: <${notificationId}@firsthand>`,
        'Subject: We received your issue',
        '--r--',
        '',
      ].join('\r\n'),
    );
    // Some other delivery's report (a forward, a forgery) quoting our Message-ID: the email we sent stands.
    expect(await intake.accept(bounceFor('nobody@customer.example'), { ...smtp(STRANGER_IP, ''), mailFrom: '' })).toEqual({ outcome: 'taken' });
    expect((await db().query(`SELECT status, last_error FROM notifications WHERE id = $1`, [notificationId]))[0]).toEqual({ status: 'sent', last_error: null });
    expect(await copied()).toEqual(['gone@example.com']);
    const bounce = bounceFor('Gone@Example.com');
    expect(await intake.accept(bounce, { ...smtp(STRANGER_IP, ''), mailFrom: '' })).toEqual({ outcome: 'taken' });
    expect((await db().query(`SELECT status, last_error FROM notifications WHERE id = $1`, [notificationId]))[0]).toEqual({ status: 'failed', last_error: expect.stringMatching(/bounced: 5\.1\.1/) });
    expect(await counts()).toEqual(before);
    // A permanent failure: the address is copied no more.
    expect(await copied()).toEqual([]);
    // The report's record names the notification it failed (it said only "bounce" while the store lost the row it marked).
    const [report] = await db().query(`SELECT reason FROM inbound_mails WHERE reason LIKE $1`, [`bounce of notification ${notificationId}`]);
    expect(report).toEqual({ reason: `bounce of notification ${notificationId}` });
  });

  it('a mail sent over SMTP with a null sender (MAIL FROM:<>) is machine-made: recorded, no ticket, no answer', async () => {
    const messageId = `null-sender-${randomUUID()}@shop.example`;
    const before = await counts();
    const raw = await compose({ from: `robot.${randomUUID().slice(0, 6)}@shop.example`, to: SUPPORT, subject: 'Your order has shipped', messageId: `<${messageId}>`, text: 'Tracking number 123.' });
    expect(await intake.accept(raw, smtp(STRANGER_IP, ''))).toEqual({ outcome: 'taken' });
    expect(await mailRow(messageId)).toMatchObject({ outcome: 'ignored', ticket_id: null, reason: expect.stringContaining('MAIL FROM:<>') });
    expect(await counts()).toEqual(before);
  });

  it("an agent's mail (answering one of their notices) opens no ticket with the agent as its customer: recorded as ignored", async () => {
    const messageId = `agent-reply-${randomUUID()}@firsthand.test`;
    const before = await counts();
    const raw = await compose({ from: `Li Wei <${li.email.toUpperCase()}>`, to: SUPPORT, subject: 'Re: [FH-ZZZZZ] Please take over', messageId: `<${messageId}>`, text: 'OK, I take it. Internal: the customer had a refund dispute before.' });
    expect(await intake.accept(raw, smtp(STRANGER_IP, li.email))).toEqual({ outcome: 'taken' });
    expect(await mailRow(messageId)).toMatchObject({ outcome: 'ignored', ticket_id: null, reason: expect.stringContaining("agent's address") });
    expect(await counts()).toEqual(before);
    expect((await db().query(`SELECT count(*)::int AS n FROM customers WHERE lower(email) = lower($1)`, [li.email]))[0].n).toBe(0);
  });

  it('quarantines a flood from one sender past the hourly limit', async () => {
    const sender = `flood.${randomUUID().slice(0, 6)}@example.com`;
    for (let i = 0; i < 4; i++) {
      await intake.accept(await compose({ from: sender, to: SUPPORT, subject: `Flood ${i}`, messageId: `<flood-${i}-${sender}>`, text: `n${i}` }), smtp(STRANGER_IP, sender));
    }
    const rows = await db().query(`SELECT subject, outcome, reason, reason_kind FROM inbound_mails WHERE from_address = $1 ORDER BY subject`, [sender]);
    expect(rows.map((r: { outcome: string }) => r.outcome)).toEqual(['opened', 'opened', 'opened', 'quarantined']);
    expect(rows[3].reason).toMatch(/more than 3 mails/);
    // Why, as a kind of its own (pages word it), beside the words; none for the mails on tickets.
    expect(rows.map((r: { reason_kind: string | null }) => r.reason_kind)).toEqual([null, null, null, 'sender_rate']);
  });

  it("the reason-kinds migration gives mails recorded before it the kind their reason reads as; the API answers the recorded kind, however the reason is worded", async () => {
    const ticket = await f.customerTicket();
    for (let undone = 0; ; undone++) {
      const [last] = await db().query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
      expect(undone).toBeLessThan(50);
      await db().undoLastMigration({ transaction: 'each' });
      if (last.name === 'InboundMailReasonKinds1763805100000') break;
    }
    // Every reason the intake records (as it words them today), and some it no longer does.
    const recorded: Array<{ kind: string | null; text: string | null; outcome?: string }> = [
      senderRateReason(30),
      { ...senderRateReason(3), text: `${senderRateReason(3).text}; original not kept (6 or more mails from this sender in an hour), so it cannot be taken in; original deleted after 14 days` },
      quotedOnlyReason('FH-7K3QX'),
      noiseReason('auto_submitted', 'Auto-Submitted: auto-replied'),
      noiseReason('auto_submitted', 'MAIL FROM:<> (a null sender: machine-made mail)'),
      noiseReason('precedence', 'Precedence: bulk'),
      noiseReason('auto_response_suppress', 'X-Auto-Response-Suppress: OOF'),
      noiseReason('list', 'List-Id'),
      noiseReason('bounce', 'sent by mailer-daemon@example.com'),
      bounceReason(randomUUID()),
      bounceReason(null),
      ...(['bounce', 'no_sender', 'own_address', 'agent_address'] as const).map(neverATicketReason),
      ...['too_large', 'too_many_recipients', 'too_many_parts', 'too_deep', 'malformed', 'unknown_charset', 'something_new'].map((r) => unreadableReason(r, 'details.')),
      { kind: 'other', text: 'flood: more than 3 mails from x@example.com in an hour' },
      // Erased: the words are gone.
      { kind: 'other', text: null },
      { kind: null, text: 'files refused: tool.exe (programs)', outcome: 'opened' },
    ];
    const ids: string[] = [];
    for (const { text, outcome } of recorded) {
      const row = [`old-${randomUUID()}`, outcome ?? 'quarantined', text, outcome ? ticket.id : null];
      ids.push((await db().query(`INSERT INTO inbound_mails (dedup_key, mailbox, size_bytes, outcome, reason, ticket_id) VALUES ($1, 'smtp', 10, $2, $3, $4) RETURNING id`, row))[0].id);
    }
    await db().runMigrations({ transaction: 'each' });
    const kinds = await db().query(`SELECT id, reason_kind FROM inbound_mails WHERE id = ANY($1::uuid[])`, [ids]);
    const kindOf = new Map(kinds.map((r: { id: string; reason_kind: string | null }) => [r.id, r.reason_kind]));
    expect(ids.map((id) => kindOf.get(id))).toEqual(recorded.map((r) => r.kind));

    // Reworded since: the panel still says why from the kind recorded with it.
    await db().query(`UPDATE inbound_mails SET reason = 'Sent too often this hour' WHERE id = $1`, [ids[0]]);
    const listed = (await api.http.get('/api/inbound-mails?limit=100').set(supervisor.auth).expect(200)).body.items as Array<{ id: string; reasonKind: string | null }>;
    expect(listed.find((m) => m.id === ids[0])?.reasonKind).toBe('sender_rate');
    expect(listed.find((m) => m.id === ids.at(-2))?.reasonKind).toBe('other');
  });

  it('the refused-files migration lists the files of mails recorded before it from their note, and nothing for other reasons', async () => {
    const ticket = await f.customerTicket();
    // Back to the schema before it (any later migrations undone first, and run again after).
    for (let undone = 0; ; undone++) {
      const [last] = await db().query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`);
      expect(undone).toBeLessThan(50);
      await db().undoLastMigration({ transaction: 'each' });
      if (last.name === 'InboundMailRefusedFiles1763803600000') break;
    }
    const note = 'files refused: tool.exe (.exe: executables and scripts are not accepted); scan (2).pdf (the content is not a PDF); cut-sho';
    const recorded = async (outcome: string, reason: string, ticketId: string | null) =>
      (await db().query(`INSERT INTO inbound_mails (dedup_key, mailbox, size_bytes, outcome, reason, ticket_id) VALUES ($1, 'smtp', 10, $2, $3, $4) RETURNING id`, [`old-${randomUUID()}`, outcome, reason, ticketId]))[0].id as string;
    const withFiles = await recorded('opened', note, ticket.id);
    const flooded = await recorded('quarantined', 'flood: more than 3 mails from x@example.com in an hour', null);
    await db().runMigrations({ transaction: 'each' });
    const listed = async (id: string) => (await db().query(`SELECT reason, refused_files FROM inbound_mails WHERE id = $1`, [id]))[0];
    expect(await listed(withFiles)).toEqual({
      reason: note,
      refused_files: [
        { filename: 'tool.exe', reason: '.exe: executables and scripts are not accepted' },
        { filename: 'scan (2).pdf', reason: 'the content is not a PDF' },
        { filename: 'cut-sho', reason: '' },
      ],
    });
    expect((await listed(flooded)).refused_files).toEqual([]);
  });

  it("a brand's address routed by its team's id opens its tickets in that team, renamed or not; a route naming no team says so at start, and what to do", async () => {
    const customer = `lena.${randomUUID().slice(0, 6)}@example.com`;
    const messageId = `brand-${randomUUID()}@example.com`;
    const raw = await signed(await compose({ from: customer, to: BRAND, subject: 'Where is my order?', messageId: `<${messageId}>`, text: 'Ordered on Monday.' }));
    expect(await intake.accept(raw, { ...smtp(CUSTOMER_IP, customer), recipients: [BRAND] })).toEqual({ outcome: 'taken' });
    const mail = await mailRow(messageId);
    expect(mail).toMatchObject({ outcome: 'opened', mailbox: `smtp:${BRAND}` });
    expect((await db().query(`SELECT team_id FROM tickets WHERE id = $1`, [mail.ticket_id]))[0].team_id).toBe(BRAND_TEAM);
    expect(warnings).toEqual([
      'MAIL_ADDRESSES entry help@brand-gone.example names the team "Brand Gone" by name ("team"), and there is no such team: its new tickets go to the default team. ' +
        'To send them to the right team, put the team\'s id there ("teamId", on the Teams page; it stays when the team is renamed) or its current name, then restart the workers and the API, which read it at start.',
    ]);
  });
});
