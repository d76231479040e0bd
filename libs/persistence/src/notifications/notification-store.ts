import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import {
  RECORD_SELECT,
  toRecord,
  type NotificationRecord,
  type NotificationStatus,
  type NotificationToSend,
  type PlannedNotification,
  type RecordRow,
  type SendClaim,
} from './notification-record.js';
import { matchingIds, preparedRows } from '../prepared-query.js';
import { GroupCommit } from '../group-commit.js';
import { runRetried, runRetriedTransaction } from '../retried-transaction.js';

/** Who takes a send, and for how long: past the lease another worker may take it over. */
export interface SendLease {
  leaseMs: number;
  worker: string;
  now: Date;
}

/** A stored notification of the event that an earlier run left waiting: its delivery job may be missing. */
export interface WaitingNotification {
  id: string;
  status: 'pending' | 'sending';
  attempts: number;
  retryRound: number;
}

/** SMS of the last hour that count against each budget, and whether an agent has taken on the customer. */
export interface SmsCounts {
  toCustomer: number;
  toNumber: number;
  toPrefix: number;
  total: number;
  proven: boolean;
}

export interface PlanOutcome {
  /** Stored by this call and taken for sending under the caller's lease: send them now. */
  taken: NotificationToSend[];
  /** Not sent yet and not taken: stored earlier, or (without a lease) by this call; for the delivery queue. */
  earlier: WaitingNotification[];
}

/** A send the provider accepted, waiting to be recorded. */
interface SentMark {
  id: string;
  attempt: number;
  at: Date;
  providerMessageId: string | null;
  responseCode: number | null;
}

/** At most this many sends recorded by one statement. */
const SENT_PER_STATEMENT = 100;

const SEND_COLUMNS = `id, ticket_id, event_id, recipient_type, recipient_id, recipient_name, channel, address, locale, subject, text_body, html_body, payload, kind, attempts, max_attempts, retry_round, created_at`;

interface SendRow {
  id: string;
  ticket_id: string;
  event_id: string;
  recipient_type: NotificationToSend['recipientType'];
  recipient_id: string | null;
  recipient_name: string;
  channel: NotificationToSend['channel'];
  address: string;
  locale: string;
  subject: string;
  text_body: string;
  html_body: string | null;
  payload: unknown;
  kind: string;
  attempts: number;
  max_attempts: number;
  retry_round: number;
  created_at: Date;
}

const toSend = (r: SendRow): NotificationToSend => ({
  id: r.id, ticketId: r.ticket_id, eventId: String(r.event_id), recipientType: r.recipient_type, recipientId: r.recipient_id, recipientName: r.recipient_name, channel: r.channel, address: r.address, locale: r.locale, subject: r.subject,
  textBody: r.text_body, htmlBody: r.html_body, payload: r.payload, kind: r.kind, attempt: r.attempts, maxAttempts: r.max_attempts,
  retryRound: r.retry_round, createdAt: r.created_at,
});

const leaseUntil = (lease: SendLease) => new Date(lease.now.getTime() + lease.leaseMs);

/**
 * Notifications and their attempts, as the worker plans and sends them. Taking a send is a
 * conditional UPDATE (pending, or a lease that ran out because its worker died), so two workers
 * never send the same notification at once, and a sent one is never sent again however often its
 * job runs. Each step is one statement: the notification and its attempt row change together.
 */
