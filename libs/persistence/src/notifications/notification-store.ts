import type { NotificationListItem } from '@firsthand/realtime-contracts';
import type { EntityManager } from 'typeorm';
import { SqlRunner } from '../sql-runner.js';

export type NotificationChannelName = 'email' | 'sms' | 'webhook';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed';
export type RecipientType = 'customer' | 'agent' | 'endpoint';

/** A notification as planned from an event: rendered once, so every attempt sends the same words. */
export interface PlannedNotification {
  id: string;
  /** event x recipient x channel: planning the same event twice stores nothing new. */
  dedupeKey: string;
  ticketId: string;
  eventId: string;
  kind: string;
  recipientType: RecipientType;
  recipientId: string | null;
  recipientName: string;
  channel: NotificationChannelName;
  address: string;
  locale: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  payload: unknown;
  status: 'pending' | 'suppressed';
  lastError: string | null;
  maxAttempts: number;
}

/** What a delivery attempt needs, read when it took the send. */
export interface NotificationToSend {
  id: string;
  ticketId: string;
  recipientType: RecipientType;
  recipientId: string | null;
  channel: NotificationChannelName;
  address: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  payload: unknown;
  kind: string;
  attempt: number;
  maxAttempts: number;
  retryRound: number;
  createdAt: Date;
}

/** The API's list item, shared with web clients. */
export type NotificationRecord = NotificationListItem;

export type SendClaim = { taken: true; notification: NotificationToSend } | { taken: false; status: NotificationStatus | 'missing'; leaseUntil: Date | null };

const RECORD_SELECT = `
  SELECT n.id, n.ticket_id, t.code AS ticket_code, e.seq AS event_seq, n.kind, n.recipient_type, n.recipient_name, n.channel,
    n.address, n.status, n.attempts, n.max_attempts, n.retry_round, n.last_error, n.next_attempt_at, n.sent_at, n.created_at
  FROM notifications n JOIN tickets t ON t.id = n.ticket_id LEFT JOIN ticket_events e ON e.id = n.event_id`;

interface RecordRow {
  id: string;
  ticket_id: string;
  ticket_code: string;
  event_seq: number | null;
  kind: string;
  recipient_type: RecipientType;
  recipient_name: string;
  channel: NotificationChannelName;
  address: string;
  status: NotificationStatus;
  attempts: number;
  max_attempts: number;
  retry_round: number;
  last_error: string | null;
  next_attempt_at: Date | null;
  sent_at: Date | null;
  created_at: Date;
}

function toRecord(r: RecordRow): NotificationRecord {
  const waiting = r.status === 'pending' || r.status === 'sending';
  return {
    id: r.id,
    ticketId: r.ticket_id,
    ticketCode: r.ticket_code,
    eventSeq: r.event_seq,
    kind: r.kind,
    recipientType: r.recipient_type,
    recipientName: r.recipient_name,
    channel: r.channel,
    address: r.address,
    status: r.status,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    retryRound: r.retry_round,
    lastError: r.last_error,
    nextAttemptAt: waiting && r.next_attempt_at ? r.next_attempt_at.toISOString() : null,
    sentAt: r.sent_at?.toISOString() ?? null,
    createdAt: r.created_at.toISOString(),
  };
}

/**
 * Notifications and their attempts. Taking a send is a conditional UPDATE (pending, or a lease that
 * ran out because its worker died), so two workers never send the same notification at once, and a
 * sent one is never sent again however often its job runs.
 */
export class NotificationStore {
  async insertPlanned(em: EntityManager, planned: readonly PlannedNotification[]): Promise<number> {
    let inserted = 0;
    for (const n of planned) {
      const { affected } = await SqlRunner.of(em).write(
        `INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_id, recipient_name, channel, address,
           locale, subject, text_body, html_body, payload, status, last_error, max_attempts)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15::jsonb, $16, $17, $18)
         ON CONFLICT (dedupe_key) DO NOTHING`,
        [
          n.id, n.dedupeKey, n.ticketId, n.eventId, n.kind, n.recipientType, n.recipientId, n.recipientName, n.channel, n.address,
          n.locale, n.subject, n.textBody, n.htmlBody, n.payload === null ? null : JSON.stringify(n.payload), n.status, n.lastError, n.maxAttempts,
        ],
      );
      inserted += affected;
    }
    return inserted;
  }

