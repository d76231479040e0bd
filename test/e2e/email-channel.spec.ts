import { randomUUID } from 'node:crypto';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { CustomerMailer, TINY_PNG } from '../support/mail-sender.js';
import { eventually } from '../support/notification-sinks.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';

const SUPPORT = 'support@help.example.test';
/** A brand's address that reaches the listener (MAIL_ADDRESSES): its tickets go to its team and are answered from it. */
const BRAND = 'help@brand-c.example';

/**
 * The email channel end to end: real SMTP into the worker's listener, tickets and messages over the
 * real API, and the answers back out through a real SMTP server, threaded.
 */
describe('email channel: a customer writes, the owner answers, the customer answers back', () => {
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let li: TestAgent;
  let mailer: CustomerMailer;

  const db = () => stack.api.database.db;
  const mailsOf = async (ticketId: string) =>
    (await db().query(`SELECT outcome, verified, message_ref, original_key FROM inbound_mails WHERE ticket_id = $1 ORDER BY received_at`, [ticketId])) as Array<{
      outcome: string; verified: boolean | null; message_ref: string | null; original_key: string | null;
    }>;
  const ticketBySubject = async (subject: string) =>
    ((await db().query(`SELECT id, code, owner_id, status, channel, customer_id FROM tickets WHERE subject = $1`, [subject])) as Array<{
      id: string; code: string; owner_id: string | null; status: string; channel: string; customer_id: string;
    }>);
  const events = async (ticketId: string) => (await stack.api.http.get(`/api/tickets/${ticketId}/events`).set(li.auth).expect(200)).body.items as Array<{ id: string; type: string; payload: Record<string, unknown>; actor: { type: string } }>;

  let brandTeam: string;
  let frontDesk: string;

  beforeAll(async () => {
    stack = await startWorkerStack({
      workers: 0,
      env: { INBOUND_SMTP_PORT: '0', MAIL_SUPPORT_ADDRESS: SUPPORT, MAIL_PER_SENDER_PER_HOUR: '40', MAIL_MAX_OUTBOUND_FILE_BYTES: '6000', MAIL_ADDRESSES: JSON.stringify([{ address: BRAND, fromName: 'Brand C', team: 'Brand C' }]) },
    });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    frontDesk = team;
    brandTeam = await f.team('Brand C');
    li = await f.agent('agent', team, 'Li Wei');
    // Started once the teams exist: the worker looks up the brand's team as it starts.
    const worker = await stack.startWorker();
    const port = Number(/FIRSTHAND_INBOUND_SMTP_LISTENING port=(\d+)/.exec(worker.output())?.[1]);
    expect(port).toBeGreaterThan(0);
    mailer = new CustomerMailer(port);
    const admin = await f.agent('admin', null, 'Root');
    await stack.api.http.post('/api/webhook-endpoints').set(admin.auth).send({ url: stack.sink.url('/hooks'), description: 'CRM' }).expect(201);
  });
  afterAll(async () => {
    if (process.env.DEBUG_WORKERS) for (const w of stack?.workers ?? []) console.log(w.output());
    mailer?.close();
    await stack?.close();
  });

  it('a new customer mail with a screenshot opens an email ticket; the answer threads; the reply lands on the same ticket with the owner unchanged', async () => {
    const customer = `zhang.${randomUUID().slice(0, 8)}@example.com`;
    const subject = `Printer jams ${randomUUID().slice(0, 6)}`;
    const firstId = await mailer.send({
      from: `Zhang Wei <${customer}>`,
      to: SUPPORT,
      subject,
      text: 'The printer jams on every page.',
      attachments: [{ filename: 'jam.png', content: TINY_PNG }],
    });

    const [ticket] = await eventually(async () => (await ticketBySubject(subject)).length === 1 && ticketBySubject(subject), 15_000, 'the email ticket');
    expect(ticket.channel).toBe('email');
    const view = (await stack.api.http.get(`/api/tickets/${ticket.id}`).set(li.auth).expect(200)).body;
    expect(view.customer.email).toBe(customer);
    expect(view.customer.name).toBe('Zhang Wei');
    const [opened] = await mailsOf(ticket.id);
    expect(opened).toMatchObject({ outcome: 'opened' });
    expect(opened.original_key).not.toBeNull();
    const files = await db().query(`SELECT filename, content_type FROM attachments WHERE ticket_id = $1`, [ticket.id]);
    expect(files).toEqual([{ filename: 'jam.png', content_type: 'image/png' }]);

    // The acknowledgement joins the customer's thread and names the ticket's own address.
    const ack = await eventually(() => stack.smtp.to(customer).find((m) => m.subject.includes(ticket.code)), 15_000, 'the acknowledgement');
    expect(ack.replyTo).toBe(`support+${ticket.code.toLowerCase()}@help.example.test`);
    // Addressed to the customer by name, as their own mail was signed.
    expect(/^To: (.*)$/im.exec(ack.raw.toString('latin1').split(/\r?\n\r?\n/)[0])?.[1]).toBe(`Zhang Wei <${customer}>`);
    expect(ack.inReplyTo).toBe(`<${firstId}>`);
    expect(ack.references).toContain(`<${firstId}>`);
    // The customer's own screenshot is not mailed back to them.
    expect(ack.attachments).toEqual([]);

    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const guide = (await stack.api.http.post('/api/uploads').set(li.auth).attach('file', Buffer.from('1. Open the tray\n2. Clean the roller\n'), 'roller-guide.txt').expect(201)).body;
    const secret = (await stack.api.http.post('/api/uploads').set(li.auth).attach('file', TINY_PNG, 'internal-only.png').expect(201)).body;
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Checking the warranty.', visibility: 'internal', attachments: [{ id: secret.id, uploadToken: secret.uploadToken }] }).expect(201);
    await stack.api.http
      .post(`/api/tickets/${ticket.id}/messages`)
      .set(li.auth)
      .send({ body: 'Please clean the roller and try again.', visibility: 'public', attachments: [{ id: guide.id, uploadToken: guide.uploadToken }] })
      .expect(201);
    const answer = await eventually(() => stack.smtp.to(customer).find((m) => m.text.includes('clean the roller')), 15_000, 'the answer');
    expect(answer.references).toContain(`<${firstId}>`);
    // The reply's file travels with it; the internal note's never reaches the customer.
    expect(answer.attachments.map((a) => a.filename)).toEqual(['roller-guide.txt']);
    expect(stack.smtp.to(customer).flatMap((m) => m.attachments.map((a) => a.filename))).not.toContain('internal-only.png');

    // The customer answers from their mail client: In-Reply-To our answer, to its Reply-To.
    await mailer.send({
      from: customer,
      to: answer.replyTo,
      subject: `Re: ${answer.subject}`,
      inReplyTo: answer.messageId,
      references: [...answer.references, answer.messageId],
      text: 'Cleaned it, still jams.\n\nOn Tue, Li Wei wrote:\n> Please clean the roller and try again.',
    });
    const replied = await eventually(async () => (await events(ticket.id)).find((e) => e.type === 'customer_replied'), 15_000, 'the reply on the ticket');
    expect(replied.payload).toMatchObject({ body: 'Cleaned it, still jams.', channel: 'email', from: customer });
    expect((await ticketBySubject(subject))[0].owner_id).toBe(li.id);
    expect(await ticketBySubject(`Re: ${answer.subject}`)).toEqual([]);
  });

  it('a ticket opened on the web form with a file is acknowledged without it; an agent\'s public reply carries the agent\'s file', async () => {
    const customer = `form.${randomUUID().slice(0, 8)}@example.com`;
    const photo = (await stack.api.http.post('/api/uploads').attach('file', TINY_PNG, 'broken-screen.png').expect(201)).body;
    const ticket = await f.customerTicket({ attachments: [{ id: photo.id, uploadToken: photo.uploadToken }] }, { email: customer });
    expect(await db().query(`SELECT filename FROM attachments WHERE ticket_id = $1`, [ticket.id])).toEqual([{ filename: 'broken-screen.png' }]);
    const ack = await eventually(() => stack.smtp.to(customer).find((m) => m.subject.includes(ticket.code)), 15_000, 'the acknowledgement');
    expect(ack.attachments).toEqual([]);

    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const steps = (await stack.api.http.post('/api/uploads').set(li.auth).attach('file', Buffer.from('Hold the power button for ten seconds.\n'), 'reset-steps.txt').expect(201)).body;
    // 4,500 bytes, about 6,200 in base64: over MAIL_MAX_OUTBOUND_FILE_BYTES (6,000) as sent, though not as stored.
    const manual = (await stack.api.http.post('/api/uploads').set(li.auth).attach('file', Buffer.alloc(4500, 'manual page\n'), 'manual.txt').expect(201)).body;
    await stack.api.http
      .post(`/api/tickets/${ticket.id}/messages`)
      .set(li.auth)
      .send({ body: 'Please try a reset.', visibility: 'public', attachments: [{ id: manual.id, uploadToken: manual.uploadToken }, { id: steps.id, uploadToken: steps.uploadToken }] })
      .expect(201);
    const answer = await eventually(() => stack.smtp.to(customer).find((m) => m.text.includes('try a reset')), 15_000, 'the answer');
    // The acknowledgement is an automatic reply (no vacation responder answers it); the agent's answer is a person's.
    const header = (mail: { raw: Buffer }) => /^Auto-Submitted: *(.*)$/im.exec(mail.raw.toString('latin1').split(/\r?\n\r?\n/)[0])?.[1]?.trim() ?? null;
    expect(header(ack)).toBe('auto-replied');
    expect(header(answer)).toBeNull();
    // What fits goes along; the manual stays a link away on the tracking page, and the email says so.
    expect(answer.attachments.map((a) => a.filename)).toEqual(['reset-steps.txt']);
    expect(answer.text).toContain('Too large to attach to this email, on your tracking page: manual.txt.');
    expect(answer.html).toContain('Too large to attach to this email, on your tracking page: manual.txt.');

    // The customer's reply with a photo is answered with the next-update promise, without the photo.
    const second = (await stack.api.http.post('/api/uploads').attach('file', TINY_PNG, 'after-reset.png').expect(201)).body;
    await stack.api.http
      .post(`/api/track/${ticket.code}/messages`)
      .set('X-Tracking-Token', ticket.trackingToken)
      .send({ body: 'Still broken, see the photo.', attachments: [{ id: second.id, uploadToken: second.uploadToken }] })
      .expect(201);
    const promise = await eventually(() => stack.smtp.to(customer).find((m) => m.text.includes('You will hear from us by')), 15_000, 'the next-update promise');
    expect(promise.attachments).toEqual([]);
    const mailed = stack.smtp.to(customer).flatMap((m) => m.attachments.map((a) => a.filename));
    expect(mailed).not.toContain('broken-screen.png');
    expect(mailed).not.toContain('after-reset.png');
  });

  it("a file the intake refused is named to the customer: in the acknowledgement of a new mail, and in a message of its own for a reply", async () => {
    const customer = `files.${randomUUID().slice(0, 8)}@example.com`;
    const subject = `Scanner driver ${randomUUID().slice(0, 6)}`;
    const exe = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(300, 0x90)]);
    await mailer.send({ from: customer, to: SUPPORT, subject, text: 'The scanner driver will not install.', attachments: [{ filename: 'driver.exe', content: exe }, { filename: 'error.png', content: TINY_PNG }] });
    const [ticket] = await eventually(async () => (await ticketBySubject(subject)).length === 1 && ticketBySubject(subject), 15_000, 'the email ticket');
    const ack = await eventually(() => stack.smtp.to(customer).find((m) => m.text.startsWith('We received your issue')), 15_000, 'the acknowledgement');
    expect(ack.text).toContain('These files of your mail could not be attached:');
    expect(ack.text).toContain('driver.exe: we do not accept this type of file');
    expect(ack.text).not.toContain('error.png');

    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await mailer.send({ from: customer, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: ack.subject, text: 'Here is the installer again.', attachments: [{ filename: 'setup.exe', content: exe }] });
    const told = await eventually(() => stack.smtp.to(customer).find((m) => m.text.includes('could not attach these files')), 15_000, 'the files message');
    // One subject for the whole conversation, so mail clients that thread by subject keep it together.
    expect(ack.subject).toBe(`Re: [${ticket.code}] ${subject}`);
    expect(told.subject).toBe(ack.subject);
    expect(told.text).toContain('setup.exe: we do not accept this type of file');
    // Threaded like every other message about the ticket.
    expect(told.references).toContain(ack.messageId);
    const replied = (await events(ticket.id)).find((e) => e.type === 'customer_replied');
    expect(replied?.payload).toMatchObject({ filesNotAttached: [{ filename: 'setup.exe', why: 'type' }] });
  });

  it('the same mail delivered twice, and at once over five connections, makes one message', async () => {
    const ticket = await f.customerTicket({}, { email: `twice.${randomUUID().slice(0, 8)}@example.com` });
    const from = (await db().query(`SELECT c.email FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.id = $1`, [ticket.id]))[0].email;
    const mail = {
      from,
      to: `support+${ticket.code.toLowerCase()}@help.example.test`,
      subject: 'More details',
      messageId: `<dup-${randomUUID()}@example.com>`,
      text: 'The serial number is 42.',
    };
    await mailer.send(mail);
    await Promise.all(Array.from({ length: 5 }, () => new CustomerMailer(mailerPort(stack)).send(mail)));
    await mailer.send(mail);
    await eventually(async () => (await events(ticket.id)).some((e) => e.type === 'customer_replied'), 15_000, 'the reply');
    const messages = await db().query(`SELECT body, channel FROM messages WHERE ticket_id = $1`, [ticket.id]);
    expect(messages).toEqual([{ body: 'The serial number is 42.', channel: 'email' }]);
    expect(await db().query(`SELECT count(*)::int AS n FROM inbound_mails WHERE message_id = $1`, [mail.messageId.slice(1, -1)])).toEqual([{ n: 1 }]);
  });

  it('a verified mail reopens a resolved ticket for the same owner; a mail past the reopen window opens a linked repeat contact', async () => {
    const customer = `reopen.${randomUUID().slice(0, 8)}@example.com`;
    const ticket = await f.customerTicket({}, { email: customer });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Replaced the part' }).expect(200);
    await mailer.send({ from: customer, to: SUPPORT, subject: `Re: [${ticket.code}] Your issue is resolved`, text: 'It broke again.' });
    await eventually(async () => (await events(ticket.id)).some((e) => e.type === 'reopened'), 15_000, 'the reopen');
    const [row] = await db().query(`SELECT status, owner_id, reopen_count FROM tickets WHERE id = $1`, [ticket.id]);
    expect(row).toEqual({ status: 'open', owner_id: li.id, reopen_count: 1 });

    // Closed: past reopening, the same thread opens a new ticket linked to this one.
    await db().query(`UPDATE tickets SET status = 'resolved', resolved_at = now() - interval '30 days' WHERE id = $1`, [ticket.id]);
    await db().query(`UPDATE tickets SET status = 'closed', closed_at = now() WHERE id = $1`, [ticket.id]);
    await mailer.send({ from: customer, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: 'Again', text: 'And again.' });
    const [repeat] = await eventually(async () => {
      const rows = await db().query(`SELECT id, repeat_of_ticket_id, channel, subject FROM tickets WHERE repeat_of_ticket_id = $1`, [ticket.id]);
      return rows.length > 0 && rows;
    }, 15_000, 'the repeat contact');
    expect(repeat).toMatchObject({ channel: 'email', subject: 'Again' });

    // An answer to one of our mails about it names what the earlier ticket was about, not our mail's subject line.
    await mailer.send({ from: customer, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: `Re: [${ticket.code}] We received your issue`, text: 'Still broken.' });
    const [{ subject: earlierSubject }] = await db().query(`SELECT subject FROM tickets WHERE id = $1`, [ticket.id]);
    const subjects = await eventually(async () => {
      const rows: Array<{ subject: string }> = await db().query(`SELECT subject FROM tickets WHERE repeat_of_ticket_id = $1 ORDER BY created_at`, [ticket.id]);
      return rows.length > 1 && rows.map((r) => r.subject);
    }, 15_000, 'the second repeat contact');
    expect(subjects).toEqual(['Again', earlierSubject]);

    // Once the earlier ticket is erased its subject is gone: the mail's own subject is used, never "[erased]".
    await db().query(`UPDATE tickets SET subject = '[erased]' WHERE id = $1`, [ticket.id]);
    await mailer.send({ from: customer, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: `Re: [${ticket.code}] Your issue is resolved`, text: 'Once more.' });
    const third = await eventually(async () => {
      const rows: Array<{ subject: string }> = await db().query(`SELECT subject FROM tickets WHERE repeat_of_ticket_id = $1 ORDER BY created_at`, [ticket.id]);
      return rows.length > 2 && rows[2].subject;
    }, 15_000, 'the third repeat contact');
    expect(third).not.toContain('[erased]');
    expect(third).toContain('Your issue is resolved');
  });

  it("the people a customer copies get the owner's replies and the resolution, each an email of their own without the customer's token, until the owner stops copying them", async () => {
    const run = randomUUID().slice(0, 8);
    const customer = `ana.${run}@example.com`;
    const boss = `boss.${run}@example.com`;
    const it = `it.${run}@example.com`;
    const subject = `Invoice wrong ${run}`;
    await mailer.send({ from: `Ana Souza <${customer}>`, to: [SUPPORT, `The Boss <${boss}>`], cc: [`IT <${it}>`, li.email], subject, text: 'The invoice total is wrong.' });
    const [ticket] = await eventually(async () => (await ticketBySubject(subject)).length === 1 && ticketBySubject(subject), 15_000, 'the email ticket');
    // No sender check can pass here (no DNS): a mail not proved its sender's copies nobody in, or a
    // forger would copy themselves (mail-intake.suite covers the proved ones). As a proved mail would have:
    expect((await stack.api.http.get(`/api/tickets/${ticket.id}/copied-people`).set(li.auth).expect(200)).body.items).toEqual([]);
    await db().query(`INSERT INTO ticket_copied_people (ticket_id, address, name) VALUES ($1, $2, 'The Boss'), ($1, $3, 'IT')`, [ticket.id, boss, it]);
    const listed = (await stack.api.http.get(`/api/tickets/${ticket.id}/copied-people`).set(li.auth).expect(200)).body.items;
    expect(listed.map((p: { address: string; name: string }) => [p.address, p.name]).sort()).toEqual([[boss, 'The Boss'], [it, 'IT']].sort());
    // The acknowledgement is the customer's alone.
    await eventually(() => stack.smtp.to(customer).find((m) => m.text.startsWith('We received your issue')), 15_000, 'the acknowledgement');
    expect((await db().query(`SELECT address FROM notifications WHERE ticket_id = $1 AND kind = 'received' AND channel = 'email'`, [ticket.id])).map((n: { address: string }) => n.address)).toEqual([customer]);

    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'I corrected the total.', visibility: 'public' }).expect(201);
    const own = await eventually(() => stack.smtp.to(customer).find((m) => m.text.includes('I corrected the total.')), 15_000, "the customer's email");
    const copy = await eventually(() => stack.smtp.to(boss).find((m) => m.text.includes('I corrected the total.')), 15_000, "the boss's copy");
    await eventually(() => stack.smtp.to(it).find((m) => m.text.includes('I corrected the total.')), 15_000, "IT's copy");
    // One thread; each was sent to its own reader alone. A copy names everyone (reply all reaches
    // the customer); the customer's own names nobody in Cc: a reply all from it would hand out their token.
    for (const mail of [own, copy]) {
      expect(mail.headerTo).toEqual([customer]);
      expect(mail.subject).toBe(`Re: [${ticket.code}] ${subject}`);
      expect(mail.replyTo).toBe(`support+${ticket.code.toLowerCase()}@help.example.test`);
    }
    expect(own.cc).toEqual([]);
    expect(copy.cc.sort()).toEqual([boss, it].sort());
    expect(own.text).toMatch(/#token=/);
    expect(copy.text).toMatch(/^You get a copy of this message because the customer copied you on their mail\./);
    // Nothing that only the customer's token opens: no link to their page at all.
    expect(`${copy.text}${copy.html}`).not.toMatch(/token=|\/track\//);
    expect(copy.messageId).not.toBe(own.messageId);
    expect(stack.smtp.emails.filter((m) => m.text.includes('I corrected the total.') && m.to !== li.email).map((m) => m.to).sort()).toEqual([boss, customer, it].sort());

    // A reply-all from a copied person threads onto the ticket; not proved theirs (no DNS here), it is kept for the owner to judge and copies nobody in.
    await mailer.send({ from: boss, to: `support+${ticket.code.toLowerCase()}@help.example.test`, cc: [customer, 'newcomer@example.com'], subject: copy.subject, inReplyTo: copy.messageId, text: 'Shipping too, please.' });
    const bosses = await eventually(async () => (await events(ticket.id)).find((e) => e.type === 'customer_replied' && e.payload.from === boss), 15_000, "the boss's reply on the ticket");
    expect(bosses.payload).toMatchObject({ unverified: true });
    expect((await stack.api.http.get(`/api/tickets/${ticket.id}/copied-people`).set(li.auth).expect(200)).body.items).toHaveLength(2);

    // Only the owner (or a supervisor) stops copying someone; a bad address is a 400; each refusal changes nothing.
    const ben = await f.agent('agent', frontDesk, 'Ben Ho');
    const refused = await stack.api.http.delete(`/api/tickets/${ticket.id}/copied-people/${encodeURIComponent(boss)}`).set(ben.auth).expect(403);
    expect(refused.body).toMatchObject({ type: 'https://firsthand.dev/problems/not-ticket-owner', ownerName: 'Li Wei' });
    await stack.api.http.delete(`/api/tickets/${ticket.id}/copied-people/not-an-address`).set(li.auth).expect(400);
    expect((await stack.api.http.get(`/api/tickets/${ticket.id}/copied-people`).set(li.auth).expect(200)).body.items).toHaveLength(2);
    await stack.api.http.delete(`/api/tickets/${ticket.id}/copied-people/${encodeURIComponent(boss.toUpperCase())}`).set(li.auth).expect(204);
    await stack.api.http.delete(`/api/tickets/${ticket.id}/copied-people/${encodeURIComponent(boss)}`).set(li.auth).expect(404);
    expect(await db().query(`SELECT action, actor_name, target_label, before FROM audit_entries WHERE target_id = $1`, [ticket.id])).toEqual([{ action: 'ticket.copied_person.removed', actor_name: 'Li Wei', target_label: ticket.code, before: null }]);

    await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Credit note sent' }).expect(200);
    const resolvedCopy = await eventually(() => stack.smtp.to(it).find((m) => m.text.includes('Credit note sent')), 15_000, "IT's copy of the resolution");
    // The rating and the reopening are the customer's: a copy offers neither.
    expect(resolvedCopy.text).not.toMatch(/rate|reopen/i);
    expect(resolvedCopy.cc).toEqual([it]);
    const resolvedOwn = await eventually(() => stack.smtp.to(customer).find((m) => m.text.includes('Credit note sent')), 15_000, "the customer's resolution email");
    expect(resolvedOwn.text).toMatch(/Rate the service/);
    // The resolution's emails are planned together: the customer's and IT's, none for the person no longer copied.
    const planned = await db().query(`SELECT address FROM notifications WHERE ticket_id = $1 AND kind = 'resolved' AND channel = 'email' ORDER BY address`, [ticket.id]);
    expect(planned.map((n: { address: string }) => n.address)).toEqual([customer, it].sort());
  });

  it('a mail that reopens a resolved ticket is one email: open again, with the next-update promise; a reopen on the tracking page and a mail after it are two', async () => {
    const customer = `again.${randomUUID().slice(0, 8)}@example.com`;
    const ticket = await f.customerTicket({ subject: 'The dryer stops mid-cycle' }, { email: customer });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const resolve = () => stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'resolved', resolution: 'Cleaned the filter' }).expect(200);
    const emails = () => stack.smtp.to(customer);
    const resolvedEmails = () => emails().filter((m) => m.text.startsWith('Li Wei has resolved your issue'));
    await resolve();
    await eventually(() => resolvedEmails().length === 1, 15_000, 'the resolved email');
    /** Every notification of the ticket sent, the owner's notice of the customer's message among them (planned after the customer's), and a second for quiet. */
    const settled = async (ownerNotices: number) => {
      await eventually(async () => {
        const rows: Array<{ kind: string; recipient_type: string; status: string }> = await db().query(`SELECT kind, recipient_type, status FROM notifications WHERE ticket_id = $1`, [ticket.id]);
        return rows.filter((n) => n.recipient_type === 'agent' && n.kind === 'customer_replied').length === ownerNotices && rows.every((n) => n.status === 'sent' || n.status === 'suppressed');
      }, 15_000, 'every notification sent');
      await new Promise((resolve) => setTimeout(resolve, 1000));
    };
    await settled(0);
    const before = emails().length;

    await mailer.send({ from: customer, to: SUPPORT, subject: `Re: [${ticket.code}] The dryer stops mid-cycle`, text: 'It stopped again.' });
    await eventually(async () => (await events(ticket.id)).some((e) => e.type === 'reopened'), 15_000, 'the reopen');
    await settled(1);
    const told = emails().slice(before);
    expect(told).toHaveLength(1);
    expect(told[0].text.split('\n')[0]).toMatch(/^Your issue “The dryer stops mid-cycle” is open again, and Li Wei, who handled it before, is on it\. You will hear from us by .+ at the latest\.$/);
    // By the events they tell of, not when they were planned: on a loaded machine an earlier event's email may be planned after the resolution's.
    const kinds: Array<{ kind: string }> = await db().query(
      `SELECT n.kind FROM notifications n JOIN ticket_events e ON e.id = n.event_id
       WHERE n.ticket_id = $1 AND n.recipient_type = 'customer'
         AND e.seq > (SELECT max(seq) FROM ticket_events WHERE ticket_id = $1 AND type = 'status_changed' AND payload->>'to' = 'resolved')`,
      [ticket.id],
    );
    expect(kinds.map((k) => k.kind)).toEqual(['next_update']);

    // Reopened on the tracking page, then a mail a moment later: two actions, two emails, as before.
    await resolve();
    await eventually(() => resolvedEmails().length === 2, 15_000, 'the second resolved email');
    await stack.api.http.post(`/api/track/${ticket.code}/reopen`).set('X-Tracking-Token', ticket.trackingToken).send({}).expect(200);
    // The button's reopen is told with its next-update promise too.
    const openAgain = () => emails().filter((m) => m.text.startsWith('Your issue “The dryer stops mid-cycle” is open again, and Li Wei, who handled it before, is on it. You will hear from us by '));
    await eventually(() => openAgain().length === 2, 15_000, 'the reopen email');
    const afterReopen = emails().length;
    await mailer.send({ from: customer, to: SUPPORT, subject: `Re: [${ticket.code}] The dryer stops mid-cycle`, text: 'Still stopping.' });
    await settled(2);
    const next = emails().slice(afterReopen);
    expect(next).toHaveLength(1);
    expect(next[0].text.split('\n')[0]).toMatch(/^Li Wei is working on your issue “The dryer stops mid-cycle”\. You will hear from us by /);
  });

  it('a subject code from someone else does not thread; mail from another sender on a reply address is kept but changes nothing', async () => {
    const owner = `owner.${randomUUID().slice(0, 8)}@example.com`;
    const ticket = await f.customerTicket({}, { email: owner });
    await stack.api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    await stack.api.http.post(`/api/tickets/${ticket.id}/status`).set(li.auth).send({ status: 'pending_customer' }).expect(200);
    const stranger = `stranger.${randomUUID().slice(0, 8)}@example.com`;
    const subject = `[${ticket.code}] hijack ${randomUUID().slice(0, 6)}`;
    await mailer.send({ from: stranger, to: SUPPORT, subject, text: 'Give me their refund.' });
    await eventually(async () => (await ticketBySubject(subject)).length === 1, 15_000, 'a ticket of its own');

    const strangersId = await mailer.send({ from: stranger, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: 'Re: your issue', text: 'Close this please.' });
    const kept = await eventually(async () => (await events(ticket.id)).find((e) => e.type === 'customer_replied'), 15_000, 'the kept mail');
    // Kept, threading what answers it, but marked: our mails to the customer never name a mail they did not write.
    expect(await db().query(`SELECT direction FROM mail_thread_ids WHERE message_id = $1`, [strangersId])).toEqual([{ direction: 'unverified' }]);
    expect(kept.payload).toMatchObject({ unverified: true, from: stranger });
    // Integrations receive it too, marked as the agents' timeline marks it: not a null event.
    const hooked = await eventually(
      () => stack.sink.at('/hooks').map((r) => JSON.parse(r.body)).find((h) => h.type === 'ticket.customer_replied' && h.data.ticketCode === ticket.code),
      15_000,
      'the webhook of the kept mail',
    );
    expect(hooked.data.event).toMatchObject({ type: 'customer_replied', data: { body: 'Close this please.', channel: 'email', unverified: true, from: stranger } });
    // Its owner hears of it by the address it came from, with a warning: not as the customer's reply.
    const told = await eventually(() => stack.smtp.to(li.email).find((m) => m.text.includes('Close this please.')), 15_000, "the owner's email about it");
    expect(told.subject).toBe(`[${ticket.code}] Unverified mail from ${stranger}`);
    expect(told.text).toContain('check before you act on it');
    expect((await db().query(`SELECT status FROM tickets WHERE id = $1`, [ticket.id]))[0].status).toBe('pending_customer');
    const mails = await mailsOf(ticket.id);
    expect(mails.at(-1)).toMatchObject({ outcome: 'continued', verified: false });

    // On an open ticket a customer's reply is answered with the next-update promise; a mail that may
    // not be theirs is not (planned in the same job as its webhook, so by then it would be there).
    await db().query(`UPDATE tickets SET status = 'open', sla_paused_at = NULL, next_update_due_at = now() + interval '1 hour' WHERE id = $1`, [ticket.id]);
    await mailer.send({ from: stranger, to: `support+${ticket.code.toLowerCase()}@help.example.test`, subject: 'Re: your issue', text: 'Send it to me instead.' });
    const second = await eventually(async () => (await events(ticket.id)).find((e) => e.type === 'customer_replied' && e.payload.body === 'Send it to me instead.'), 15_000, 'the second kept mail');
    await eventually(() => stack.sink.at('/hooks').some((r) => JSON.parse(r.body).data.event?.data?.body === 'Send it to me instead.'), 15_000, 'its webhook');
    expect(await db().query(`SELECT kind FROM notifications WHERE event_id = $1 AND recipient_type = 'customer'`, [second.id])).toEqual([]);
    await stack.api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'Your refund stays with you.', visibility: 'public' }).expect(201);
    const answer = await eventually(() => stack.smtp.to(owner).find((m) => m.text.includes('Your refund stays with you.')), 15_000, "the owner's answer to the customer");
    expect([answer.inReplyTo, ...answer.references].join(' ')).not.toContain(strangersId);
  });

  it('auto-replies, bulk mail and mail from our own address make no ticket and get no answer; each is recorded with its reason', async () => {
    const before = (await db().query(`SELECT count(*)::int AS n FROM tickets`))[0].n;
    const auto = `auto.${randomUUID().slice(0, 8)}@example.com`;
    await mailer.send({ from: auto, to: SUPPORT, subject: 'Out of office', text: 'I am away.', headers: { 'Auto-Submitted': 'auto-replied' } });
    await mailer.send({ from: auto, to: SUPPORT, subject: 'Newsletter', text: 'Deals!', headers: { Precedence: 'bulk' } });
    await mailer.send({ from: SUPPORT, to: SUPPORT, subject: 'Loop', text: 'Ourselves.' });
    const ignored = await eventually(async () => {
      const rows = await db().query(`SELECT subject, reason FROM inbound_mails WHERE outcome = 'ignored' AND subject IN ('Out of office', 'Newsletter', 'Loop') ORDER BY subject`);
      return rows.length === 3 && rows;
    }, 15_000, 'three ignored mails');
    expect(ignored.map((r: { reason: string }) => r.reason)).toEqual([expect.stringMatching(/own address/), expect.stringMatching(/precedence/), expect.stringMatching(/auto_submitted/)]);
    expect((await db().query(`SELECT count(*)::int AS n FROM tickets`))[0].n).toBe(before);
    expect(stack.smtp.to(auto)).toEqual([]);
    const review = await stack.api.http.get('/api/inbound-mails?outcome=ignored').set((await f.agent('supervisor', null)).auth).expect(200);
    expect(review.body.items.map((m: { subject: string }) => m.subject)).toEqual(expect.arrayContaining(['Out of office', 'Newsletter', 'Loop']));
  });

  it("a mail to a brand's address opens a ticket in its team, answered from the brand; a reply to its plus-address continues it", async () => {
    const customer = `mei.${randomUUID().slice(0, 8)}@example.com`;
    const subject = `Coupon ${randomUUID().slice(0, 6)}`;
    await mailer.send({ from: `Mei <${customer}>`, to: BRAND, subject, text: 'The coupon is refused at checkout.' });
    const [ticket] = await eventually(async () => (await ticketBySubject(subject)).length === 1 && ticketBySubject(subject), 15_000, 'the brand ticket');
    expect((await db().query(`SELECT team_id FROM tickets WHERE id = $1`, [ticket.id]))[0].team_id).toBe(brandTeam);
    expect((await db().query(`SELECT mailbox FROM inbound_mails WHERE ticket_id = $1`, [ticket.id]))[0].mailbox).toBe(`smtp:${BRAND}`);

    const ack = await eventually(() => stack.smtp.to(customer)[0], 15_000, 'the acknowledgement');
    expect(ack.replyTo).toBe(`help+${ticket.code.toLowerCase()}@brand-c.example`);
    expect(/^From: "?Brand C"? <help@brand-c\.example>\r?$/m.test(ack.raw.toString('latin1'))).toBe(true);

    await mailer.send({ from: `Mei <${customer}>`, to: ack.replyTo, subject: 'still refused', text: 'Code SPRING24.' });
    await eventually(async () => (await mailsOf(ticket.id)).length === 2, 15_000, 'the reply on the ticket');
    expect((await mailsOf(ticket.id)).map((m) => m.outcome)).toEqual(['opened', 'continued']);
    // The agent sees which of our addresses the customer wrote to (recorded as each mail was taken).
    const brandAgent = await f.agent('agent', brandTeam, 'Chen Jing');
    const listed = await stack.api.http.get(`/api/tickets/${ticket.id}/mails`).set(brandAgent.auth).expect(200);
    expect(listed.body.items.map((m: { ourAddress: unknown }) => m.ourAddress)).toEqual([{ address: BRAND, name: 'Brand C' }, { address: BRAND, name: 'Brand C' }]);
    // Mail to the support address is with the support address, with no name of its own.
    const plain = await mailer.send({ from: `Mei <${customer}>`, to: SUPPORT, subject: `Other ${randomUUID().slice(0, 6)}`, text: 'Another question.' });
    const [row] = await eventually(async () => {
      const found = await db().query(`SELECT our_address, our_name FROM inbound_mails WHERE message_id = $1`, [plain.replace(/^<|>$/g, '')]);
      return found.length > 0 && found;
    }, 15_000, 'the mail to the support address');
    expect(row).toEqual({ our_address: SUPPORT, our_name: null });
  });

  it('refuses a mail over the size limit and one for a domain that is not ours, at the SMTP level, storing nothing', async () => {
    const before = await db().query(`SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM inbound_mails) AS mails`);
    await expect(mailer.send({ from: 'big@example.com', to: 'someone@elsewhere.test', subject: 'Relay?', text: 'x' })).rejects.toThrow(/550|recipient/i);
    expect(await db().query(`SELECT (SELECT count(*)::int FROM tickets) AS tickets, (SELECT count(*)::int FROM inbound_mails) AS mails`)).toEqual(before);
  });
});

function mailerPort(stack: WorkerStack): number {
  return Number(/FIRSTHAND_INBOUND_SMTP_LISTENING port=(\d+)/.exec(stack.workers[0].output())?.[1]);
}
