import type { HeldMailFacts, TakeInRefusal, TakenInBy } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { lockStoredBytesAlone } from '../attachments/stored-bytes-lock.js';
import { CustomerErasures } from '../customers/customer-erasures.js';
import { preparedRows } from '../prepared-query.js';
import type { HeldEnvelope, InboundMailEntry } from './inbound-mail-log.js';
import { InboundMailLog } from './inbound-mail-log.js';


/** Where a sweep of old held originals goes on from. */
export interface HeldOriginalsCursor {
  receivedAt: Date;
  id: string;
}
/** A claimed take-in: the held mail as the worker needs it to take it in. */
export interface ClaimedTakeIn {
  mailId: string;
  attempts: number;
  originalKey: string | null;
  heldEnvelope: HeldEnvelope | null;
  /** The supervisor who asked (the last to, for a request started over), as the ticket's timeline names them. */
  requestedBy: TakenInBy;
}

/** What a take-in request is decided on, read under the mail's row lock. */
export function heldMailFacts(entry: InboundMailEntry): HeldMailFacts {
  return {
    outcome: entry.outcome,
    heldFor: entry.heldFor,
    originalKept: entry.originalKey !== null && entry.heldEnvelope !== null,
    takeIn: entry.takeIn,
  };
}

/** A request nobody finished: not taken in, refused or given up. */
const OPEN = `taken_at IS NULL AND refused_reason IS NULL AND gave_up_at IS NULL`;

/**
 * Supervisors' requests to take in a held mail (inbound_mail_take_ins). The row is the job: the
 * API's insert, in the transaction of its audit entry, is the whole hand-over; a worker claims it
 * with a lease (one that dies leaves the lease to run out), at most `maxAttempts` times in all, and
 * marks it taken in the transaction that writes the ticket (InboundMailLog.recordTakenIn), refused
 * with why, or given up (a supervisor may ask again).
 */
