import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalDiskFileStorage } from '@firsthand/attachments';
import { dayKey } from '@firsthand/domain';
import { SAMPLE_FILES } from '../../libs/attachments/src/testing/sample-files.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { eventually } from '../support/notification-sinks.js';
import { testAttachmentsDir } from '../support/test-services.js';
import { startWorkerStack, type WorkerStack } from '../support/worker-stack.js';
import { zipEntries } from '../support/zip-entries.js';

const DAY_MS = 86_400_000;
const shiftDay = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const binary = (res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
};

/** Customer data rights with the API, a real worker process, PostgreSQL, Redis and files on disk (docs/data-rights.md). */
describe('customer data rights: export and erasure', () => {
  let stack: WorkerStack;
  let f: HelpdeskFactory;
  let admin: TestAgent;
  let supervisor: TestAgent;
  let li: TestAgent;
  let exportsDir: string;
  const storage = new LocalDiskFileStorage(testAttachmentsDir());
  const db = () => stack.api.database.db;
  const http = () => stack.api.http;
  let uploads = 0;
  const upload = async (filename: string, bytes: Buffer) => {
    const { body } = await http().post('/api/uploads').set('X-Forwarded-For', `198.51.100.${++uploads}`).attach('file', bytes, { filename, contentType: 'application/octet-stream' }).expect(201);
    return { id: body.id as string, uploadToken: body.uploadToken as string };
  };
  const customerOf = async (ticketId: string): Promise<string> => (await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id;
  const metrics = async () => {
    const today = dayKey(new Date(), 'Asia/Shanghai');
    const range = { from: shiftDay(today, -1), to: shiftDay(today, 1) };
    const get = async (groupBy: string) => (await http().get('/api/metrics/fcr').query({ ...range, groupBy }).set(supervisor.auth).expect(200)).body;
    return { agent: await get('agent'), tier: await get('tier'), channel: await get('channel') };
  };

  // Customer A: two resolved tickets with files (public and internal), replies, a note, a rating and a mail original.
  const A = { email: `ada-${Date.now()}@example.com`, phone: '+8613800000001', name: 'Ada Lovelace' };
  let a1: { id: string; code: string; trackingToken: string };
  let a2: { id: string; code: string; trackingToken: string };
  const mailOriginal = Buffer.from(`From: ${A.email}\r\nSubject: Order K4711\r\nMessage-ID: <m1@example.com>\r\n\r\nMy order K4711 never came.\r\n`);

  beforeAll(async () => {
    exportsDir = mkdtempSync(join(tmpdir(), 'firsthand-exports-'));
    stack = await startWorkerStack({ workers: 1, env: { FIRSTHAND_EXPORTS_DIR: exportsDir } });
    f = new HelpdeskFactory(stack.api);
    const team = await f.team('Front Desk', true);
    admin = await f.agent('admin', team, 'Root Admin');
    supervisor = await f.agent('supervisor', team, 'Wang Fang');
    li = await f.agent('agent', team, 'Li Na');

    a1 = await f.customerTicket({ subject: 'Broken kettle ZQX', description: 'The kettle ZQX leaks', attachments: [await upload('ZQX-kettle.png', SAMPLE_FILES.png)] }, A);
    await http().post(`/api/track/${a1.code}/messages`).set('X-Tracking-Token', a1.trackingToken).send({ body: 'Receipt attached ZQX', attachments: [await upload('ZQX-receipt.csv', SAMPLE_FILES.csv)] }).expect(201);
    await http().post(`/api/tickets/${a1.id}/messages`).set(li.auth).send({ body: 'Sending a new kettle ZQX', visibility: 'public' }).expect(201);
    await http().post(`/api/tickets/${a1.id}/messages`).set(li.auth).send({ body: 'Internal: customer sounds upset ZQX', visibility: 'internal', attachments: [await upload('ZQX-note.gif', SAMPLE_FILES.gif)] }).expect(201);
    await http().post(`/api/tickets/${a1.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    await http().post(`/api/track/${a1.code}/feedback`).set('X-Tracking-Token', a1.trackingToken).send({ rating: 5, comment: 'Great help ZQX' }).expect(200);
    a2 = await f.customerTicket({ subject: 'Second question ZQX', description: 'Where is my invoice ZQX' }, A);
    await http().post(`/api/tickets/${a2.id}/messages`).set(li.auth).send({ body: 'Invoice is in the mail ZQX', visibility: 'public' }).expect(201);
    await http().post(`/api/tickets/${a2.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    // A mail the intake took for ticket 1, its original kept in the file storage (as the worker's intake leaves it).
    const stored = await storage.put(mailOriginal);
    await db().query(
      `INSERT INTO inbound_mails (dedup_key, mailbox, message_id, from_address, subject, size_bytes, outcome, ticket_id, original_key, reason, refused_files)
       VALUES ('m1@example.com', 'support', '<m1@example.com>', $1, 'Order K4711', $2, 'continued', $3, $4,
         'files refused: ZQX-setup.exe (.exe: executables and scripts are not accepted)', '[{"filename": "ZQX-setup.exe", "reason": ".exe: executables and scripts are not accepted"}]')`,
      [A.email, mailOriginal.length, a1.id, stored.key]);
    await db().query(`INSERT INTO mail_thread_ids (message_id, ticket_id, direction) VALUES ('<m1@example.com>', $1, 'inbound')`, [a1.id]);
    // The mail's files that were not attached are named on its event, as the intake leaves them.
    await db().query(
      `UPDATE ticket_events SET payload = payload || '{"filesNotAttached": [{"filename": "ZQX-setup.exe", "why": "type"}, {"filename": "", "why": "count", "unnamed": 3}]}'::jsonb WHERE ticket_id = $1 AND type = 'customer_replied'`,
      [a1.id],
    );
    await db().query(`INSERT INTO ticket_copied_people (ticket_id, address, name) VALUES ($1, 'zqx.boss@example.com', 'ZQX Boss')`, [a1.id]);
    // A drafted reply's logged prompt quotes the ticket (as the language model's call log keeps it).
    await db().query(
      `INSERT INTO language_model_calls (id, agent_id, agent_name, ticket_id, purpose, model, prompt, outcome, latency_ms)
       VALUES (gen_random_uuid(), $1, 'Li Wei', $2, 'draft-reply', 'm', '[{"role":"user","content":"The kettle ZQX leaks"}]'::jsonb, 'ok', 5)`,
      [li.id, a1.id]);
    // The customer's "received" emails went out through the worker.
    await eventually(async () => (await db().query(`SELECT 1 FROM notifications WHERE ticket_id = ANY($1) AND recipient_type = 'customer' AND status = 'sent'`, [[a1.id, a2.id]])).length >= 2, 30_000, 'customer notifications sent');
  });
  afterAll(async () => {
    await stack?.close();
    if (exportsDir) rmSync(exportsDir, { recursive: true, force: true });
  });

  const readyExport = async (customerId: string) => {
    const asked = await http().post(`/api/customers/${customerId}/exports`).set(admin.auth).expect(202);
    expect(asked.body).toMatchObject({ state: 'queued', downloadUrl: null });
    return eventually(async () => {
      const { body } = await http().get(`/api/customers/${customerId}/exports/${asked.body.id}`).set(admin.auth).expect(200);
      return body.state === 'ready' ? body : undefined;
    }, 30_000, 'the export ready');
  };

  it('exports the customer: README, manifest, record, tickets with public messages, files, mails, notifications and ratings', async () => {
    const customerId = await customerOf(a1.id);
    const ready = await readyExport(customerId);
    await http().get(ready.downloadUrl).set(supervisor.auth).expect(403);
    const res = await http().get(ready.downloadUrl).set(admin.auth).buffer(true).parse(binary as never).expect(200);
    expect(res.headers['content-type']).toBe('application/zip');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="customer-.*\.zip"$/);
    const files = zipEntries(res.body as Buffer);
    const names = [...files.keys()];
    for (const name of ['README.txt', 'manifest.json', 'customer.json', `tickets/${a1.code}.json`, `tickets/${a2.code}.json`, 'notifications.json', 'ratings.json']) expect(names).toContain(name);
    const json = (name: string) => JSON.parse(files.get(name)!.toString('utf8'));
    expect(json('manifest.json')).toEqual(names.filter((n) => n !== 'manifest.json'));
    expect(json('customer.json')).toMatchObject({ id: customerId, name: A.name, email: A.email, phone: A.phone });
    const ticket = json(`tickets/${a1.code}.json`);
    expect(ticket).toMatchObject({ code: a1.code, subject: 'Broken kettle ZQX', status: 'resolved', csatRating: 5 });
    expect(ticket.messages.map((m: { body: string }) => m.body)).toEqual(expect.arrayContaining(['Receipt attached ZQX', 'Sending a new kettle ZQX']));
    expect(JSON.stringify(ticket)).not.toContain('Internal: customer sounds upset');
    // Public files byte for byte; the internal note's file is not the customer's.
    const fileNamed = (suffix: string) => names.find((n) => n.startsWith(`attachments/${a1.code}/`) && n.endsWith(suffix));
    expect(files.get(fileNamed('kettle.png')!)).toEqual(SAMPLE_FILES.png);
    expect(files.get(fileNamed('receipt.csv')!)).toEqual(SAMPLE_FILES.csv);
    expect(fileNamed('note.gif')).toBeUndefined();
    expect(files.get(names.find((n) => n.startsWith(`mails/${a1.code}/`))!)).toEqual(mailOriginal);
    const notifications = json('notifications.json');
    expect(notifications.length).toBeGreaterThanOrEqual(2);
    // By email and by SMS: the customer gave both.
    expect(new Set(notifications.map((n: { address: string }) => n.address))).toEqual(new Set([A.email, A.phone]));
    expect(json('ratings.json')).toEqual([expect.objectContaining({ ticketCode: a1.code, rating: 5, comment: 'Great help ZQX' })]);
    expect(files.get('README.txt')!.toString()).toMatch(/internal notes/);

    // Past its time, the worker deletes it; the download answers 410.
    await db().query(`UPDATE customer_exports SET expires_at = now() - interval '1 second' WHERE id = $1`, [ready.id]);
    await eventually(async () => (await db().query(`SELECT state FROM customer_exports WHERE id = $1`, [ready.id]))[0].state === 'expired', 15_000, 'the export expired');
    expect(existsSync(join(exportsDir, `${ready.id}.zip`))).toBe(false);
    const gone = await http().get(ready.downloadUrl).set(admin.auth).expect(410);
    expect(gone.headers['content-type']).toMatch(/problem\+json/);
  });

  it('refuses bad erasure requests and changes nothing: not an admin, unknown customer, open tickets unconfirmed', async () => {
    const open = await f.customerTicket({ subject: 'Still open ZQX' }, { name: 'Bo Open', email: `bo-${Date.now()}@example.com` });
    const customerId = await customerOf(open.id);
    const before = await f.snapshot(open.id);
    const [customerBefore] = await db().query(`SELECT * FROM customers WHERE id = $1`, [customerId]);

    const forbidden = await http().post(`/api/customers/${customerId}/erasure`).set(supervisor.auth).send({ confirm: true }).expect(403);
    expect(forbidden.headers['content-type']).toMatch(/problem\+json/);
    await http().post(`/api/customers/${customerId}/exports`).set(li.auth).expect(403);
    await http().post('/api/customers/00000000-0000-4000-8000-000000000000/erasure').set(admin.auth).send({}).expect(404);
    await http().post(`/api/customers/not-a-uuid/erasure`).set(admin.auth).send({}).expect(400);
    await http().post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({ confirm: 'yes' }).expect(400);
    const unconfirmed = await http().post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({}).expect(409);
    expect(unconfirmed.body).toMatchObject({ type: expect.stringMatching(/erasure-needs-confirmation$/), openTickets: [{ id: open.id, code: open.code, status: 'new' }] });
    expect(unconfirmed.body.detail).toContain(open.code);
    expect(unconfirmed.body.whatHappens.length).toBeGreaterThan(0);

    expect(await db().query(`SELECT * FROM customer_erasures WHERE customer_id = $1`, [customerId])).toEqual([]);
    expect(await f.snapshot(open.id)).toEqual(before);
    expect((await db().query(`SELECT * FROM customers WHERE id = $1`, [customerId]))[0]).toEqual(customerBefore);
    await http().get(`/api/customers/${customerId}/erasure`).set(admin.auth).expect(404);

    // Confirmed: the open ticket is closed (not resolved) and its tracking link is dead.
    const accepted = await http().post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({ confirm: true }).expect(202);
    expect(accepted.body).toMatchObject({ customerId, openTickets: 1, stepCount: 7 });
    await eventually(async () => (await http().get(`/api/customers/${customerId}/erasure`).set(admin.auth).expect(200)).body.state === 'done', 30_000, 'the erasure done');
    const [closed] = await db().query(`SELECT status, resolution, resolved_at, subject FROM tickets WHERE id = $1`, [open.id]);
    expect(closed).toEqual({ status: 'closed', resolution: 'erased', resolved_at: null, subject: '[erased]' });
    await http().get(`/api/track/${open.code}`).set('X-Tracking-Token', open.trackingToken).expect(404);
    // Asking again answers the erasure there is; an export of an erased customer is refused.
    expect((await http().post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({}).expect(202)).body.id).toBe(accepted.body.id);
    await http().post(`/api/customers/${customerId}/exports`).set(admin.auth).expect(409);

    // An erased record takes in no one (a merge would give it a live customer's data and tickets) and changes no tier; nothing changes.
    const other = await f.customerTicket({ subject: 'Someone else' }, { name: 'Di Live', email: `di-${Date.now()}@example.com` });
    const [{ customer_id: otherId }] = await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [other.id]);
    const [erasedBefore] = await db().query(`SELECT * FROM customers WHERE id = $1`, [customerId]);
    const [otherBefore] = await db().query(`SELECT * FROM customers WHERE id = $1`, [otherId]);
    for (const [survivor, duplicate] of [[customerId, otherId], [otherId, customerId]]) {
      const refused = await http().post(`/api/customers/${survivor}/merge`).set(supervisor.auth).send({ duplicateId: duplicate }).expect(409);
      expect(refused.body.type).toMatch(/customer-erased$/);
    }
    expect((await http().patch(`/api/customers/${customerId}`).set(supervisor.auth).send({ tier: 'vip' }).expect(409)).body.type).toMatch(/customer-erased$/);
    expect((await db().query(`SELECT * FROM customers WHERE id = $1`, [customerId]))[0]).toEqual(erasedBefore);
    expect((await db().query(`SELECT * FROM customers WHERE id = $1`, [otherId]))[0]).toEqual(otherBefore);
    expect((await db().query(`SELECT customer_id FROM tickets WHERE id = $1`, [other.id]))[0].customer_id).toBe(otherId);
  });

  it('erases the customer everywhere, deletes the files and exports, kills tracking links, and leaves the metrics as they were', async () => {
    const customerId = await customerOf(a1.id);
    const ticketIds = [a1.id, a2.id];
    const ready = await readyExport(customerId);
    const keys = (await db().query(`SELECT storage_key FROM attachments WHERE ticket_id = ANY($1)`, [ticketIds])).map((r: { storage_key: string }) => r.storage_key);
    const [{ original_key: originalKey }] = await db().query(`SELECT original_key FROM inbound_mails WHERE ticket_id = $1`, [a1.id]);
    expect(keys).toHaveLength(3);
    for (const key of [...keys, originalKey]) expect(await storage.exists(key)).toBe(true);
    const figures = await metrics();
    expect(figures.agent.total.csatAverage).toBe(5);
    // The search vocabulary (which query prefixes are looked up in) holds the customer's own words until the erasure.
    const searchWords = async () => (await db().query(`SELECT word FROM search_words WHERE word = ANY($1::text[]) ORDER BY word`, [['ada', 'lovelace', 'zqx']])).map((r: { word: string }) => r.word);
    expect(await searchWords()).toEqual(['ada', 'lovelace', 'zqx']);
    // The customer is also copied on someone else's ticket: they stop being copied there.
    const elsewhere = await f.customerTicket({ subject: 'A colleague copied them' }, { name: 'Bo Colleague', email: `bo-${Date.now()}@example.com` });
    await db().query(`INSERT INTO ticket_copied_people (ticket_id, address, name) VALUES ($1, lower($2), 'Copied Person')`, [elsewhere.id, A.email]);

    const accepted = await http().post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({}).expect(202);
    expect(accepted.body.openTickets).toBe(0);
    await eventually(async () => (await http().get(`/api/customers/${customerId}/erasure`).set(admin.auth).expect(200)).body.state === 'done', 30_000, 'the erasure done');
    const [{ number }] = await db().query(`SELECT number FROM customer_erasures WHERE customer_id = $1`, [customerId]);

    const [customer] = await db().query(`SELECT name, email, phone, erased_at FROM customers WHERE id = $1`, [customerId]);
    expect(customer).toEqual({ name: `Erased customer #${number}`, email: null, phone: null, erased_at: expect.any(Date) });
    const texts = JSON.stringify(await db().query(
      `SELECT (SELECT json_agg(t) FROM tickets t WHERE id = ANY($1)) AS tickets, (SELECT json_agg(m) FROM messages m WHERE ticket_id = ANY($1)) AS messages,
              (SELECT json_agg(e) FROM ticket_events e WHERE ticket_id = ANY($1)) AS events, (SELECT json_agg(n) FROM notifications n WHERE ticket_id = ANY($1)) AS notifications,
              (SELECT json_agg(i) FROM inbound_mails i WHERE ticket_id = ANY($1)) AS mails`, [ticketIds]));
    for (const personal of ['ZQX', A.email, A.name, A.phone, 'K4711']) expect(texts).not.toContain(personal);
    expect(await db().query(`SELECT payload->'filesNotAttached' AS lost FROM ticket_events WHERE ticket_id = $1 AND type = 'customer_replied'`, [a1.id])).toEqual([
      { lost: [{ filename: 'erased', why: 'type' }, { filename: '', why: 'count', unnamed: 3 }] },
    ]);
    expect(await db().query(`SELECT DISTINCT body FROM messages WHERE ticket_id = ANY($1)`, [ticketIds])).toEqual([{ body: '[erased]' }]);
    expect(await db().query(`SELECT public_doc::text, internal_doc::text FROM ticket_search WHERE ticket_id = ANY($1) AND (public_doc <> ''::tsvector OR internal_doc <> ''::tsvector)`, [ticketIds])).toEqual([]);
    expect(await searchWords()).toEqual([]);
    expect(await db().query(`SELECT 1 FROM mail_thread_ids WHERE ticket_id = ANY($1)`, [ticketIds])).toEqual([]);
    expect(await db().query(`SELECT 1 FROM ticket_copied_people WHERE ticket_id = ANY($1) OR address = lower($2)`, [ticketIds, A.email])).toEqual([]);
    expect(await db().query(`SELECT 1 FROM language_model_calls WHERE ticket_id = ANY($1)`, [ticketIds])).toEqual([]);
    expect(await db().query(`SELECT from_address, original_key, message_id FROM inbound_mails WHERE ticket_id = $1`, [a1.id])).toEqual([{ from_address: null, original_key: null, message_id: null }]);
    const customerNotices = await db().query(`SELECT DISTINCT address, text_body FROM notifications WHERE ticket_id = ANY($1) AND recipient_type = 'customer'`, [ticketIds]);
    expect(customerNotices).toEqual([{ address: 'erased', text_body: '[erased]' }]);
    expect(await db().query(`SELECT count(*)::int AS n FROM attachments WHERE ticket_id = ANY($1) AND erased_at IS NULL`, [ticketIds])).toEqual([{ n: 0 }]);
    for (const key of [...keys, originalKey]) expect(await storage.exists(key)).toBe(false);
    expect((await db().query(`SELECT state FROM customer_exports WHERE id = $1`, [ready.id]))[0].state).toBe('deleted');
    expect(existsSync(join(exportsDir, `${ready.id}.zip`))).toBe(false);
    // Tracking links are dead; so is an agent's download of an erased file.
    for (const t of [a1, a2]) await http().get(`/api/track/${t.code}`).set('X-Tracking-Token', t.trackingToken).expect(404);
    const [file] = await db().query(`SELECT id FROM attachments WHERE ticket_id = $1 LIMIT 1`, [a1.id]);
    await http().get(`/api/tickets/${a1.id}/attachments/${file.id}`).set(li.auth).expect(404);
    // The counts the dashboard shows are those of before: ticket rows, their events and ratings stay.
    expect(await metrics()).toEqual(figures);
    const profile = await http().get(`/api/customers/${customerId}`).set(admin.auth).expect(200);
    expect(profile.body).toMatchObject({ name: `Erased customer #${number}`, email: null, phone: null });
    // Audited: who asked for the export and the erasure, and the worker's finish; ids only, nothing personal.
    const audited = await db().query(`SELECT action, actor_type, actor_id FROM audit_entries WHERE target_type = 'customer' AND target_id = $1 ORDER BY at, id`, [customerId]);
    expect(audited).toEqual(expect.arrayContaining([
      { action: 'customer.export_requested', actor_type: 'agent', actor_id: admin.id },
      { action: 'customer.erasure_requested', actor_type: 'agent', actor_id: admin.id },
      { action: 'customer.erased', actor_type: 'system', actor_id: null },
    ]));
    const auditText = JSON.stringify(await db().query(`SELECT before, after, target_label FROM audit_entries WHERE target_id = $1`, [customerId]));
    for (const personal of [A.email, A.name, A.phone]) expect(auditText).not.toContain(personal);
  });

  it('resumes an erasure whose worker was killed part-way, from the step it reached', async () => {
    const t = await f.customerTicket({ subject: 'Resume me ZQX' }, { name: 'Cy Resume', email: `cy-${Date.now()}@example.com` });
    await http().post(`/api/tickets/${t.id}/messages`).set(li.auth).send({ body: 'Done ZQX', visibility: 'public' }).expect(201);
    await http().post(`/api/tickets/${t.id}/status`).set(li.auth).send({ status: 'resolved' }).expect(200);
    const customerId = await customerOf(t.id);
    await Promise.all(stack.workers.splice(0).map((w) => w.stop()));
    const slow = await stack.startWorker({ ERASURE_STEP_PAUSE_MS: '1500' });

    await http().post(`/api/customers/${customerId}/erasure`).set(admin.auth).send({}).expect(202);
    await eventually(async () => (await db().query(`SELECT steps_done FROM customer_erasures WHERE customer_id = $1`, [customerId]))[0].steps_done >= 2, 30_000, 'two steps done');
    slow.child.kill('SIGKILL');
    await slow.stop();
    const [midway] = await db().query(`SELECT state, steps_done FROM customer_erasures WHERE customer_id = $1`, [customerId]);
    expect(midway.state).toBe('running');
    expect(midway.steps_done).toBeLessThan(7);
    // Texts are erased (step 2), the record not yet (the last step).
    expect((await db().query(`SELECT subject FROM tickets WHERE id = $1`, [t.id]))[0].subject).toBe('[erased]');
    expect((await db().query(`SELECT name FROM customers WHERE id = $1`, [customerId]))[0].name).toBe('Cy Resume');

    await stack.startWorker();
    await eventually(async () => (await db().query(`SELECT state FROM customer_erasures WHERE customer_id = $1`, [customerId]))[0].state === 'done', 30_000, 'the erasure resumed and done');
    const [record] = await db().query(`SELECT name, email FROM customers WHERE id = $1`, [customerId]);
    expect(record).toEqual({ name: expect.stringMatching(/^Erased customer #\d+$/), email: null });
    expect((await db().query(`SELECT attempts FROM customer_erasures WHERE customer_id = $1`, [customerId]))[0].attempts).toBe(2);
  });
});
