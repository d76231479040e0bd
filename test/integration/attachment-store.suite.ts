import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FILE_STORAGE, type FileStorage } from '@firsthand/attachments';
import { AttachmentStore, CustomerErasures, lockStoredBytesAlone, Transactions } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { pngOfSize, SAMPLE_FILES } from '../../libs/attachments/src/testing/sample-files.js';
import { HelpdeskFactory } from '../factories/helpdesk.factory.js';
import { startApi, type ApiHarness } from '../support/api-harness.js';

const KB = 1000;

/** What the email intake and the worker call: files attached from a mail, and the sweep of forgotten uploads. */
describe('AttachmentStore on a real database and a temporary directory', () => {
  let api: ApiHarness;
  let f: HelpdeskFactory;
  let dir: string;
  let clients = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'fh-attachment-store-'));
    api = await startApi({
      FIRSTHAND_ATTACHMENTS_DIR: dir,
      FIRSTHAND_ATTACHMENT_MAX_FILE_BYTES: String(100 * KB),
      FIRSTHAND_ATTACHMENT_MAX_MESSAGE_BYTES: String(300 * KB),
      FIRSTHAND_ATTACHMENT_MAX_PENDING_UPLOADS: '10',
      FIRSTHAND_ATTACHMENT_MAX_PENDING_BYTES: String(300 * KB),
    });
    f = new HelpdeskFactory(api);
    await f.team('Front Desk', true);
  });

  afterAll(async () => {
    await api.close();
    await rm(dir, { recursive: true, force: true });
  });

  const store = () => api.app.get(AttachmentStore);
  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
  const uploaded = async (filename: string, bytes: Buffer) => {
    const { body } = await api.http.post('/api/uploads').set('X-Forwarded-For', `198.51.100.${++clients}`).attach('file', bytes, filename).expect(201);
    return { id: body.id as string, uploadToken: body.uploadToken as string };
  };

  async function storedFiles(): Promise<string[]> {
    const prefixes = await readdir(join(dir, 'sha256')).catch(() => [] as string[]);
    return (await Promise.all(prefixes.map((p) => readdir(join(dir, 'sha256', p))))).flat().sort();
  }

  it('a mail\'s files are attached at once; refused ones come back with their reason instead of failing the message', async () => {
    const ticket = await f.customerTicket();
    const [{ customer_id: customerId }] = await api.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticket.id]);
    const result = await api.app.get(Transactions).run((tx) =>
      store().attachFiles(tx, { ticketId: ticket.id, eventSeq: 1, messageId: null, visibility: 'public', addedBy: { type: 'customer', id: customerId } }, [
        { filename: 'receipt.pdf', bytes: SAMPLE_FILES.pdf, declaredType: 'application/pdf' },
        { filename: 'virus.pdf', bytes: SAMPLE_FILES.exe },
        { filename: 'huge.png', bytes: pngOfSize(100 * KB + 1) },
        { filename: 'logs.zip', bytes: SAMPLE_FILES.zip },
      ]),
    );
    expect(result.stored.map((v) => [v.filename, v.contentType])).toEqual([
      ['receipt.pdf', 'application/pdf'],
      ['logs.zip', 'application/zip'],
    ]);
    expect(result.refused).toEqual([
      { filename: 'virus.pdf', reason: expect.stringContaining('executable'), why: 'type' },
      { filename: 'huge.png', reason: expect.stringContaining('per file'), why: 'size' },
    ]);
    expect((await store().forTicket(ticket.id)).map((r) => r.filename).sort()).toEqual(['logs.zip', 'receipt.pdf']);
  });

  it('sweeps uploads never attached after 24 hours, keeping bytes another row still needs', async () => {
    const unique = pngOfSize(5 * KB + 17);
    await f.customerTicket({ attachments: [await uploaded('kept.png', SAMPLE_FILES.png)] });
    const lone = await uploaded('lone.png', unique);
    const shared = await uploaded('shared.png', SAMPLE_FILES.png);
    const fresh = await uploaded('fresh.png', pngOfSize(5 * KB + 18));
    // Expired, and its bytes stored again a moment ago (a mail's file whose row is still committing): the bytes stay.
    const again = pngOfSize(5 * KB + 19);
    const storedAgain = await uploaded('stored-again.png', again);
    const expiredIds = [lone.id, shared.id, storedAgain.id];
    await api.database.db.query(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = ANY($1::uuid[])`, [expiredIds]);
    const dayAgo = new Date(Date.now() - 25 * 3_600_000);
    for (const bytes of [unique, SAMPLE_FILES.png]) await utimes(join(dir, 'sha256', sha256(bytes).slice(0, 2), sha256(bytes)), dayAgo, dayAgo);
    const swept = await store().sweepPendingUploads();
    expect(swept).toBeGreaterThanOrEqual(3);
    const left = await api.database.db.query(`SELECT id FROM attachments WHERE id = ANY($1::uuid[])`, [[...expiredIds, fresh.id]]);
    expect(left.map((r: { id: string }) => r.id)).toEqual([fresh.id]);
    const stored = await storedFiles();
    expect(stored).not.toContain(sha256(unique));
    expect(stored).toContain(sha256(again));
    expect(stored).toContain(sha256(SAMPLE_FILES.png));
    expect(stored).toContain(sha256(pngOfSize(5 * KB + 18)));
    const expired = await api.http.post('/api/tickets').send({ subject: 'Late', description: 'x', customer: { name: 'L', email: `late-${Date.now()}@example.com` }, attachments: [lone] }).expect(422);
    expect(expired.body.type).toContain('upload-not-usable');
  });
  describe("an erasure and a mail that carries the same bytes as the erased customer's file", () => {
    const bytesOf = (n: number) => pngOfSize(6 * KB + n);
    const keyOf = (bytes: Buffer) => `sha256/${sha256(bytes).slice(0, 2)}/${sha256(bytes)}`;
    const customerOf = async (ticketId: string) => (await api.database.db.query(`SELECT customer_id FROM tickets WHERE id = $1`, [ticketId]))[0].customer_id as string;
    const attachIn = (tx: EntityManager, ticketId: string, customerId: string, bytes: Buffer) =>
      store().attachFiles(tx, { ticketId, eventSeq: 1, messageId: null, visibility: 'public', addedBy: { type: 'customer', id: customerId } }, [{ filename: 'same.png', bytes }]);
    const erasing = (key: string, erasedTicketId: string) =>
      api.app.get(CustomerErasures).deleteFilesNoLongerNeeded([key], [erasedTicketId], [], (k, checked) => api.app.get<FileStorage>(FILE_STORAGE).delete(k, { unlessWrittenSince: checked }));
    const lockWaits = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'advisory'`))[0].n as number;
    async function untilOneWaits(): Promise<void> {
      for (let i = 0; i < 100 && (await lockWaits()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await lockWaits()).toBe(1);
    }

    async function erasedTicketWith(bytes: Buffer): Promise<string> {
      const erased = await f.customerTicket();
      await api.app.get(Transactions).run(async (tx) => attachIn(tx, erased.id, await customerOf(erased.id), bytes));
      return erased.id;
    }

    it('an erasure that checks while the mail is committing waits for it, and the bytes stay for the mail', async () => {
      const bytes = bytesOf(1);
      const erasedId = await erasedTicketWith(bytes);
      const other = await f.customerTicket();
      const mail = api.database.db.createQueryRunner();
      await mail.connect();
      await mail.startTransaction();
      let erasure: Promise<void> | undefined;
      try {
        await attachIn(mail.manager, other.id, await customerOf(other.id), bytes);
        erasure = erasing(keyOf(bytes), erasedId);
        await untilOneWaits();
        await mail.commitTransaction();
        await erasure;
      } finally {
        if (mail.isTransactionActive) await mail.rollbackTransaction();
        await mail.release();
        await erasure?.catch(() => undefined);
      }
      expect(await storedFiles()).toContain(sha256(bytes));
    });

    it('a mail whose bytes an erasure deleted between their write and its lock stores them again', async () => {
      const bytes = bytesOf(2);
      const other = await f.customerTicket();
      const otherCustomer = await customerOf(other.id);
      // An erasure that judged the bytes unneeded holds their lock while it deletes them.
      const deleter = api.database.db.createQueryRunner();
      await deleter.connect();
      await deleter.startTransaction();
      let mail: Promise<unknown> | undefined;
      try {
        await lockStoredBytesAlone(deleter.manager, keyOf(bytes));
        mail = api.app.get(Transactions).run((tx) => attachIn(tx, other.id, otherCustomer, bytes));
        await untilOneWaits();
        expect(await storedFiles()).toContain(sha256(bytes));
        await api.app.get<FileStorage>(FILE_STORAGE).delete(keyOf(bytes));
        await deleter.commitTransaction();
        await mail;
      } finally {
        if (deleter.isTransactionActive) await deleter.rollbackTransaction();
        await deleter.release();
        await mail?.catch(() => undefined);
      }
      expect(await storedFiles()).toContain(sha256(bytes));
      expect((await store().forTicket(other.id)).map((r) => r.sha256)).toEqual([sha256(bytes)]);
    });
  });

  it('a sweep that waited for an upload a message was claiming at that moment leaves the claimed row alone', async () => {
    const ticket = await f.customerTicket();
    const upload = await uploaded('claimed-late.png', pngOfSize(5 * KB + 21));
    await api.database.db.query(`UPDATE attachments SET created_at = now() - interval '25 hours' WHERE id = $1`, [upload.id]);
    // The claim holds the row's lock while the sweep starts: the sweep picked it as expired and waits.
    const claim = api.database.db.createQueryRunner();
    await claim.connect();
    await claim.startTransaction();
    try {
      await claim.query(`UPDATE attachments SET ticket_id = $2, event_seq = 1, visibility = 'public', upload_token_hash = NULL, bound_at = now() WHERE id = $1 AND ticket_id IS NULL`, [upload.id, ticket.id]);
      const sweeping = store().sweepPendingUploads();
      const waiting = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'DELETE FROM attachments%'`))[0].n;
      for (let i = 0; i < 100 && (await waiting()) === 0; i++) await new Promise((r) => setTimeout(r, 20));
      expect(await waiting()).toBe(1);
      await claim.commitTransaction();
      await sweeping;
    } finally {
      await claim.release();
    }
    expect(await api.database.db.query(`SELECT ticket_id FROM attachments WHERE id = $1`, [upload.id])).toEqual([{ ticket_id: ticket.id }]);
  });
  it("caps one client's uploads waiting to be attached, in count and in bytes: the next is refused (429, problem+json) and nothing is stored; attaching one makes room", async () => {
    const pendingRows = async () => (await api.database.db.query(`SELECT count(*)::int AS n FROM attachments WHERE ticket_id IS NULL`))[0].n;
    const upload = (ip: string, name: string, bytes: Buffer) => api.http.post('/api/uploads').set('X-Forwarded-For', ip).attach('file', bytes, name);
    const waiting: Array<{ id: string; uploadToken: string }> = [];
    for (let i = 0; i < 10; i++) {
      const { body } = await upload('203.0.113.77', `page-${i}.png`, pngOfSize(KB + i)).expect(201);
      waiting.push({ id: body.id, uploadToken: body.uploadToken });
    }
    const before = await pendingRows();
    const eleventh = pngOfSize(KB + 50);
    const refused = await upload('203.0.113.77', 'page-10.png', eleventh).expect(429);
    expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(refused.body).toMatchObject({ type: expect.stringContaining('too-many-pending-uploads'), pending: 10, limit: 10 });
    expect(await pendingRows()).toBe(before);
    expect(await storedFiles()).not.toContain(sha256(eleventh));
    // Another address is not held back; attaching one of the ten makes room for one more.
    await upload('203.0.113.78', 'other.png', pngOfSize(KB + 51)).expect(201);
    await f.customerTicket({ attachments: [waiting[0]] });
    await upload('203.0.113.77', 'page-10.png', eleventh).expect(201);

    // Bytes: 300 KB may wait; three files of 99 KB do not fit.
    await upload('203.0.113.79', 'a.png', pngOfSize(99 * KB)).expect(201);
    await upload('203.0.113.79', 'b.png', pngOfSize(99 * KB + 1)).expect(201);
    await upload('203.0.113.79', 'c.png', pngOfSize(99 * KB + 2)).expect(201);
    const fourth = await upload('203.0.113.79', 'd.png', pngOfSize(99 * KB + 3)).expect(429);
    expect(fourth.body).toMatchObject({ pending: 3, pendingBytes: 3 * 99 * KB + 3, limitBytes: 300 * KB });
  });

  it('uploads sent at once by one client do not pass its cap together: with room for 4 of 10, 4 are stored and 6 refused', async () => {
    const ip = '203.0.113.80';
    const upload = (name: string, bytes: Buffer) => api.http.post('/api/uploads').set('X-Forwarded-For', ip).attach('file', bytes, name);
    for (let i = 0; i < 6; i++) await upload(`early-${i}.png`, pngOfSize(2 * KB + i)).expect(201);
    const burst = Array.from({ length: 10 }, (_, i) => pngOfSize(3 * KB + i));
    const answers = await Promise.all(burst.map((bytes, i) => upload(`burst-${i}.png`, bytes)));
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(4).fill(201), ...Array(6).fill(429)]);
    const stored = new Set(await storedFiles());
    const kept = burst.filter((_, i) => answers[i].status === 201);
    expect(burst.filter((bytes) => stored.has(sha256(bytes)))).toEqual(kept);
    const [{ n }] = await api.database.db.query(
      `SELECT count(*)::int AS n FROM attachments WHERE ticket_id IS NULL AND (filename LIKE 'early-%' OR filename LIKE 'burst-%')`,
    );
    expect(n).toBe(10);
  });
});