  /** The event's notifications still waiting for their first attempt (this run's or an earlier, interrupted run's). */
  async waitingForEvent(em: EntityManager, eventId: string): Promise<Array<{ id: string; attempts: number; retryRound: number }>> {
    const rows: Array<{ id: string; attempts: number; retry_round: number }> = await em.query(
      `SELECT id, attempts, retry_round FROM notifications WHERE event_id = $1 AND status = 'pending' ORDER BY created_at, id`,
      [eventId],
    );
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, retryRound: r.retry_round }));
  }

  /** SMS to this customer in the last hour that were (or will be) sent: the budget the cap counts against. */
  async smsCountSince(em: EntityManager, customerId: string, since: Date): Promise<number> {
    const [row] = await em.query(
      `SELECT count(*)::int AS n FROM notifications WHERE recipient_id = $1 AND channel = 'sms' AND status <> 'suppressed' AND created_at >= $2`,
      [customerId, since],
    );
    return row.n;
  }

  /** Takes the send for one attempt, or says why not. The lease lets another worker take over if this one dies mid-send. */
  async takeForSending(em: EntityManager, id: string, leaseMs: number, worker: string, now: Date): Promise<SendClaim> {
    const sql = SqlRunner.of(em);
    const { rows } = await sql.write<{
      id: string; ticket_id: string; recipient_type: RecipientType; recipient_id: string | null; channel: NotificationChannelName; address: string; subject: string;
      text_body: string; html_body: string | null; payload: unknown; kind: string; attempts: number; max_attempts: number; retry_round: number; created_at: Date;
    }>(
      `UPDATE notifications SET status = 'sending', attempts = attempts + 1, lease_until = $3::timestamptz + make_interval(secs => $2::double precision / 1000),
         updated_at = $3
       WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND lease_until < $3))
       RETURNING id, ticket_id, recipient_type, recipient_id, channel, address, subject, text_body, html_body, payload, kind, attempts, max_attempts, retry_round, created_at`,
      [id, leaseMs, now],
    );
    if (rows.length === 0) {
      const current = await sql.one<{ status: NotificationStatus; lease_until: Date | null }>(`SELECT status, lease_until FROM notifications WHERE id = $1`, [id]);
      return { taken: false, status: current?.status ?? 'missing', leaseUntil: current?.lease_until ?? null };
    }
    const r = rows[0];
    await sql.write(`INSERT INTO notification_attempts (notification_id, attempt, worker, started_at) VALUES ($1, $2, $3, $4)`, [id, r.attempts, worker, now]);
    return {
      taken: true,
      notification: {
        id: r.id, ticketId: r.ticket_id, recipientType: r.recipient_type, recipientId: r.recipient_id, channel: r.channel, address: r.address, subject: r.subject,
        textBody: r.text_body, htmlBody: r.html_body, payload: r.payload, kind: r.kind, attempt: r.attempts, maxAttempts: r.max_attempts,
        retryRound: r.retry_round, createdAt: r.created_at,
      },
    };
  }

  async markSent(em: EntityManager, id: string, attempt: number, receipt: { providerMessageId: string | null; responseCode: number | null }, now: Date): Promise<void> {
    const sql = SqlRunner.of(em);
    await sql.write(
      `UPDATE notifications SET status = 'sent', sent_at = $3, provider_message_id = $4, lease_until = NULL, last_error = NULL, updated_at = $3
       WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, now, receipt.providerMessageId],
    );
    await this.finishAttempt(sql, id, attempt, 'sent', null, receipt.responseCode, now);
  }

  async markRetry(em: EntityManager, id: string, attempt: number, error: string, responseCode: number | null, nextAttemptAt: Date, now: Date): Promise<void> {
    const sql = SqlRunner.of(em);
    await sql.write(
      `UPDATE notifications SET status = 'pending', next_attempt_at = $3, lease_until = NULL, last_error = $4, updated_at = $5
       WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, nextAttemptAt, error, now],
    );
    await this.finishAttempt(sql, id, attempt, 'retry', error, responseCode, now);
  }

  /** Dead-lettered: kept for supervisors, who can send it again. */
  async markFailed(em: EntityManager, id: string, attempt: number, error: string, responseCode: number | null, now: Date): Promise<NotificationRecord | null> {
    const sql = SqlRunner.of(em);
    await sql.write(
      `UPDATE notifications SET status = 'failed', lease_until = NULL, last_error = $3, updated_at = $4 WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, error, now],
    );
    await this.finishAttempt(sql, id, attempt, 'failed', error, responseCode, now);
    return this.findById(em, id);
  }

  private async finishAttempt(sql: SqlRunner, id: string, attempt: number, outcome: string, error: string | null, responseCode: number | null, now: Date) {
    await sql.write(
      `UPDATE notification_attempts SET finished_at = $3, outcome = $4, error = $5, response_code = $6 WHERE notification_id = $1 AND attempt = $2`,
      [id, attempt, now, outcome, error, responseCode],
    );
  }

  /** Waiting sends whose job may be gone from Redis: pending past their time, or taken by a worker whose lease ran out. */
  async overdue(em: EntityManager, now: Date, graceMs: number, limit: number): Promise<Array<{ id: string; attempts: number; retryRound: number }>> {
    const rows: Array<{ id: string; attempts: number; retry_round: number }> = await em.query(
      `SELECT id, attempts, retry_round FROM notifications
       WHERE (status = 'pending' AND next_attempt_at < $1::timestamptz - make_interval(secs => $2::double precision / 1000))
          OR (status = 'sending' AND lease_until < $1)
       ORDER BY next_attempt_at LIMIT $3`,
      [now, graceMs, limit],
    );
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, retryRound: r.retry_round }));
  }

  /** A supervisor sends a failed notification again: a new round of attempts. Null when it is not failed. */
  async requeueFailed(em: EntityManager, id: string, attemptsThisRound: number, now: Date): Promise<NotificationRecord | null> {
    const { affected } = await SqlRunner.of(em).write(
      `UPDATE notifications SET status = 'pending', retry_round = retry_round + 1, max_attempts = attempts + $3, next_attempt_at = $2, updated_at = $2
       WHERE id = $1 AND status = 'failed'`,
      [id, now, attemptsThisRound],
    );
    return affected === 1 ? this.findById(em, id) : null;
  }

  async findById(em: EntityManager, id: string): Promise<NotificationRecord | null> {
    const rows: RecordRow[] = await em.query(`${RECORD_SELECT} WHERE n.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(
    em: EntityManager,
    filter: { status?: NotificationStatus[]; ticketId?: string; limit: number; cursor?: { createdAt: string; id: string } },
  ): Promise<NotificationRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status?.length) where.push(`n.status = ANY($${params.push(filter.status)}::text[])`);
    if (filter.ticketId) where.push(`n.ticket_id = $${params.push(filter.ticketId)}`);
    if (filter.cursor) where.push(`(n.created_at, n.id) < ($${params.push(filter.cursor.createdAt)}::timestamptz, $${params.push(filter.cursor.id)}::uuid)`);
    const rows: RecordRow[] = await em.query(
      `${RECORD_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  async attempts(em: EntityManager, id: string) {
    const rows: Array<{ attempt: number; worker: string; started_at: Date; finished_at: Date | null; outcome: string | null; error: string | null; response_code: number | null }> =
      await em.query(`SELECT attempt, worker, started_at, finished_at, outcome, error, response_code FROM notification_attempts WHERE notification_id = $1 ORDER BY attempt`, [id]);
    return rows.map((r) => ({
      attempt: r.attempt,
      worker: r.worker,
      startedAt: r.started_at.toISOString(),
      finishedAt: r.finished_at?.toISOString() ?? null,
      outcome: r.outcome,
      error: r.error,
      responseCode: r.response_code,
    }));
  }
}
