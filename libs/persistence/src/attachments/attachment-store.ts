import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Readable } from 'node:stream';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { cleanFilename, FILE_STORAGE, sniffFile, type FileStorage } from '@firsthand/attachments';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import {
  assertFileFits,
  assertMessageFits,
  AttachmentTypeRefused,
  Clock,
  selectFilesThatFit,
  showsInline,
  TooManyPendingUploads,
  UploadNotUsable,
  type AttachmentLimits,
  type FileNotAttached,
  type AttachmentRef,
  type Visibility,
} from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { toAttachmentRecord, toAttachmentRef, toAttachmentView, type AttachmentRecord, type AttachmentRow, type AttachmentView } from './attachment-row.js';
import { holdStoredBytes } from './stored-bytes-lock.js';
import { preparedRows } from '../prepared-query.js';
import { MESSAGES_WRITTEN_BEHIND, writeBehindIn } from '../write-behind.js';

/** Where bound files belong: the ticket, the event that carries them, the message (none for an opening). */
export interface AttachmentOwner {
  ticketId: string;
  eventSeq: number;
  messageId: string | null;
  visibility: Visibility;
  addedBy: { type: 'agent' | 'customer'; id: string };
}

export interface IncomingFile {
  filename: string;
  bytes: Buffer;
  /** What the sender claimed; recorded nowhere and trusted for nothing, the bytes decide. */
  declaredType?: string;
}

/** What a client presents to attach an upload it made: the id and the one-time token it got back. */
export interface UploadRef {
  id: string;
  uploadToken: string;
}

export interface StagedUpload {
  id: string;
  uploadToken: string;
  view: AttachmentView;
}

export interface RefusedFile {
  filename: string;
  /** In words, for admins. */
  reason: string;
  /** What stopped it, for the customer's message. */
  why: FileNotAttached['why'];
  /** See `FileNotAttached.unnamed`. */
  unnamed?: number;
}

/** Files of a mail checked before its rule runs: `refs` go into the message event, `attachFiles` binds them. */
export interface PreparedFiles {
  accepted: Array<{ view: AttachmentView; bytes: Buffer }>;
  refused: RefusedFile[];
  /**
   * Set when the accepted files are known to fit their ticket's byte budget, so attaching them need
   * not read the ticket's total again: fitted under its lock (`fitToTicket`), or prepared for a ticket
   * still to open (`prepareFiles` with no ticket: its budget is whole, and nothing else can add files
   * to a ticket before its opening commits).
   */
  fitted?: true;
}

/** An upload not attached to a message within this time is swept away, bytes and row. */
export const PENDING_UPLOAD_TTL_MS = 24 * 60 * 60 * 1000;
/** Longer than any transaction between storing a file and committing its row. */
const RECENT_WRITE_MS = 10 * 60_000;

const COLUMNS = `id, ticket_id, event_seq, message_id, visibility, filename, content_type, size_bytes, sha256, storage_key,
  added_by_type, added_by_id, created_at, bound_at`;

/**
 * Attachment rows and their bytes. Uploads from the web are staged (a pending row with a hashed
 * one-time token) and claimed by the message that carries them, in the message's transaction; files
 * that arrive inside a mail are attached at once, each refused one with its reason.
 */
