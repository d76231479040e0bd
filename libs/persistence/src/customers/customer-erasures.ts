import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ERASED_TEXT } from '@firsthand/domain';
import type { DataSource, EntityManager } from 'typeorm';
import { lockStoredBytesAlone } from '../attachments/stored-bytes-lock.js';
import { preparedRows } from '../prepared-query.js';
import { runRetriedTransaction } from '../retried-transaction.js';
import { documentWords, forgetUnheldWords } from '../search/search-words.js';
import { SqlRunner } from '../sql-runner.js';

export type CustomerErasureState = 'queued' | 'running' | 'done';

export interface CustomerErasureRecord {
  id: string;
  number: number;
  customerId: string;
  requestedBy: string;
  state: CustomerErasureState;
  stepsDone: number;
  attempts: number;
  openTickets: number;
  lastError: string | null;
  requestedAt: Date;
  finishedAt: Date | null;
}

interface Row {
  id: string; number: string; customer_id: string; requested_by: string; state: CustomerErasureState; steps_done: number; attempts: number;
  open_tickets: number; last_error: string | null; requested_at: Date; finished_at: Date | null;
}

const COLUMNS = 'id, number, customer_id, requested_by, state, steps_done, attempts, open_tickets, last_error, requested_at, finished_at';
const toRecord = (r: Row): CustomerErasureRecord => ({
  id: r.id, number: Number(r.number), customerId: r.customer_id, requestedBy: r.requested_by, state: r.state, stepsDone: r.steps_done,
  attempts: r.attempts, openTickets: r.open_tickets, lastError: r.last_error, requestedAt: r.requested_at, finishedAt: r.finished_at,
});

/** Keeps the structure a reader of the timeline needs (types, actors, ids, times); replaces the words in an event's payload, and its files' names (as on their rows), those of files not attached too. */
const SCRUBBED_PAYLOAD = `payload
  || CASE WHEN payload ? 'body' THEN jsonb_build_object('body', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN payload ? 'subject' THEN jsonb_build_object('subject', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN payload ? 'note' THEN jsonb_build_object('note', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN payload ? 'reason' AND type = 'escalation_requested' THEN jsonb_build_object('reason', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN payload ? 'comment' AND payload->>'comment' IS NOT NULL THEN jsonb_build_object('comment', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN payload ? 'from' AND type = 'customer_replied' THEN jsonb_build_object('from', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN payload ? 'fromCustomerName' THEN jsonb_build_object('fromCustomerName', $2::text, 'toCustomerName', $2::text) ELSE '{}'::jsonb END
  || CASE WHEN jsonb_typeof(payload->'attachments') = 'array' THEN jsonb_build_object('attachments', (
       SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(f.ref) = 'object' THEN f.ref || '{"filename": "erased"}'::jsonb ELSE f.ref END ORDER BY f.n), '[]'::jsonb)
       FROM jsonb_array_elements(payload->'attachments') WITH ORDINALITY AS f(ref, n))) ELSE '{}'::jsonb END
  || CASE WHEN jsonb_typeof(payload->'filesNotAttached') = 'array' THEN jsonb_build_object('filesNotAttached', (
       SELECT coalesce(jsonb_agg(CASE WHEN jsonb_typeof(f.ref) = 'object' AND coalesce(f.ref->>'filename', '') <> '' THEN f.ref || '{"filename": "erased"}'::jsonb ELSE f.ref END ORDER BY f.n), '[]'::jsonb)
       FROM jsonb_array_elements(payload->'filesNotAttached') WITH ORDINALITY AS f(ref, n))) ELSE '{}'::jsonb END`;

/** The erasure, queued or running, of the record `c` or of the one it was merged into (the mail intake's first look asks it too). */
export const ERASURE_UNDER_WAY = `FROM customers c JOIN customer_erasures e ON e.customer_id IN (c.id, c.merged_into_id) AND e.state <> 'done'`;

