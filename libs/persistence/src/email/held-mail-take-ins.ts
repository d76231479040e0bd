import type { HeldMailFacts } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { HeldEnvelope, InboundMailEntry } from './inbound-mail-log.js';
import { InboundMailLog } from './inbound-mail-log.js';

/** A claimed take-in: the held mail as the worker needs it to take it in. */
export interface ClaimedTakeIn {
  mailId: string;
  attempts: number;
  originalKey: string | null;
  heldEnvelope: HeldEnvelope | null;
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

/**
 * Supervisors' requests to take in a held mail (inbound_mail_take_ins). The row is the job: the
 * API's insert, in the transaction of its audit entry, is the whole hand-over; a worker claims it
 * with a lease (one that dies leaves the lease to run out) and marks it taken in the transaction
 * that writes the ticket (InboundMailLog.recordTakenIn), or refused with why.
 */
@Injectable()
export class HeldMailTakeIns {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly log: InboundMailLog,
  ) {}

  /** The mail, its row locked until `tx` ends: two requests for one mail are decided one after the other. */
  async lockMail(mailId: string, tx: EntityManager): Promise<InboundMailEntry | null> {
    const locked: unknown[] = await tx.query(`SELECT 1 FROM inbound_mails WHERE id = $1 FOR UPDATE`, [mailId]);
    return locked.length > 0 ? this.log.find(mailId, tx) : null;
  }

  async request(mailId: string, agentId: string, tx: EntityManager): Promise<void> {
    await tx.query(`INSERT INTO inbound_mail_take_ins (mail_id, requested_by) VALUES ($1, $2)`, [mailId, agentId]);
  }

  /** Takes up to `limit` requests nobody holds (new, or held under a lease that ran out: its worker died), oldest first. */
  async claim(leaseMs: number, limit: number): Promise<ClaimedTakeIn[]> {
    // The statement's last part is a SELECT: its rows come back as they are (not UPDATE … RETURNING's [rows, count]).
    const rows = await this.db.query<Array<{ mail_id: string; attempts: number; original_key: string | null; held_envelope: HeldEnvelope | null }>>(
      `WITH claimed AS (
         UPDATE inbound_mail_take_ins SET attempts = attempts + 1, lease_until = now() + make_interval(secs => $1::double precision / 1000)
         WHERE mail_id IN (SELECT mail_id FROM inbound_mail_take_ins WHERE taken_at IS NULL AND refused_reason IS NULL AND (lease_until IS NULL OR lease_until < now())
                           ORDER BY requested_at LIMIT $2 FOR UPDATE SKIP LOCKED)
         RETURNING mail_id, attempts)
       SELECT c.mail_id, c.attempts, m.original_key, m.held_envelope FROM claimed c JOIN inbound_mails m ON m.id = c.mail_id`,
      [leaseMs, limit],
    );
    return rows.map((r) => ({ mailId: r.mail_id, attempts: r.attempts, originalKey: r.original_key, heldEnvelope: r.held_envelope }));
  }

  /** The worker will not take it in (what it read says it must never be a ticket): said on the mail's entry. */
  async refuse(mailId: string, reason: string): Promise<void> {
    await this.db.query(`UPDATE inbound_mail_take_ins SET refused_reason = left($2, 500), lease_until = NULL WHERE mail_id = $1 AND taken_at IS NULL`, [mailId, reason]);
  }

  /** Taken in by another worker meanwhile: the request is done. */
  async takenElsewhere(mailId: string): Promise<void> {
    await this.db.query(`UPDATE inbound_mail_take_ins SET taken_at = now(), lease_until = NULL WHERE mail_id = $1 AND taken_at IS NULL AND refused_reason IS NULL`, [mailId]);
  }

  /** An attempt that failed for a passing reason (storage, the database): tried again after `retryAfterMs`, refused for good after `maxAttempts`. */
  async failed(mailId: string, error: string, retryAfterMs: number, maxAttempts: number): Promise<void> {
    await this.db.query(
      `UPDATE inbound_mail_take_ins SET last_error = left($2, 500),
         refused_reason = CASE WHEN attempts >= $4 THEN left('gave up after ' || attempts || ' attempts: ' || $2, 500) END,
         lease_until = now() + make_interval(secs => $3::double precision / 1000)
       WHERE mail_id = $1 AND taken_at IS NULL AND refused_reason IS NULL`,
      [mailId, error, retryAfterMs, maxAttempts],
    );
  }
}