@Injectable()
export class HeldMailTakeIns {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly log: InboundMailLog,
    private readonly erasures: CustomerErasures,
  ) {}

  /** The mail, its row locked until `tx` ends: two requests for one mail are decided one after the other. */
  async lockMail(mailId: string, tx: EntityManager): Promise<InboundMailEntry | null> {
    const locked: unknown[] = await tx.query(`SELECT 1 FROM inbound_mails WHERE id = $1 FOR UPDATE`, [mailId]);
    return locked.length > 0 ? this.log.find(mailId, tx) : null;
  }

  /**
   * Whether the customer record of this address (or the one it was merged into) has an erasure
   * queued or running. Asked holding both records' locks until `tx` ends, as an erasure is queued
   * under its record's lock (CustomerErasures.request): one queued after this answer waits for `tx`,
   * so it starts after the ticket `tx` may open, and lists it.
   */
  async senderBeingErased(address: string, tx: EntityManager): Promise<boolean> {
    // Locked first, read after: a statement that waited for a lock reads the other tables as they were when it began.
    const [sender] = await tx.query<Array<{ merged_into_id: string | null }>>(`SELECT merged_into_id FROM customers WHERE lower(email) = lower($1) FOR SHARE`, [address]);
    if (!sender) return false;
    if (sender.merged_into_id) await tx.query(`SELECT 1 FROM customers WHERE id = $1 FOR SHARE`, [sender.merged_into_id]);
    return this.erasures.underWayFor(address, tx);
  }

  /** A new request, or one given up before started over (its attempts from nought). Decided by assertMayTakeIn under the mail's lock. */
  async request(mailId: string, agentId: string, tx: EntityManager): Promise<void> {
    const rows = await preparedRows(
      tx,
      `INSERT INTO inbound_mail_take_ins (mail_id, requested_by) VALUES ($1, $2)
       ON CONFLICT (mail_id) DO UPDATE SET requested_by = EXCLUDED.requested_by, requested_at = now(), attempts = 0, lease_until = NULL, last_error = NULL, gave_up_at = NULL
         WHERE inbound_mail_take_ins.gave_up_at IS NOT NULL
       RETURNING mail_id`,
      [mailId, agentId],
    );
    if (rows.length === 0) throw new Error(`Take-in of ${mailId} neither asked for nor given up`);
  }

  /**
   * Takes the oldest request nobody holds (new, or held under a lease that ran out: its worker died
   * or hangs) and tried fewer than `maxAttempts` times; one at a time, so no lease runs out while it
   * waits its turn.
   */
  async claim(leaseMs: number, maxAttempts: number): Promise<ClaimedTakeIn | null> {
    // The statement's last part is a SELECT: its rows come back as they are (not UPDATE … RETURNING's [rows, count]).
    const rows = await this.db.query<Array<{ mail_id: string; attempts: number; original_key: string | null; held_envelope: HeldEnvelope | null; requested_by: string; agent_name: string }>>(
      `WITH claimed AS (
         UPDATE inbound_mail_take_ins SET attempts = attempts + 1, lease_until = now() + make_interval(secs => $1::double precision / 1000)
         WHERE mail_id = (SELECT mail_id FROM inbound_mail_take_ins WHERE ${OPEN} AND (lease_until IS NULL OR lease_until < now()) AND attempts < $2
                          ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
         RETURNING mail_id, attempts, requested_by)
       SELECT c.mail_id, c.attempts, m.original_key, m.held_envelope, c.requested_by, a.name AS agent_name
       FROM claimed c JOIN inbound_mails m ON m.id = c.mail_id JOIN agents a ON a.id = c.requested_by`,
      [leaseMs, maxAttempts],
    );
    const r = rows[0];
    return r ? { mailId: r.mail_id, attempts: r.attempts, originalKey: r.original_key, heldEnvelope: r.held_envelope, requestedBy: { id: r.requested_by, name: r.agent_name } } : null;
  }

  /** Requests tried `maxAttempts` times whose last lease ran out (the mail crashed or hung its worker each time): given up. */
  async giveUpExhausted(maxAttempts: number): Promise<string[]> {
    const rows = await preparedRows<{ mail_id: string }>(
      this.db.manager,
      `UPDATE inbound_mail_take_ins SET gave_up_at = now(), lease_until = NULL, last_error = coalesce(last_error, 'its worker stopped or hung while taking it in')
       WHERE ${OPEN} AND attempts >= $1 AND (lease_until IS NULL OR lease_until < now())
       RETURNING mail_id`,
      [maxAttempts],
    );
    return rows.map((r) => r.mail_id);
  }

  /** The worker will not take it in (what it read says it must never be a ticket): said on the mail's entry. */
  async refuse(mailId: string, refusal: TakeInRefusal): Promise<void> {
    await this.db.query(`UPDATE inbound_mail_take_ins SET refused_reason = $2, lease_until = NULL WHERE mail_id = $1 AND ${OPEN}`, [mailId, refusal]);
  }

  /** Taken in by another worker meanwhile (its mail is on a ticket): the request is done. */
  async takenElsewhere(mailId: string): Promise<void> {
    await this.db.query(
      `UPDATE inbound_mail_take_ins SET taken_at = now(), lease_until = NULL WHERE mail_id = $1 AND ${OPEN}
         AND EXISTS (SELECT 1 FROM inbound_mails m WHERE m.id = $1 AND m.outcome IN ('opened', 'continued'))`,
      [mailId],
    );
  }

  /** An attempt that failed for a passing reason (storage, the database): tried again after `retryAfterMs`, given up after `maxAttempts`. */
  async failed(mailId: string, error: string, retryAfterMs: number, maxAttempts: number): Promise<void> {
    await this.db.query(
      `UPDATE inbound_mail_take_ins SET last_error = left($2, 500),
         gave_up_at = CASE WHEN attempts >= $4 THEN now() END,
         lease_until = CASE WHEN attempts >= $4 THEN NULL ELSE now() + make_interval(secs => $3::double precision / 1000) END
       WHERE mail_id = $1 AND ${OPEN}`,
      [mailId, error, retryAfterMs, maxAttempts],
    );
  }

  /**
   * Held originals older than `before` that nobody took in and nobody is taking in: their bytes are
   * deleted (with `remove`, where no other row names them: storage is content addressed) and the
   * mail keeps its record, no longer takeable, saying why. At most `limit` mails; answers how many.
   */
  async forgetOldOriginals(
    before: Date,
    limit: number,
    note: string,
    remove: (key: string, checked: Date) => Promise<unknown>,
    after: HeldOriginalsCursor | null = null,
    onFailure: (mailId: string, error: unknown) => void = () => undefined,
  ): Promise<{ forgotten: number; next: HeldOriginalsCursor | null }> {
    // Paged by (received_at, id): a mail whose bytes cannot be deleted now is passed over, not met again at the head of every page.
    const due = await this.db.query<Array<{ original_key: string | null; id: string; received_at: Date }>>(
      `SELECT id, original_key, received_at FROM inbound_mails m WHERE held_envelope IS NOT NULL AND received_at < $1 AND outcome IN ('ignored', 'quarantined')
         AND ($3::timestamptz IS NULL OR (received_at, id) > ($3::timestamptz, $4::uuid))
         AND NOT EXISTS (SELECT 1 FROM inbound_mail_take_ins t WHERE t.mail_id = m.id AND t.taken_at IS NULL AND t.refused_reason IS NULL AND t.gave_up_at IS NULL)
       ORDER BY received_at, id LIMIT $2`,
      [before, limit, after?.receivedAt ?? null, after?.id ?? null],
    );
    let forgotten = 0;
    for (const { id, original_key: key } of due) {
      await this.db.transaction(async (tx) => {
        if (key) await lockStoredBytesAlone(tx, key);
        // Under the mail's lock (the API takes it to ask for a take-in), then read afresh: a take-in asked meanwhile keeps the original.
        await tx.query(`SELECT 1 FROM inbound_mails WHERE id = $1 FOR UPDATE`, [id]);
        const rows = await preparedRows<{ id: string }>(
          tx,
          `UPDATE inbound_mails m SET original_key = NULL, held_envelope = NULL, reason = left(coalesce(reason || '; ', '') || $2, 2000)
           WHERE id = $1 AND held_envelope IS NOT NULL AND outcome IN ('ignored', 'quarantined')
             AND NOT EXISTS (SELECT 1 FROM inbound_mail_take_ins t WHERE t.mail_id = m.id AND t.taken_at IS NULL AND t.refused_reason IS NULL AND t.gave_up_at IS NULL)
           RETURNING id`,
          [id, note],
        );
        if (rows.length === 0) return;
        forgotten++;
        if (!key) return;
        const checked = new Date();
        const needed: unknown[] = await tx.query(
          `SELECT 1 WHERE EXISTS (SELECT 1 FROM inbound_mails WHERE original_key = $1)
              OR EXISTS (SELECT 1 FROM attachments WHERE storage_key = $1 AND erased_at IS NULL)`,
          [key],
        );
        if (needed.length === 0) await remove(key, checked);
      }).catch((error: unknown) => onFailure(id, error));
    }
    const last = due.at(-1);
    return { forgotten, next: due.length === limit && last ? { receivedAt: last.received_at, id: last.id } : null };
  }
}