/** What an erasure's last step finds: the records erased, or what of theirs is still to erase (and they are not). */
export type RecordsErasure = { erased: true } | { erased: false; ticketIds: string[]; mailsFromThem: boolean };

/**
 * Erasures of customer data: the row is the job (claimed with a lease, so a dead worker's erasure is
 * taken up again) and its progress (`steps_done`). Every step below may run twice: each one
 * writes values that are already in place the second time.
 */
@Injectable()
export class CustomerErasures {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * One erasure per customer: asking again answers the one already under way (or done). Queued under
   * the record's lock, which a take-in of held mail holds while it asks (HeldMailTakeIns.senderBeingErased):
   * a take-in that found no erasure opens its ticket before this one starts and lists the tickets.
   */
  async request(customerId: string, agentId: string, openTickets: number): Promise<{ erasure: CustomerErasureRecord; created: boolean }> {
    const inserted = await this.db.query<Row[]>(
      `WITH locked AS (SELECT id FROM customers WHERE id = $1 FOR UPDATE)
       INSERT INTO customer_erasures (customer_id, requested_by, open_tickets) SELECT id, $2, $3 FROM locked ON CONFLICT (customer_id) DO NOTHING RETURNING ${COLUMNS}`,
      [customerId, agentId, openTickets]);
    if (inserted[0]) return { erasure: toRecord(inserted[0]), created: true };
    const existing = await this.forCustomer(customerId);
    if (!existing) throw new Error(`Erasure of ${customerId} neither inserted nor found`);
    return { erasure: existing, created: false };
  }

  /**
   * Whether the record (or the one it was merged into) has an erasure queued or running: nothing new
   * is taken from the customer then. Asked holding the record's lock, or a ticket's (see
   * TicketWriter.changeAsCustomer), the answer holds until `em`'s transaction ends.
   */
  async underWay(customerId: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return (await preparedRows(em, `SELECT 1 ${ERASURE_UNDER_WAY} WHERE c.id = $1 LIMIT 1`, [customerId])).length > 0;
  }

  /** The same of the record this address names (a mail's sender). */
  async underWayFor(address: string, em: EntityManager = this.db.manager): Promise<boolean> {
    return (await preparedRows(em, `SELECT 1 ${ERASURE_UNDER_WAY} WHERE lower(c.email) = lower($1) LIMIT 1`, [address])).length > 0;
  }