@Injectable()
export class AttachmentStore {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(FILE_STORAGE) private readonly storage: FileStorage,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly clock: Clock,
  ) {}

  get limits(): AttachmentLimits {
    return this.config.attachments;
  }

  /** Sniffs, stores and records one uploaded file; refuses (and stores nothing) when it is too large or not a type we take. */
  /**
   * `uploader`: a keyed hash of who uploads (an address, a signed-in agent), whose uploads waiting
   * to be attached are capped in count and bytes; null for none (uploads made by the system).
   */
  async stageUpload(file: IncomingFile, addedBy: { type: 'agent' | 'customer'; id: string | null }, uploader: string | null = null): Promise<StagedUpload> {
    assertFileFits(file.bytes.length, this.limits);
    const filename = cleanFilename(file.filename);
    const sniffed = await sniffFile(filename, file.bytes);
    if (!sniffed.accepted) {
      const { refusal, extension, detectedType, detectedMime } = sniffed;
      throw new AttachmentTypeRefused(filename, sniffed.reason, { refusal, extension, detectedType, detectedMime });
    }
    const id = randomUUID();
    const uploadToken = randomBytes(24).toString('base64url');
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    // The row first, then the bytes: the sweep deletes a file only when no row names it, so it can
    // never remove bytes that a new upload of the same content is about to use.
    const key = `sha256/${sha256.slice(0, 2)}/${sha256}`;
    const row = await this.db.transaction(async (tx) => {
      // One uploader's uploads are counted and recorded one at a time: checked apart from the
      // insert, a burst of concurrent uploads would all see the same room and pass the cap together.
      if (uploader !== null) await this.assertRoomToWait(tx, uploader, file.bytes.length);
      const [inserted] = (await tx.query(
        `INSERT INTO attachments (id, filename, content_type, size_bytes, sha256, storage_key, added_by_type, added_by_id, upload_token_hash, created_at, uploader_hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING ${COLUMNS}`,
        [id, filename, sniffed.contentType, file.bytes.length, sha256, key, addedBy.type, addedBy.id, tokenHash(uploadToken), this.clock.now(), uploader],
      )) as AttachmentRow[];
      return inserted;
    });
    try {
      const stored = await this.storage.put(file.bytes);
      if (stored.key !== key) throw new Error(`Storage keyed ${stored.key}, expected ${key}`);
    } catch (error) {
      await this.db.query(`DELETE FROM attachments WHERE id = $1`, [id]);
      throw error;
    }
    return { id, uploadToken, view: toAttachmentView(row as AttachmentRow) };
  }

  /**
   * The uploads a message will carry, checked before its rule runs so the event can name them:
   * each must be pending, unexpired and presented with its token, and together they must fit one
   * message. `claimUploads` checks again under the ticket's lock.
   */
  async previewUploads(refs: readonly UploadRef[], em: EntityManager = this.db.manager): Promise<AttachmentRef[]> {
    if (refs.length === 0) return [];
    const rows = await this.pendingRows(em, refs);
    assertMessageFits(rows.map((r) => Number(r.size_bytes)), 0, this.limits);
    return rows.map((row) => toAttachmentRef(toAttachmentView(row)));
  }

  /** Binds pending uploads to the message that carries them, inside its transaction; refuses the whole change otherwise. */
  async claimUploads(tx: EntityManager, refs: readonly UploadRef[], owner: AttachmentOwner): Promise<AttachmentView[]> {
    if (refs.length === 0) return [];
    const rows = await this.pendingRows(tx, refs, 'FOR UPDATE');
    assertMessageFits(rows.map((r) => Number(r.size_bytes)), await this.ticketBytes(tx, owner.ticketId), this.limits);
    const bound: unknown = await tx.query(
      `UPDATE attachments SET ticket_id = $2, event_seq = $3, message_id = $4, visibility = $5, added_by_type = $6, added_by_id = $7,
         upload_token_hash = NULL, uploader_hash = NULL, bound_at = $8
       WHERE id = ANY($1::uuid[]) AND ticket_id IS NULL RETURNING ${COLUMNS}`,
      [rows.map((r) => r.id), owner.ticketId, owner.eventSeq, owner.messageId, owner.visibility, owner.addedBy.type, owner.addedBy.id, this.clock.now()],
    );
    const boundRows = returnedRows<AttachmentRow>(bound);
    if (boundRows.length !== rows.length) throw new UploadNotUsable(refs.map((r) => r.id));
    return orderLike(refs, boundRows).map(toAttachmentView);
  }

  /**
   * Sniffs and sizes a mail's files without storing anything: what is refused says why, and what is
   * accepted has its id already, for the message event. `ticketId` null: a ticket still to open.
   */
  async prepareFiles(files: readonly IncomingFile[], ticketId: string | null, em: EntityManager = this.db.manager): Promise<PreparedFiles> {
    const refused: RefusedFile[] = [];
    const candidates: Array<{ filename: string; sizeBytes: number; view: AttachmentView; bytes: Buffer }> = [];
    for (const file of files) {
      const filename = cleanFilename(file.filename);
      const sniffed = file.bytes.length > this.limits.maxFileBytes ? null : await sniffFile(filename, file.bytes);
      if (sniffed && !sniffed.accepted) {
        refused.push({ filename, reason: sniffed.reason, why: 'type' });
        continue;
      }
      const sha256 = createHash('sha256').update(file.bytes).digest('hex');
      const contentType = sniffed?.contentType ?? 'application/octet-stream';
      const view: AttachmentView = { id: randomUUID(), filename, contentType, sizeBytes: file.bytes.length, inline: showsInline(contentType), sha256 };
      candidates.push({ filename, sizeBytes: file.bytes.length, view, bytes: file.bytes });
    }
    // The ticket's total is read only when there is something to fit into it.
    const fit = selectFilesThatFit(candidates, ticketId && candidates.length > 0 ? await this.ticketBytes(em, ticketId) : 0, this.limits);
    return {
      accepted: fit.kept.map(({ view, bytes }) => ({ view, bytes })),
      refused: [...refused, ...fit.refused.map(({ file, reason, why }) => ({ filename: file.filename, reason, why }))],
      ...(ticketId === null ? { fitted: true as const } : {}),
    };
  }

  /**
   * Prepared files checked again against the ticket's byte budget, under the ticket's row lock:
   * another message may have added files since they were prepared. What no longer fits joins the
   * refused, with why.
   */
  async fitToTicket(tx: EntityManager, ticketId: string, prepared: PreparedFiles): Promise<PreparedFiles> {
    if (prepared.accepted.length === 0) return { ...prepared, fitted: true };
    const fit = selectFilesThatFit(
      prepared.accepted.map((a) => ({ ...a, filename: a.view.filename, sizeBytes: a.view.sizeBytes })),
      await this.ticketBytes(tx, ticketId),
      this.limits,
    );
    return {
      accepted: fit.kept.map(({ view, bytes }) => ({ view, bytes })),
      refused: [...prepared.refused, ...fit.refused.map(({ file, reason, why }) => ({ filename: file.filename, reason, why }))],
      fitted: true,
    };
  }

  /**
   * Attaches files that arrived inside a mail to the message that carries them, in its transaction.
   * Nothing is thrown for a file: over-limit and refused types come back in `refused`.
   */
  async attachFiles(tx: EntityManager, owner: AttachmentOwner, files: readonly IncomingFile[] | PreparedFiles): Promise<{ stored: AttachmentView[]; refused: RefusedFile[] }> {
    // Files prepared here are fitted in the caller's transaction already; prepared ones are fitted
    // again unless they were fitted under the ticket's lock (or for a ticket still to open).
    const prepared = isPrepared(files) ? files : { ...(await this.prepareFiles(files, owner.ticketId, tx)), fitted: true as const };
    const { accepted, refused } = prepared.fitted ? prepared : await this.fitToTicket(tx, owner.ticketId, prepared);
    const stored: AttachmentView[] = [];
    const now = this.clock.now();
    // The message these files belong to may be waiting to be written with others of its transaction.
    if (owner.messageId && accepted.length > 0) await writeBehindIn(tx)?.flushKind(MESSAGES_WRITTEN_BEHIND);
    for (const { view, bytes } of accepted) {
      const { key } = await this.storage.put(bytes);
      // An erasure that checked before this row could commit may have deleted the bytes meanwhile.
      await holdStoredBytes(tx, key);
      if (!(await this.storage.exists(key))) await this.storage.put(bytes);
      await tx.query(
        `INSERT INTO attachments (id, ticket_id, event_seq, message_id, visibility, filename, content_type, size_bytes, sha256, storage_key,
           added_by_type, added_by_id, created_at, bound_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)`,
        [view.id, owner.ticketId, owner.eventSeq, owner.messageId, owner.visibility, view.filename, view.contentType, view.sizeBytes, view.sha256, key,
          owner.addedBy.type, owner.addedBy.id, now],
      );
      stored.push(view);
    }
    return { stored, refused };
  }

  /** Every file of a ticket, whatever its visibility: what erasing the ticket's data must remove. */
  async forTicket(ticketId: string, em: EntityManager = this.db.manager): Promise<AttachmentRecord[]> {
    const rows = (await em.query(`SELECT ${COLUMNS} FROM attachments WHERE ticket_id = $1 AND erased_at IS NULL ORDER BY event_seq, created_at, id`, [ticketId])) as AttachmentRow[];
    return rows.map(toAttachmentRecord);
  }

  /** One file of a ticket as its audience may see it: a customer sees public files only. */
  async findVisible(ticketId: string, attachmentId: string, audience: 'agent' | 'customer'): Promise<AttachmentRecord | null> {
    const rows = (await this.db.query(
      `SELECT ${COLUMNS} FROM attachments WHERE id = $1 AND ticket_id = $2 AND erased_at IS NULL ${audience === 'customer' ? `AND visibility = 'public'` : ''}`,
      [attachmentId, ticketId],
    )) as AttachmentRow[];
    return rows[0] ? toAttachmentRecord(rows[0]) : null;
  }

  /** The bytes of a stored file; null when they are missing from the storage. */
  async openBytes(record: AttachmentRecord): Promise<Readable | null> {
    return (await this.storage.exists(record.storageKey)) ? this.storage.read(record.storageKey) : null;
  }

  /** Removes uploads never attached within the time allowed, rows and then bytes no row still names. */
  async sweepPendingUploads(olderThanMs = PENDING_UPLOAD_TTL_MS, batch = 500): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - olderThanMs);
    const removed = returnedRows<{ storage_key: string }>(
      await this.db.query(
        // The conditions again outside the sub-select: a row a message claimed while this waited for its
        // lock is checked again as it now stands (the sub-select's answer is not), and kept.
        `DELETE FROM attachments WHERE id IN (SELECT id FROM attachments WHERE ticket_id IS NULL AND created_at < $1 ORDER BY created_at LIMIT $2)
           AND ticket_id IS NULL AND created_at < $1
         RETURNING storage_key`,
        [cutoff, batch],
      ),
    );
    const keys = new Set(removed.map((r) => r.storage_key));
    for (const key of keys) {
      // Bytes written lately are kept: a mail's files are stored before the transaction that adds
      // their rows commits, so a new user of the same bytes may not show in this check yet.
      const writtenLately = new Date(Date.now() - RECENT_WRITE_MS);
      const [still] = (await this.db.query(`SELECT 1 FROM attachments WHERE storage_key = $1 LIMIT 1`, [key])) as unknown[];
      if (!still) await this.storage.delete(key, { unlessWrittenSince: writtenLately });
    }
    return removed.length;
  }

  /** The uploader's files still waiting to be attached leave room for one more of `sizeBytes`; holds the uploader's lock until `tx` ends. */
  private async assertRoomToWait(tx: EntityManager, uploader: string, sizeBytes: number): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtextextended('pending-uploads:' || $1, 0))`, [uploader]);
    const cutoff = new Date(this.clock.now().getTime() - PENDING_UPLOAD_TTL_MS);
    const [row] = (await tx.query(
      `SELECT count(*)::int AS n, coalesce(sum(size_bytes), 0)::bigint AS bytes FROM attachments WHERE ticket_id IS NULL AND uploader_hash = $1 AND created_at > $2`,
      [uploader, cutoff],
    )) as Array<{ n: number; bytes: string }>;
    const { maxPendingUploads, maxPendingBytes } = this.config.attachments;
    const pending = row?.n ?? 0;
    const pendingBytes = Number(row?.bytes ?? 0);
    if (pending + 1 > maxPendingUploads || pendingBytes + sizeBytes > maxPendingBytes) throw new TooManyPendingUploads(pending, maxPendingUploads, pendingBytes, maxPendingBytes);
  }

  private async ticketBytes(em: EntityManager, ticketId: string): Promise<number> {
    const [row] = await preparedRows<{ total: string }>(em, `SELECT coalesce(sum(size_bytes), 0)::bigint AS total FROM attachments WHERE ticket_id = $1`, [ticketId]);
    return Number(row?.total ?? 0);
  }

  private async pendingRows(em: EntityManager, refs: readonly UploadRef[], lock = ''): Promise<AttachmentRow[]> {
    const ids = [...new Set(refs.map((r) => r.id))];
    if (ids.length !== refs.length) throw new UploadNotUsable(refs.map((r) => r.id));
    const cutoff = new Date(this.clock.now().getTime() - PENDING_UPLOAD_TTL_MS);
    const rows = (await em.query(
      `SELECT ${COLUMNS}, upload_token_hash FROM attachments WHERE id = ANY($1::uuid[]) AND ticket_id IS NULL AND created_at >= $2 ${lock}`,
      [ids, cutoff],
    )) as Array<AttachmentRow & { upload_token_hash: string }>;
    const usable = rows.filter((row) => tokenMatches(refs.find((r) => r.id === row.id)?.uploadToken ?? '', row.upload_token_hash));
    if (usable.length !== refs.length) {
      const good = new Set(usable.map((r) => r.id));
      throw new UploadNotUsable(refs.filter((r) => !good.has(r.id)).map((r) => r.id));
    }
    return orderLike(refs, usable);
  }
}

/** TypeORM answers an UPDATE or DELETE ... RETURNING as [rows, count], an INSERT or SELECT as the rows. */
function returnedRows<T>(result: unknown): T[] {
  const list = result as unknown[];
  return (Array.isArray(list[0]) ? list[0] : list) as T[];
}

function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function tokenMatches(token: string, hash: string): boolean {
  const presented = Buffer.from(tokenHash(token));
  const expected = Buffer.from(hash);
  return presented.length === expected.length && timingSafeEqual(presented, expected);
}

function orderLike<T extends { id: string }>(refs: readonly { id: string }[], rows: T[]): T[] {
  return refs.map((ref) => rows.find((row) => row.id === ref.id)).filter((row): row is T => row !== undefined);
}

function isPrepared(files: readonly IncomingFile[] | PreparedFiles): files is PreparedFiles {
  return !Array.isArray(files);
}