@Injectable()
export class NotificationStore {
  /** Accepted sends waiting for the statement that records them, and whether one is being written. */
  /** Sends that finish while a record is being written go together in the next statement. */
  private readonly sentRecords = new GroupCommit<SentMark, void>((marks) => this.recordEachSent(marks), { maxBatch: SENT_PER_STATEMENT, maxInFlight: 1 });

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * Stores what an event owes, deduplicated by event x recipient x channel, and takes the sends it
   * stored for the caller (status `sending`, attempt 1 under `lease`) in the same statement. Also
   * returns the event's notifications an earlier run stored and left waiting. With `eventHandled`,
   * the event's job_outbox row goes in the same statement (the caller's last step before sending:
   * a send cut short after it is taken over once its lease runs out). `lease` null: the caller does
   * not send (a worker without the deliveries role), so what is stored waits, pending, and comes
   * back with `earlier` for the delivery queue.
   */
  async plan(event: { id: string; ticketId: string }, planned: readonly PlannedNotification[], lease: SendLease | null, eventHandled = false, em?: EntityManager): Promise<PlanOutcome> {
    return this.planAll([{ event, planned }], lease, eventHandled, em);
  }

  /**
   * `plan` for several events in one statement: a job of several committed events stores all they
   * owe, and clears their outbox rows, in one round trip (and one commit) instead of one each.
   */
  async planAll(
    events: ReadonlyArray<{ event: { id: string; ticketId: string }; planned: readonly PlannedNotification[] }>,
    lease: SendLease | null,
    eventHandled = false,
    em?: EntityManager,
  ): Promise<PlanOutcome> {
    if (events.length === 0) return { taken: [], earlier: [] };
    // On its own it is one statement, atomic without BEGIN and COMMIT; one a deadlock aborted is run again.
    if (!em) return runRetried(() => this.planAll(events, lease, eventHandled, this.db.manager));
    const eventIds = matchingIds(events.map((e) => e.event.id), 'bigint', 1);
    const ticketIds = matchingIds([...new Set(events.map((e) => e.event.ticketId))], 'uuid', 4);
    const all = events.flatMap(({ planned }) => planned);
    const threaded = all.filter((n) => n.mailThreadId);
    const params: unknown[] = [eventIds.param, lease?.worker ?? null, lease?.now ?? new Date(), ticketIds.param, threaded.map((n) => n.id), threaded.map((n) => n.mailThreadId)];
    const values = all.map((n) => {
      const taking = lease !== null && n.status === 'pending';
      const row = [
        n.id, n.dedupeKey, n.ticketId, n.eventId, n.kind, n.recipientType, n.recipientId, n.recipientName, n.channel, n.address, n.locale, n.subject,
        n.textBody, n.htmlBody, n.payload === null ? null : JSON.stringify(n.payload), taking ? 'sending' : n.status, n.lastError, n.maxAttempts,
        taking ? 1 : 0, taking && lease ? leaseUntil(lease) : null,
      ];
      const at = params.length;
      params.push(...row);
      return `(${row.map((_, i) => `$${at + i + 1}${i === 14 ? '::jsonb' : i === 18 ? '::int' : i === 19 ? '::timestamptz' : ''}`).join(', ')}, $3)`;
    });
    // By ticket first: notifications has no index on event_id, and a ticket has few notifications.
    // OFFSET 0 keeps the planner on the ticket's index: the partial index of waiting sends is full of dead entries under load.
    const earlier = `SELECT ${SEND_COLUMNS}, status, true AS earlier
      FROM (SELECT * FROM notifications WHERE ticket_id ${ticketIds.match} OFFSET 0) n WHERE event_id ${eventIds.match} AND status IN ('pending', 'sending')`;
    // A relay may still hold the rows: its transaction commits just after Redis took the job, which
    // this worker may already be running. Waited for, not skipped (a skipped row stayed a minute, until
    // the relay's next look): the relay never waits on these rows (it skips what is locked) and holds
    // them no longer than one Redis deadline, so the wait is short and bounded.
    const handled = eventHandled ? `handled AS (DELETE FROM job_outbox WHERE event_id ${eventIds.match}),` : '';
    const rows = await preparedRows<SendRow & { status: string; earlier: boolean }>(
      em,
      values.length === 0
        ? // Every parameter is named, so PostgreSQL can tell its type.
          `WITH ${handled} none AS (SELECT $2::text, $3::timestamptz, $5::uuid[], $6::text[]) ${earlier}`
        : `WITH ${handled} stored AS (
             INSERT INTO notifications (id, dedupe_key, ticket_id, event_id, kind, recipient_type, recipient_id, recipient_name,
               channel, address, locale, subject, text_body, html_body, payload, status, last_error, max_attempts, attempts, lease_until, updated_at)
             VALUES ${values.join(', ')}
             ON CONFLICT (dedupe_key) DO NOTHING
             RETURNING ${SEND_COLUMNS}, status),
           attempt AS (
             INSERT INTO notification_attempts (notification_id, attempt, worker, started_at) SELECT id, 1, $2, $3 FROM stored WHERE status = 'sending'),
           threaded AS (
             INSERT INTO mail_thread_ids (message_id, ticket_id, direction)
             SELECT m.message_id, s.ticket_id, 'outbound' FROM stored s JOIN unnest($5::uuid[], $6::text[]) AS m(id, message_id) ON m.id = s.id
             WHERE s.status = 'sending'
             ON CONFLICT (message_id) DO NOTHING)
           SELECT *, status = 'pending' AS earlier FROM stored WHERE status IN ('sending', 'pending')
           UNION ALL ${earlier}`,
      params,
    );
    return {
      taken: rows.filter((r) => !r.earlier).map(toSend),
      earlier: rows
        .filter((r) => r.earlier)
        .map((r) => ({ id: r.id, status: r.status as WaitingNotification['status'], attempts: r.attempts, retryRound: r.retry_round })),
    };
  }

  /**
   * `plan` with the SMS budgets: the SMS of the last hour that count (not suppressed or refused) are
   * counted per customer, per number, per country prefix and in all, and the new ones stored, in one
   * transaction under a transaction-scoped advisory lock. Every worker takes that lock, so two events
   * planned at once, in any process, count the same budget; it is held for a few index lookups.
   * PostgreSQL rather than Redis counters: the stored notifications are already the record of what
   * was sent, so counting them cannot drift from it, and a flushed Redis cannot reset a budget.
   */
  async planCountingSms(
    event: { id: string; ticketId: string },
    customerId: string,
    destination: { number: string; prefix: string | null },
    since: Date,
    build: (usage: SmsCounts) => PlannedNotification[],
    lease: SendLease | null,
    eventHandled = false,
  ): Promise<PlanOutcome> {
    return runRetriedTransaction(this.db, async (em) => {
      // One advisory lock serialises the budgets between workers; no row lock on the customer, so
      // nothing here waits on (or blocks) an API change of the customer's tickets.
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('firsthand:sms-budget'))`);
      const counted = `channel = 'sms' AND status NOT IN ('suppressed', 'refused') AND created_at >= $2`;
      const [row]: Array<SmsCounts> = await em.query(
        `SELECT
           (SELECT count(*)::int FROM notifications WHERE recipient_id = $1 AND ${counted}) AS "toCustomer",
           (SELECT count(*)::int FROM notifications WHERE address = $3 AND ${counted}) AS "toNumber",
           (SELECT count(*)::int FROM notifications WHERE $4::text IS NOT NULL AND starts_with(address, $4::text) AND ${counted}) AS "toPrefix",
           (SELECT count(*)::int FROM notifications WHERE ${counted}) AS total,
           EXISTS (SELECT 1 FROM tickets WHERE customer_id = $1 AND (owner_id IS NOT NULL OR first_responder_id IS NOT NULL)) AS proven`,
        [customerId, since, destination.number, destination.prefix],
      );
      return this.plan(event, build(row ?? { toCustomer: 0, toNumber: 0, toPrefix: 0, total: 0, proven: false }), lease, eventHandled, em);
    });
  }

  /**
   * Whether a message about an earlier event of the same ticket, to the same address, is still on its
   * first way out (planned, or being sent under a live lease): sent now, this one could overtake it,
   * and its reader would get "resolved" before the reply that solved it. Retries do not count (one
   * failing send must not hold the rest back), nor anything planned over five minutes ago.
   */
  async earlierOnItsWay(n: Pick<NotificationToSend, 'ticketId' | 'eventId' | 'channel' | 'address'>, now: Date): Promise<boolean> {
    const [row] = await preparedRows<{ waiting: boolean }>(
      this.db.manager,
      `SELECT EXISTS (
         SELECT 1 FROM notifications
         WHERE ticket_id = $1 AND channel = $2 AND address = $3 AND event_id < $4::bigint AND created_at > $5::timestamptz - interval '5 minutes'
           AND ((status = 'pending' AND attempts = 0) OR (status = 'sending' AND attempts = 1 AND lease_until > $5::timestamptz))) AS waiting`,
      [n.ticketId, n.channel, n.address, n.eventId, now],
    );
    return row?.waiting === true;
  }

  /** Takes the send for one attempt, or says why not. The lease lets another worker take over if this one dies mid-send. */
  async takeForSending(id: string, lease: SendLease): Promise<SendClaim> {
    const rows = await preparedRows<SendRow>(
      this.db.manager,
      `WITH taken AS (
         UPDATE notifications SET status = 'sending', attempts = attempts + 1, lease_until = $3, updated_at = $2
         WHERE id = $1 AND (status = 'pending' OR (status = 'sending' AND lease_until < $2))
         RETURNING ${SEND_COLUMNS}),
       attempt AS (INSERT INTO notification_attempts (notification_id, attempt, worker, started_at) SELECT id, attempts, $4, $2 FROM taken)
       SELECT * FROM taken`,
      [id, lease.now, leaseUntil(lease), lease.worker],
    );
    if (rows.length > 0) return { taken: true, notification: toSend(rows[0]) };
    const [current]: Array<{ status: NotificationStatus; lease_until: Date | null }> = await this.db.query(`SELECT status, lease_until FROM notifications WHERE id = $1`, [id]);
    return { taken: false, status: current?.status ?? 'missing', leaseUntil: current?.lease_until ?? null };
  }

  /**
   * Records a send the provider accepted. Sends that finish while the previous record is being
   * written go together in the next statement (a group commit): under load one statement records
   * many, and a lone send is written at once, waiting for nothing. Resolves once its own is stored.
   */
  markSent(id: string, attempt: number, receipt: { providerMessageId: string | null; responseCode: number | null }, now: Date): Promise<void> {
    return this.sentRecords.submit({ id, attempt, at: now, providerMessageId: receipt.providerMessageId, responseCode: receipt.responseCode });
  }

  private async recordEachSent(marks: SentMark[]): Promise<Array<PromiseSettledResult<void>>> {
    await runRetried(() => this.recordSent(marks));
    return marks.map(() => ({ status: 'fulfilled', value: undefined }));
  }

  private async recordSent(marks: SentMark[]): Promise<void> {
    if (marks.length === 1) {
      const [m] = marks;
      return this.finish(
        'sent',
        `UPDATE notifications SET status = 'sent', sent_at = $3, provider_message_id = $7, lease_until = NULL, last_error = NULL, updated_at = $3
         WHERE id = $1 AND status = 'sending' AND attempts = $2`,
        [m.id, m.attempt, m.at, 'sent', null, m.responseCode, m.providerMessageId],
      );
    }
    // In id order, so that two of these statements (two workers) never deadlock.
    const sorted = [...marks].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    await preparedRows(
      this.db.manager,
      `WITH v AS (SELECT * FROM unnest($1::uuid[], $2::int[], $3::timestamptz[], $4::text[], $5::int[]) AS v(id, attempt, at, provider_message_id, response_code)),
       changed AS (
         UPDATE notifications n SET status = 'sent', sent_at = v.at, provider_message_id = v.provider_message_id, lease_until = NULL, last_error = NULL, updated_at = v.at
         FROM v WHERE n.id = v.id AND n.status = 'sending' AND n.attempts = v.attempt RETURNING n.id)
       UPDATE notification_attempts a SET finished_at = v.at, outcome = 'sent', error = NULL, response_code = v.response_code
       FROM v WHERE a.notification_id = v.id AND a.attempt = v.attempt`,
      [sorted.map((m) => m.id), sorted.map((m) => m.attempt), sorted.map((m) => m.at), sorted.map((m) => m.providerMessageId), sorted.map((m) => m.responseCode)],
    );
  }

  async markRetry(id: string, attempt: number, error: string, responseCode: number | null, nextAttemptAt: Date, now: Date): Promise<void> {
    await this.finish(
      'retry',
      `UPDATE notifications SET status = 'pending', next_attempt_at = $7, lease_until = NULL, last_error = $5::text, updated_at = $3
       WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, now, 'retry', error, responseCode, nextAttemptAt],
    );
  }

  /**
   * Moves this worker's lease on a send it still holds to `lease`'s end; false when it holds it no
   * longer (it ran out and the sweeper may have handed the send to another worker, or it settled).
   */
  async renewLease(id: string, attempt: number, lease: SendLease): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.db.query(
      `UPDATE notifications SET lease_until = $3 WHERE id = $1 AND attempts = $2 AND status = 'sending' AND lease_until >= $4`,
      [id, attempt, leaseUntil(lease), lease.now],
    );
    return affected === 1;
  }

  /** Dead-lettered: kept for supervisors, who can send it again. */
  async markFailed(id: string, attempt: number, error: string, responseCode: number | null, now: Date): Promise<NotificationRecord | null> {
    await this.finish(
      'failed',
      `UPDATE notifications SET status = 'failed', lease_until = NULL, last_error = $5::text, updated_at = $3 WHERE id = $1 AND status = 'sending' AND attempts = $2`,
      [id, attempt, now, 'failed', error, responseCode],
    );
    const rows: RecordRow[] = await this.db.query(`${RECORD_SELECT} WHERE n.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Whether the customer was told (or is being told) the next-update promise of this ticket after `since` (our last update they could see). */
  async promiseToldSince(ticketId: string, since: Date | null): Promise<boolean> {
    const rows: Array<{ told: boolean }> = await this.db.query(
      `SELECT EXISTS (SELECT 1 FROM notifications WHERE ticket_id = $1 AND kind = 'next_update' AND recipient_type = 'customer'
         AND status NOT IN ('failed', 'refused', 'suppressed') AND ($2::timestamptz IS NULL OR created_at > $2)) AS told`,
      [ticketId, since],
    );
    return rows[0]?.told === true;
  }

  /**
   * A bounce came back for an email we sent (matched by its Message-ID): the notification failed
   * after all. A standard report names its recipients: one that does not name the address we sent
   * to is about some other delivery (forwarded, forged), and changes nothing. Returns the failed
   * record, or null when no sent email matches.
   */
  async markBounced(messageId: string, recipients: readonly string[], reason: string, now: Date): Promise<NotificationRecord | null> {
    // Through pg's rows: TypeORM's query() answers an UPDATE … RETURNING as [rows, count], whose first item is no row (this returned null for every bounce).
    const rows = await preparedRows<{ id: string }>(
      this.db.manager,
      `UPDATE notifications SET status = 'failed', last_error = $2, updated_at = $3
       WHERE provider_message_id = $1 AND channel = 'email' AND status = 'sent'
         AND (cardinality($4::text[]) = 0 OR lower(address) = ANY($4::text[])) RETURNING id`,
      [`<${messageId}>`, reason, now, recipients],
    );
    if (!rows[0]) return null;
    const records: RecordRow[] = await this.db.query(`${RECORD_SELECT} WHERE n.id = $1`, [rows[0].id]);
    return records[0] ? toRecord(records[0]) : null;
  }

  /** The notification's change and its attempt's outcome, in one statement. Parameters: id, attempt, now, outcome, error, response code, extra. */
  private async finish(name: string, update: string, params: unknown[]): Promise<void> {
    await preparedRows(
      this.db.manager,
      `WITH changed AS (${update} RETURNING id)
       UPDATE notification_attempts SET finished_at = $3, outcome = $4, error = $5::text, response_code = $6::int WHERE notification_id = $1 AND attempt = $2`,
      params,
    );
  }

  /** Waiting sends whose job may be gone from Redis: pending past their time, or taken by a worker whose lease ran out. */
  async overdue(now: Date, graceMs: number, limit: number): Promise<Array<{ id: string; attempts: number; retryRound: number }>> {
    const rows: Array<{ id: string; attempts: number; retry_round: number }> = await this.db.query(
      `SELECT id, attempts, retry_round FROM notifications
       WHERE (status = 'pending' AND next_attempt_at < $1::timestamptz - make_interval(secs => $2::double precision / 1000))
          OR (status = 'sending' AND lease_until < $1)
       ORDER BY next_attempt_at LIMIT $3`,
      [now, graceMs, limit],
    );
    return rows.map((r) => ({ id: r.id, attempts: r.attempts, retryRound: r.retry_round }));
  }
}