  async forCustomer(customerId: string): Promise<CustomerErasureRecord | null> {
    const rows = await this.db.query<Row[]>(`SELECT ${COLUMNS} FROM customer_erasures WHERE customer_id = $1`, [customerId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Takes the oldest unfinished erasure nobody holds: a queued one, or one whose worker's lease ran out. */
  async claim(leaseMs: number): Promise<CustomerErasureRecord | null> {
    const [rows] = await this.db.query<[Row[], number]>(
      `UPDATE customer_erasures SET state = 'running', attempts = attempts + 1, lease_until = now() + make_interval(secs => $1::double precision / 1000)
       WHERE id = (SELECT id FROM customer_erasures WHERE state <> 'done' AND (lease_until IS NULL OR lease_until < now())
                   ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED)
       RETURNING ${COLUMNS}`, [leaseMs]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async renewLease(id: string, leaseMs: number): Promise<void> {
    await this.db.query(`UPDATE customer_erasures SET lease_until = now() + make_interval(secs => $2::double precision / 1000) WHERE id = $1`, [id, leaseMs]);
  }

  /** Records one more step done; a step counted twice (two workers after a lost lease) moves nothing. */
  async stepDone(id: string, stepsDoneBefore: number): Promise<void> {
    await this.db.query(`UPDATE customer_erasures SET steps_done = $2 + 1, last_error = NULL WHERE id = $1 AND steps_done = $2`, [id, stepsDoneBefore]);
  }

  async stepFailed(id: string, error: string): Promise<void> {
    await this.db.query(`UPDATE customer_erasures SET last_error = left($2, 500), lease_until = NULL WHERE id = $1`, [id, error]);
  }

  async finish(id: string, now: Date): Promise<void> {
    await this.db.query(`UPDATE customer_erasures SET state = 'done', finished_at = $2, lease_until = NULL WHERE id = $1 AND state <> 'done'`, [id, now]);
  }

  /**
   * Subjects, descriptions, messages (internal notes too), the words in timeline events, ratings'
   * comments, the search index (and its vocabulary's words no other document holds) and the language
   * model's logged prompts; tracking tokens stop matching.
   */
  async eraseTicketTexts(ticketIds: string[], erasedName: string): Promise<void> {
    await runRetriedTransaction(this.db, async (em) => {
      const sql = SqlRunner.of(em);
      // 'erased' is no SHA-256: no token's hash can equal it, so every tracking link of these tickets answers 404.
      await sql.write(
        `UPDATE tickets SET subject = $2, description = $2, handoff_note = NULL, csat_comment = NULL, tracking_token_hash = 'erased'
         WHERE id = ANY($1::uuid[])`, [ticketIds, ERASED_TEXT]);
      await sql.write(`UPDATE messages SET body = $2 WHERE ticket_id = ANY($1::uuid[])`, [ticketIds, ERASED_TEXT]);
      await sql.write(`UPDATE ticket_events SET payload = ${SCRUBBED_PAYLOAD} WHERE ticket_id = ANY($1::uuid[])`, [ticketIds, ERASED_TEXT]);
      await sql.write(`UPDATE ticket_events SET actor_name = $2 WHERE ticket_id = ANY($1::uuid[]) AND actor_type = 'customer'`, [ticketIds, erasedName]);
      const words = await documentWords(sql, ticketIds);
      await sql.write(`UPDATE ticket_search SET public_doc = ''::tsvector, internal_doc = ''::tsvector WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
      // A logged prompt quotes the ticket's texts (masked, but still the customer's words).
      await sql.write(`DELETE FROM language_model_calls WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
      // Last: it holds back writers of new search words until the erasure commits.
      await forgetUnheldWords(sql, words);
    });
  }

  /** The stored originals of the customer's mails: those of their tickets and any other sent from their addresses. */
  async mailOriginalKeys(ticketIds: string[], addresses: string[]): Promise<string[]> {
    const rows = await this.db.query<Array<{ original_key: string }>>(
      `SELECT DISTINCT original_key FROM inbound_mails WHERE original_key IS NOT NULL AND (ticket_id = ANY($1::uuid[]) OR lower(from_address) = ANY($2::text[]))`,
      [ticketIds, addresses.map((a) => a.toLowerCase())]);
    return rows.map((r) => r.original_key);
  }

  /**
   * First of the mails step, before their originals are deleted: the customer's held mails are no
   * longer held, and their open take-ins are refused as erased. A worker that read an original
   * already can no longer record it taken in (InboundMailLog.recordTakenIn asks for `held_for`).
   */
  async stopTakingIn(ticketIds: string[], addresses: string[]): Promise<void> {
    await this.db.query(
      `WITH unheld AS (
         UPDATE inbound_mails SET held_for = NULL WHERE held_for IS NOT NULL AND (ticket_id = ANY($1::uuid[]) OR lower(from_address) = ANY($2::text[])) RETURNING id)
       UPDATE inbound_mail_take_ins SET refused_reason = 'erased', lease_until = NULL
       WHERE taken_at IS NULL AND refused_reason IS NULL AND gave_up_at IS NULL
         AND mail_id IN (SELECT id FROM inbound_mails WHERE ticket_id = ANY($1::uuid[]) OR lower(from_address) = ANY($2::text[]))`,
      [ticketIds, addresses.map((a) => a.toLowerCase())]);
  }

  /** After their originals were deleted: the mails keep their outcome and size, nothing that says who wrote or what (nor anything to take in). */
  async eraseMails(ticketIds: string[], addresses: string[]): Promise<void> {
    await runRetriedTransaction(this.db, async (em) => {
      const sql = SqlRunner.of(em);
      await sql.write(
        `WITH erased AS (
           UPDATE inbound_mails SET dedup_key = 'erased:' || id, message_id = NULL, from_address = NULL, subject = NULL, reason = NULL, refused_files = '[]'::jsonb, auth = '{}'::jsonb,
             original_key = NULL, held_envelope = NULL, held_for = NULL
           WHERE ticket_id = ANY($1::uuid[]) OR lower(from_address) = ANY($2::text[]) RETURNING id)
         UPDATE inbound_mail_take_ins SET refused_reason = 'erased', lease_until = NULL
         WHERE taken_at IS NULL AND refused_reason IS NULL AND gave_up_at IS NULL AND mail_id IN (SELECT id FROM erased)`, [ticketIds, addresses.map((a) => a.toLowerCase())]);
      await sql.write(`DELETE FROM mail_thread_ids WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
      // Also where the erased customer was someone else's copied person.
      await sql.write(`DELETE FROM ticket_copied_people WHERE ticket_id = ANY($1::uuid[]) OR address = ANY($2::text[])`, [ticketIds, addresses.map((a) => a.toLowerCase())]);
    });
  }

  /**
   * Sent, waiting and failed notifications of the tickets: bodies go, the customer's addresses go,
   * and nothing is sent any more (a failed one leaves the supervisors' dead letters: a retry would
   * send the erased text to an erased address).
   */
  async eraseNotifications(ticketIds: string[], erasedName: string): Promise<void> {
    await runRetriedTransaction(this.db, async (em) => {
      const sql = SqlRunner.of(em);
      await sql.write(
        `UPDATE notifications SET subject = $2, text_body = $2, html_body = NULL, payload = NULL, last_error = NULL,
           status = CASE WHEN status IN ('pending', 'sending', 'failed') THEN 'suppressed' ELSE status END
         WHERE ticket_id = ANY($1::uuid[])`, [ticketIds, ERASED_TEXT]);
      await sql.write(
        `UPDATE notifications SET address = 'erased', recipient_name = $2 WHERE ticket_id = ANY($1::uuid[]) AND recipient_type = 'customer'`, [ticketIds, erasedName]);
      await sql.write(
        `UPDATE notification_attempts SET error = NULL WHERE notification_id IN (SELECT id FROM notifications WHERE ticket_id = ANY($1::uuid[]))`, [ticketIds]);
    });
  }

  /** Storage keys of the tickets' files, erased or not (a step run again must still find the files it left). */
  async attachmentKeys(ticketIds: string[]): Promise<string[]> {
    const rows = await this.db.query<Array<{ storage_key: string }>>(`SELECT DISTINCT storage_key FROM attachments WHERE ticket_id = ANY($1::uuid[])`, [ticketIds]);
    return rows.map((r) => r.storage_key);
  }

  async markAttachmentsErased(ticketIds: string[], now: Date): Promise<void> {
    await this.db.query(`UPDATE attachments SET erased_at = $2, filename = 'erased' WHERE ticket_id = ANY($1::uuid[]) AND erased_at IS NULL`, [ticketIds, now]);
  }

  /**
   * Storage is content addressed: the same bytes sent by someone else are one file. Deletes, with
   * `remove`, those of `keys` no row outside this erasure still needs (another ticket's file,
   * another mail's original). Each is checked and deleted holding its key's lock alone, so a
   * transaction that stored the same bytes for a row of its own is either seen committed or stores
   * them again after (stored-bytes-lock.ts). `remove` is told when the check began: bytes written
   * since are an upload's whose row committed after the check, and stay.
   */
  async deleteFilesNoLongerNeeded(
    keys: string[],
    ticketIds: string[],
    addresses: string[],
    remove: (key: string, checked: Date) => Promise<unknown>,
  ): Promise<void> {
    const lowered = addresses.map((a) => a.toLowerCase());
    for (const key of keys) {
      await this.db.transaction(async (tx) => {
        await lockStoredBytesAlone(tx, key);
        const checked = new Date();
        const needed = await tx.query<unknown[]>(
          `SELECT 1 WHERE EXISTS (SELECT 1 FROM attachments a WHERE a.storage_key = $1 AND a.erased_at IS NULL AND (a.ticket_id IS NULL OR NOT a.ticket_id = ANY($2::uuid[])))
              OR EXISTS (SELECT 1 FROM inbound_mails m WHERE m.original_key = $1 AND (m.ticket_id IS NULL OR NOT m.ticket_id = ANY($2::uuid[]))
                         AND (m.from_address IS NULL OR NOT lower(m.from_address) = ANY($3::text[])))`,
          [key, ticketIds, lowered]);
        if (needed.length === 0) await remove(key, checked);
      });
    }
  }

  /**
   * The last step, in one transaction under the records' locks, which every way in for the customer
   * takes or waits for (an opening, an erasure being queued; the records merged into it first, then
   * its own, in the order intake takes them): whatever of theirs the steps before left unerased
   * (reached them since those steps listed it, or was missed by a run that died) is answered, and
   * nothing changes. With nothing left, the records are erased before the locks go: each keeps its
   * id, tier and locale (the metrics and the tickets point at it); its name and contacts go, so no
   * address names it any more.
   */
  async eraseRecordsUnlessMoreIsLeft(customerId: string, addresses: string[], erasedName: string, now: Date): Promise<RecordsErasure> {
    return runRetriedTransaction(this.db, async (em) => {
      const sql = SqlRunner.of(em);
      // Locked first, read after: a statement that waited for a lock reads the other tables as they were when it began.
      await sql.rows(`SELECT id FROM customers WHERE merged_into_id = $1 ORDER BY id FOR UPDATE`, [customerId]);
      await sql.rows(`SELECT id FROM customers WHERE id = $1 FOR UPDATE`, [customerId]);
      const left = await sql.rows<{ id: string }>(
        `SELECT t.id FROM tickets t WHERE t.customer_id IN (SELECT id FROM customers WHERE id = $1 OR merged_into_id = $1)
           AND (t.status IN ('new', 'open', 'pending_customer') OR t.tracking_token_hash <> 'erased'
             OR EXISTS (SELECT 1 FROM messages m WHERE m.ticket_id = t.id AND m.body <> $2)
             OR EXISTS (SELECT 1 FROM inbound_mails i WHERE i.ticket_id = t.id AND (i.from_address IS NOT NULL OR i.message_id IS NOT NULL OR i.original_key IS NOT NULL))
             OR EXISTS (SELECT 1 FROM notifications n WHERE n.ticket_id = t.id AND n.text_body IS DISTINCT FROM $2)
             OR EXISTS (SELECT 1 FROM attachments a WHERE a.ticket_id = t.id AND a.erased_at IS NULL))
         ORDER BY t.created_at, t.id`,
        [customerId, ERASED_TEXT]);
      const [mails] = await sql.rows<{ left: boolean }>(
        `SELECT EXISTS (SELECT 1 FROM inbound_mails WHERE lower(from_address) = ANY($1::text[])) AS left`, [addresses.map((a) => a.toLowerCase())]);
      if (left.length > 0 || mails.left) return { erased: false, ticketIds: left.map((t) => t.id), mailsFromThem: mails.left };
      await sql.write(
        `UPDATE customers SET name = $2, email = NULL, phone = NULL, erased_at = coalesce(erased_at, $3) WHERE id = $1 OR merged_into_id = $1`,
        [customerId, erasedName, now]);
      return { erased: true };
    });
  }

  /** The addresses the records hold (or held: read before the record step, which is last). */
  async addresses(customerIds: string[]): Promise<string[]> {
    const rows = await this.db.query<Array<{ email: string }>>(`SELECT email FROM customers WHERE id = ANY($1::uuid[]) AND email IS NOT NULL`, [customerIds]);
    return rows.map((r) => r.email);
  }
}
