import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentStore } from '@firsthand/persistence';
import { pngOfSize, SAMPLE_FILES } from '../../libs/attachments/src/testing/sample-files.js';
import { HelpdeskFactory, type TestAgent } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const KB = 1000;

/** Uploads, attaching, downloads and their refusals through the real API, on a real temporary directory. */
describe('attachments through the API', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let dir: string;
  let li: TestAgent;
  let zhang: TestAgent;
  let outsider: TestAgent;
  let clients = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fh-attachments-'));
    api = await startApi({
      FIRSTHAND_ATTACHMENTS_DIR: dir,
      FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES: String(100 * KB),
      FIRSTHAND_ATTACHMENT_MAX_FILES_PER_MESSAGE: '3',
      FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES: String(250 * KB),
      FIRSTHAND_ATTACHMENT_MAX_TICKET_BYTES: String(400 * KB),
      FIRSTHAND_ATTACHMENT_UPLOADS_PER_MINUTE: '5',
      // Below the file limit: uploads are bounded by the attachment limits, not the JSON body limit.
      API_BODY_LIMIT_BYTES: String(64 * 1024),
    });
    f = new HelpdeskFactory(api);
    const team = await f.team('Front Desk', true);
    const other = await f.team('Warehouse');
    [li, zhang, outsider] = await Promise.all([f.agent('agent', team, 'Li Wei'), f.agent('agent', team, 'Zhang Min'), f.agent('agent', other, 'Tom Becker')]);
  });

  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Each call comes from its own client address, so only the rate-limit test meets the rate limit. */
  function upload(filename: string, bytes: Buffer, client = `198.51.100.${++clients % 250}`) {
    return api.http.post('/api/uploads').set('X-Forwarded-For', client).attach('file', bytes, { filename, contentType: 'application/octet-stream' });
  }

  const uploaded = async (filename: string, bytes: Buffer) => {
    const { body } = await upload(filename, bytes).expect(201);
    return { id: body.id as string, uploadToken: body.uploadToken as string };
  };

  async function storedFiles(): Promise<string[]> {
    const prefixes = await readdir(join(dir, 'sha256')).catch(() => [] as string[]);
    return (await Promise.all(prefixes.map((p) => readdir(join(dir, 'sha256', p))))).flat().sort();
  }

  const rowCount = async (): Promise<number> => (await api.database.db.query(`SELECT count(*)::int AS n FROM attachments`))[0].n;
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const store = () => api.app.get(AttachmentStore);

  it('takes an upload, sniffs its type, and answers its id, one-time token and inline flag', async () => {
    const res = await upload('screen.png', SAMPLE_FILES.png).expect(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      uploadToken: expect.stringMatching(/^[A-Za-z0-9_-]{32}$/),
      filename: 'screen.png',
      contentType: 'image/png',
      sizeBytes: SAMPLE_FILES.png.length,
      inline: true,
    });
    const [row] = await api.database.db.query(`SELECT ticket_id, sha256, upload_token_hash FROM attachments WHERE id = $1`, [res.body.id]);
    expect(row).toMatchObject({ ticket_id: null, sha256: sha256(SAMPLE_FILES.png) });
    expect(row.upload_token_hash).not.toBe(res.body.uploadToken);
    expect(await storedFiles()).toContain(sha256(SAMPLE_FILES.png));
  });

  it('takes a file up to the file limit, past the JSON body limit', async () => {
    expect((await upload('large.png', pngOfSize(100 * KB)).expect(201)).body.sizeBytes).toBe(100 * KB);
  });

  it.each([
    ['a lying extension', 'invoice.pdf', SAMPLE_FILES.png, 415, 'attachment-type-refused'],
    ['an executable named as an image', 'photo.png', SAMPLE_FILES.exe, 415, 'attachment-type-refused'],
    ['an SVG', 'logo.svg', SAMPLE_FILES.svg, 415, 'attachment-type-refused'],
    ['HTML under a text name', 'notes.txt', SAMPLE_FILES.html, 415, 'attachment-type-refused'],
    ['a file over the size limit', 'big.png', pngOfSize(100 * KB + 1), 413, 'attachments-too-large'],
  ])('refuses %s with problem+json and stores nothing', async (_what, filename, bytes, status, type) => {
    const [rowsBefore, filesBefore] = [await rowCount(), await storedFiles()];
    const res = await upload(filename, bytes).expect(status);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status, type: expect.stringContaining(type) });
    expect(await rowCount()).toBe(rowsBefore);
    expect(await storedFiles()).toEqual(filesBefore);
  });

  it('says why a type is refused with a code and the names it rests on, for pages to say in their language', async () => {
    expect((await upload('invoice.pdf', SAMPLE_FILES.png).expect(415)).body).toMatchObject({ filename: 'invoice.pdf', refusal: 'name-mismatch', extension: 'pdf', detectedType: 'png', detectedMime: 'image/png' });
    expect((await upload('setup.exe', SAMPLE_FILES.text).expect(415)).body).toMatchObject({ refusal: 'executable-name', extension: 'exe' });
    expect((await upload('logo.svg', SAMPLE_FILES.svg).expect(415)).body).toMatchObject({ refusal: 'markup-name', extension: 'svg' });
  });

  it('refuses a body that is not a multipart form, a form without a file, and two files at once', async () => {
    const rowsBefore = await rowCount();
    await api.http.post('/api/uploads').set('X-Forwarded-For', '192.0.2.1').send({ file: 'x' }).expect(400);
    await api.http.post('/api/uploads').set('X-Forwarded-For', '192.0.2.2').field('note', 'no file').expect(400);
    const two = await api.http
      .post('/api/uploads')
      .set('X-Forwarded-For', '192.0.2.3')
      .attach('file', SAMPLE_FILES.png, 'a.png')
      .attach('file', SAMPLE_FILES.gif, 'b.gif')
      .expect(400);
    expect(two.body.errors[0].messages[0]).toMatch(/one file/);
    for (const contentType of ['multipart/form-data; boundary=xyz', 'multipart/form-data']) {
      const garbled = await api.http.post('/api/uploads').set('X-Forwarded-For', '192.0.2.4').set('Content-Type', contentType).send('--xyz\r\nnot a part');
      expect(garbled.status).toBe(400);
      expect(garbled.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await rowCount()).toBe(rowsBefore);
  });

  it('limits uploads per client address and minute, with Retry-After', async () => {
    // 11 at a limit of 5 a minute: at least one is refused even if a minute turns in between.
    const statuses: number[] = [];
    let refused: Awaited<ReturnType<typeof upload>> | undefined;
    for (let i = 0; i < 11; i++) {
      const res = await upload('notes.txt', SAMPLE_FILES.text, '203.0.113.7');
      statuses.push(res.status);
      if (res.status === 429) refused ??= res;
    }
    expect(statuses.every((s) => s === 201 || s === 429)).toBe(true);
    expect(statuses.slice(0, 5)).toEqual([201, 201, 201, 201, 201]);
    if (!refused) throw new Error(`no upload was refused: ${statuses.join(', ')}`);
    expect(refused.body).toMatchObject({ status: 429, type: expect.stringContaining('too-many-uploads') });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    await upload('notes.txt', SAMPLE_FILES.text, '203.0.113.8').expect(201);
  });

  it('a new issue carries its files in the opening event; the customer downloads them byte for byte, with safe headers', async () => {
    const png = await uploaded('截图 1.png', SAMPLE_FILES.png);
    const pdf = await uploaded('invoice.pdf', SAMPLE_FILES.pdf);
    const ticket = await f.customerTicket({ attachments: [png, pdf] });
    const track = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    const created = track.body.timeline.find((e: { type: string }) => e.type === 'created');
    expect(created.data.attachments).toEqual([
      { id: png.id, filename: '截图 1.png', contentType: 'image/png', sizeBytes: SAMPLE_FILES.png.length, inline: true },
      { id: pdf.id, filename: 'invoice.pdf', contentType: 'application/pdf', sizeBytes: SAMPLE_FILES.pdf.length, inline: false },
    ]);

    const image = await api.http.get(`/api/track/${ticket.code}/attachments/${png.id}`).set('X-Tracking-Token', ticket.trackingToken).responseType('blob').expect(200);
    expect(Buffer.compare(image.body as Buffer, SAMPLE_FILES.png)).toBe(0);
    expect(sha256(image.body as Buffer)).toBe(sha256(SAMPLE_FILES.png));
    expect(image.headers).toMatchObject({
      'content-type': 'image/png',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `inline; filename="__ 1.png"; filename*=UTF-8''${encodeURIComponent('截图 1.png')}`,
    });

    const document = await api.http.get(`/api/track/${ticket.code}/attachments/${pdf.id}`).set('X-Tracking-Token', ticket.trackingToken).responseType('blob').expect(200);
    expect(sha256(document.body as Buffer)).toBe(sha256(SAMPLE_FILES.pdf));
    expect(document.headers['content-disposition']).toMatch(/^attachment; filename="invoice.pdf"/);
    expect(document.headers['x-content-type-options']).toBe('nosniff');

    const rows = await api.database.db.query(`SELECT ticket_id, event_seq, message_id, visibility, added_by_type, upload_token_hash FROM attachments WHERE id = $1`, [png.id]);
    expect(rows[0]).toMatchObject({ ticket_id: ticket.id, event_seq: 1, message_id: null, visibility: 'public', added_by_type: 'customer', upload_token_hash: null });
  });

  it('an upload attaches once: a second use, a wrong token or an unknown id refuses the whole message and changes nothing', async () => {
    const ticket = await f.customerTicket();
    const png = await uploaded('a.png', SAMPLE_FILES.png);
    const reply = (attachments: unknown) =>
      api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'see file', attachments });
    await reply([png]).expect(201);
    const before = await f.snapshot(ticket.id);
    for (const attachments of [[png], [{ id: png.id, uploadToken: 'x'.repeat(32) }], [{ id: '00000000-0000-4000-8000-000000000000', uploadToken: 'y'.repeat(32) }]]) {
      const res = await reply(attachments).expect(422);
      expect(res.body.type).toContain('upload-not-usable');
    }
    const fresh = await uploaded('b.png', SAMPLE_FILES.png);
    await reply([fresh, fresh]).expect(422);
    expect(await f.snapshot(ticket.id)).toEqual(before);
  });

  it('refuses too many files, or too many bytes for one message, leaving the uploads pending and the ticket unchanged', async () => {
    const ticket = await f.customerTicket();
    const [before, four] = [await f.snapshot(ticket.id), [] as Array<{ id: string; uploadToken: string }>];
    for (let i = 0; i < 4; i++) four.push(await uploaded(`f${i}.png`, pngOfSize(10 * KB + i)));
    const tooMany = await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'files', attachments: four }).expect(422);
    expect(tooMany.body).toMatchObject({ type: expect.stringContaining('too-many-attachments'), count: 4, limit: 3 });

    const heavy: typeof four = [];
    for (let i = 0; i < 3; i++) heavy.push(await uploaded(`h${i}.png`, pngOfSize(90 * KB + i)));
    const tooBig = await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'files', attachments: heavy }).expect(413);
    expect(tooBig.body).toMatchObject({ type: expect.stringContaining('attachments-too-large'), scope: 'message', limitBytes: 250 * KB });
    expect(await f.snapshot(ticket.id)).toEqual(before);
    const pending = await api.database.db.query(`SELECT count(*)::int AS n FROM attachments WHERE id = ANY($1::uuid[]) AND ticket_id IS NULL`, [[...four, ...heavy].map((u) => u.id)]);
    expect(pending[0].n).toBe(7);
  });

  it('refuses a message that would take the ticket past its byte limit', async () => {
    const ticket = await f.customerTicket();
    const send = async (size: number) => {
      const attachments = [await uploaded('a.png', pngOfSize(size)), await uploaded('b.png', pngOfSize(size + 1))];
      return api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'more', attachments });
    };
    expect((await send(99 * KB)).status).toBe(201);
    expect((await send(98 * KB)).status).toBe(201);
    const refused = await send(97 * KB);
    expect(refused.status).toBe(413);
    expect(refused.body).toMatchObject({ scope: 'ticket', limitBytes: 400 * KB });
  });

  it('an internal note\'s file is the agents\' only; a public reply\'s file reaches the customer; other tickets\' files are 404', async () => {
    const ticket = await f.customerTicket();
    await api.http.post(`/api/tickets/${ticket.id}/claim`).set(li.auth).expect(200);
    const internal = await uploaded('server.log', SAMPLE_FILES.text);
    const note = await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'the log', visibility: 'internal', attachments: [internal] }).expect(201);
    expect(note.body.events[0].payload.attachments).toEqual([expect.objectContaining({ id: internal.id, contentType: 'text/plain; charset=utf-8', inline: false })]);
    const publicFile = await uploaded('steps.pdf', SAMPLE_FILES.pdf);
    // A refused act is refused for what it is, before its uploads are looked at.
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(zhang.auth).send({ body: 'mine', visibility: 'public', attachments: [internal] }).expect(403);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'follow these', visibility: 'public', attachments: [publicFile] }).expect(201);

    const customer = (id: string, code = ticket.code, token = ticket.trackingToken) =>
      api.http.get(`/api/track/${code}/attachments/${id}`).set('X-Tracking-Token', token);
    await customer(internal.id).expect(404);
    await customer(publicFile.id).expect(200);
    const track = await api.http.get(`/api/track/${ticket.code}`).set('X-Tracking-Token', ticket.trackingToken).expect(200);
    expect(JSON.stringify(track.body)).not.toContain(internal.id);

    const otherTicket = await f.customerTicket();
    await customer(publicFile.id, otherTicket.code, otherTicket.trackingToken).expect(404);
    await customer(publicFile.id, ticket.code, otherTicket.trackingToken).expect(404);
    await api.http.get(`/api/track/${ticket.code}/attachments/${publicFile.id}`).expect(401);

    const agentGet = (agent: TestAgent, id: string, ticketId = ticket.id) => api.http.get(`/api/tickets/${ticketId}/attachments/${id}`).set(agent.auth).responseType('blob');
    const log = await agentGet(zhang, internal.id).expect(200);
    expect(sha256(log.body as Buffer)).toBe(sha256(SAMPLE_FILES.text));
    expect(log.headers['content-disposition']).toMatch(/^attachment;/);
    expect(log.headers['content-type']).toBe('text/plain; charset=utf-8');
    await agentGet(outsider, internal.id).expect(404);
    await agentGet(li, internal.id, otherTicket.id).expect(404);
    await api.http.get(`/api/tickets/${ticket.id}/attachments/${internal.id}`).expect(401);
  });

  it('agents upload too, and an opening by an agent records the agent as the one who added the file', async () => {
    const res = await api.http.post('/api/uploads').set(li.auth).attach('file', SAMPLE_FILES.jpeg, 'photo.jpg').expect(201);
    await api.http.post('/api/uploads').set({ Authorization: 'Bearer nonsense' }).attach('file', SAMPLE_FILES.jpeg, 'photo.jpg').expect(401);
    const customer = { name: 'Caller', email: `caller-${Date.now()}@example.com` };
    const attachments = [{ id: res.body.id, uploadToken: res.body.uploadToken }];
    const opened = await api.http.post('/api/tickets').set(li.auth).send({ subject: 'Phoned in', description: 'Customer called', customer, attachments }).expect(201);
    const [row] = await api.database.db.query(`SELECT added_by_type, added_by_id, ticket_id FROM attachments WHERE id = $1`, [res.body.id]);
    expect(row).toEqual({ added_by_type: 'agent', added_by_id: li.id, ticket_id: opened.body.id });
  });

  it('concurrent retries of an opening with a file and one Idempotency-Key make one ticket; every retry gets it', async () => {
    const png = await uploaded('receipt.png', SAMPLE_FILES.png);
    const body = {
      subject: 'Charged twice for one order',
      description: 'The receipt is attached.',
      channel: 'web',
      kind: 'problem',
      customer: { name: 'Retry Customer', email: `retry-${Date.now()}@example.com` },
      attachments: [png],
    };
    const results = await Promise.all(Array.from({ length: 6 }, () => api.http.post('/api/tickets').set('Idempotency-Key', 'double-submit-1').send(body)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect((await api.database.db.query(`SELECT count(*)::int AS n FROM attachments WHERE ticket_id = $1`, [results[0].body.id]))[0].n).toBe(1);
  });

  it('forTicket finds every file of a ticket, public and internal, with its storage key', async () => {
    const ticket = await f.customerTicket({ attachments: [await uploaded('a.png', SAMPLE_FILES.png)] });
    await api.http.post(`/api/track/${ticket.code}/messages`).set('X-Tracking-Token', ticket.trackingToken).send({ body: 'b', attachments: [await uploaded('b.csv', SAMPLE_FILES.csv)] }).expect(201);
    await api.http.post(`/api/tickets/${ticket.id}/messages`).set(li.auth).send({ body: 'c', visibility: 'internal', attachments: [await uploaded('c.gif', SAMPLE_FILES.gif)] }).expect(201);
    const files = await store().forTicket(ticket.id);
    expect(files.map((r) => [r.filename, r.visibility, (r.eventSeq ?? 0) > 0])).toEqual([
      ['a.png', 'public', true],
      ['b.csv', 'public', true],
      ['c.gif', 'internal', true],
    ]);
    const stored = await storedFiles();
    for (const file of files) expect(stored).toContain(file.sha256);
  });
});
