import type { HeldFor, TakeInRefusal, TakeInState as TakeInStateName, UnticketedReasonKind } from '@firsthand/domain';
import type { MailEnvelope } from '@firsthand/email';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import type { RefusedFile } from '../attachments/attachment-store.js';
import { ERASURE_UNDER_WAY } from '../customers/customer-erasures.js';
import { keysetInstant } from '../keyset-instant.js';
import { GroupCommit } from '../group-commit.js';
import { preparedRows } from '../prepared-query.js';
import { writeBehindIn } from '../write-behind.js';

/** The most mails `forTicket` answers with. */
export const TICKET_MAILS_SHOWN = 500;

/** A take-in of the mail (inbound_mail_take_ins), when one was asked for: under way, done, refused with why, or given up. */
const TAKE_IN = `(SELECT json_build_object('state', CASE WHEN t.taken_at IS NOT NULL THEN 'taken' WHEN t.refused_reason IS NOT NULL THEN 'refused' WHEN t.gave_up_at IS NOT NULL THEN 'gave_up' ELSE 'requested' END, 'refusedReason', t.refused_reason)
  FROM inbound_mail_take_ins t WHERE t.mail_id = inbound_mails.id)`;

const ENTRY_SELECT = `SELECT *, ${keysetInstant('received_at')} AS received_key, ${TAKE_IN} AS take_in FROM inbound_mails`;

export type InboundMailOutcome = 'opened' | 'continued' | 'ignored' | 'quarantined';

export interface InboundMailRecord {
  dedupKey: string;
  /** Where it came in: `smtp`, `smtp:<address>` (one of MAIL_ADDRESSES) or `imap:<mailbox>`. */
  mailbox: string;
  messageId: string | null;
  fromAddress: string | null;
  subject: string | null;
  sizeBytes: number;
  outcome: InboundMailOutcome;
  /** Readable, for admins: why it was ignored or quarantined, or which of its files were refused. */
  reason?: string | null;
  /** Why it was ignored or quarantined, as a kind pages word in their reader's language; null when it made a ticket. */
  reasonKind?: UnticketedReasonKind | null;
  /** The files of an accepted mail that were not attached, with why: what the timeline shows. */
  refusedFiles?: Array<Pick<RefusedFile, 'filename' | 'reason'>>;
  ticketId?: string | null;
  messageRef?: string | null;
  verified?: boolean | null;
  auth?: Record<string, unknown>;
  originalKey?: string | null;
  /** The address of ours it came in at (a brand's or team's own, else the support address), with its display name. */
  ourAddress?: { address: string; name: string | null } | null;
  /** Held back (the sender's rate, or noise) and so a supervisor may take it in: why, and what its transport said of it. */
  heldFor?: HeldFor | null;
  heldEnvelope?: HeldEnvelope | null;
}

/** The transport's envelope of a held mail, kept so that taking it in runs the sender checks and threading as they would have run. */
export type HeldEnvelope = MailEnvelope;

export type TakeInState = { state: TakeInStateName; refusedReason: TakeInRefusal | null };

/** What became of a held mail's take-in at the ticket's write: its record became the taken one, another worker took it in first, or it is gone (erased, its original deleted). */
export type TakenInRecord = 'recorded' | 'taken_elsewhere' | 'erased' | 'original_gone';

/**
 * The mails recorded on a ticket join its mail thread by their Message-ID (`cte` names the rows:
 * message_id, ticket_id, verified). A mail that may not be its customer's (unverified: kept on a
 * ticket, or opening one) threads what answers it, but as 'unverified': our answers to the customer
 * never name it in their References.
 */
const threadedFrom = (cte: string) => `threaded AS (
         INSERT INTO mail_thread_ids (message_id, ticket_id, direction)
         SELECT message_id, ticket_id, CASE WHEN verified IS FALSE THEN 'unverified' ELSE 'inbound' END FROM ${cte}
         WHERE ticket_id IS NOT NULL AND message_id <> '' AND length(message_id) <= 998
         ON CONFLICT (message_id) DO NOTHING)`;

export interface InboundMailEntry extends Required<Omit<InboundMailRecord, 'auth'>> {
  id: string;
  auth: Record<string, unknown>;
  receivedAt: Date;
  /** receivedAt to the microsecond, for a list's keyset cursor. */
  receivedKey: string;
  takeIn: TakeInState | null;
}

interface Row {
  id: string; dedup_key: string; mailbox: string; message_id: string | null; from_address: string | null; subject: string | null;
  size_bytes: number; outcome: InboundMailOutcome; reason: string | null; reason_kind: UnticketedReasonKind | null; refused_files: Array<Pick<RefusedFile, 'filename' | 'reason'>>; ticket_id: string | null; message_ref: string | null;
  verified: boolean | null; auth: Record<string, unknown>; original_key: string | null; received_at: Date; received_key: string;
  our_address: string | null; our_name: string | null; held_for: HeldFor | null; held_envelope: HeldEnvelope | null; take_in: TakeInState | null;
}

export interface FirstLook {
  recorded: boolean;
  fromSenderSince: number;
  /** The sender is an active agent of ours (answering one of their notices by mail, say). */
  fromAgent: boolean;
  /** The sender's customer record (or the one it was merged into) has an erasure queued or running. */
  senderBeingErased: boolean;
}

/** Of a shared transaction's mails, some were recorded already (by another worker, or twice in the group). */
export class MailsRecordedAlready extends Error {
  constructor(count: number) {
    super(`${count} of the mails were recorded already`);
  }
}

/**
 * Every mail taken in, once: the unique dedup key (Message-ID, or a hash of the bytes) is what makes
 * intake idempotent, across redeliveries and across workers racing on the same mail. What became of
 * it (a ticket, a message, or the reason it was ignored or quarantined) stays for admins to review.
 */
@Injectable()
export class InboundMailLog {
  /** The first looks of mails taken side by side, one statement for those that ask together. */
  private readonly looks = new GroupCommit<{ dedupKey: string; sender: string | null; since: Date }, FirstLook>((asked) => this.lookAll(asked), { maxBatch: 64, maxInFlight: 1 });

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * What the intake asks before anything else: whether this mail is recorded already, how many
   * mails its sender (when it has one) sent since `since`, whatever became of them (the per-sender
   * limit), and whether the sender's data is being erased (then nothing of the mail is taken now). Mails asking at the same time, as a burst taken side by side does, are answered by one
   * statement (a lone mail goes at once).
   */
  firstLook(dedupKey: string, sender: string | null, since: Date): Promise<FirstLook> {
    return this.looks.submit({ dedupKey, sender, since });
  }

  private async lookAll(asked: ReadonlyArray<{ dedupKey: string; sender: string | null; since: Date }>): Promise<Array<PromiseSettledResult<FirstLook>>> {
    const rows = await preparedRows<{ i: string; recorded: boolean; n: number; agent: boolean; erased: boolean }>(
      this.db.manager,
      `SELECT v.i, EXISTS (SELECT 1 FROM inbound_mails m WHERE m.dedup_key = v.dedup_key) AS recorded,
         CASE WHEN v.sender IS NULL THEN 0 ELSE (SELECT count(*)::int FROM inbound_mails m WHERE lower(m.from_address) = lower(v.sender) AND m.received_at >= v.since) END AS n,
         v.sender IS NOT NULL AND EXISTS (SELECT 1 FROM agents a WHERE lower(a.email) = lower(v.sender) AND a.active) AS agent,
         v.sender IS NOT NULL AND EXISTS (SELECT 1 ${ERASURE_UNDER_WAY} WHERE lower(c.email) = lower(v.sender)) AS erased
       FROM unnest($1::text[], $2::text[], $3::timestamptz[]) WITH ORDINALITY AS v(dedup_key, sender, since, i)`,
      [asked.map((a) => a.dedupKey), asked.map((a) => a.sender), asked.map((a) => a.since)],
    );
    const byPlace = new Map(rows.map((r) => [Number(r.i), { recorded: r.recorded, fromSenderSince: r.n, fromAgent: r.agent, senderBeingErased: r.erased }]));
    return asked.map((_, i) => {
      const look = byPlace.get(i + 1);
      return look ? { status: 'fulfilled', value: look } : { status: 'rejected', reason: new Error('No answer for this mail') };
    });
  }

  /**
   * Records the mail in the caller's transaction (or on its own); false when it was already recorded,
   * including by a transaction that committed while this one waited on the key. A mail recorded on a
   * ticket joins that ticket's mail thread by its Message-ID in the same statement, so our answers
   * reference it and a mail that answers it finds the ticket.
   */
  async record(record: InboundMailRecord, tx: EntityManager = this.db.manager): Promise<boolean> {
    const behind = writeBehindIn(tx);
    if (behind) {
      // A transaction carrying several mails records them together, first of what it writes behind; one recorded already fails it (see recordAll).
      behind.add('inbound-mails', record, async (records) => void (await this.recordAll(tx, records)), -1);
      return true;
    }
    return (await this.recordAll(tx, [record], { allOrNothing: false })) > 0;
  }

  /**
   * The mails in one statement, each joining its ticket's mail thread by its Message-ID. With
   * `allOrNothing` (a shared transaction's, which assumed each new), a mail recorded already throws:
   * the transaction rolls back and its mails are taken again one by one, where `record` says which.
   */
  private async recordAll(tx: EntityManager, records: readonly InboundMailRecord[], { allOrNothing = true } = {}): Promise<number> {
    const column = <T>(of: (r: InboundMailRecord) => T) => records.map(of);
    const rows = await preparedRows(
      tx,
      `WITH recorded AS (
         INSERT INTO inbound_mails (dedup_key, mailbox, message_id, from_address, subject, size_bytes, outcome, reason, ticket_id, message_ref, verified, auth, original_key, refused_files, our_address, our_name, held_for, held_envelope, reason_kind, received_at)
         SELECT dedup_key, mailbox, message_id, from_address, subject, size_bytes, outcome, reason, ticket_id, message_ref, verified, auth::jsonb, original_key, refused_files::jsonb, our_address, our_name, held_for, held_envelope::jsonb, reason_kind,
           -- Each row its own instant, in the given order: mails sharing a transaction do not share its start.
           clock_timestamp()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::text[], $8::text[], $9::uuid[], $10::uuid[], $11::boolean[], $12::text[], $13::text[], $14::text[], $15::text[], $16::text[], $17::text[], $18::text[], $19::text[])
           WITH ORDINALITY AS v(dedup_key, mailbox, message_id, from_address, subject, size_bytes, outcome, reason, ticket_id, message_ref, verified, auth, original_key, refused_files, our_address, our_name, held_for, held_envelope, reason_kind, i)
         ORDER BY v.i
         ON CONFLICT (dedup_key) DO NOTHING RETURNING id, message_id, ticket_id, outcome, verified),
       ${threadedFrom('recorded')}
       SELECT id FROM recorded`,
      [
        column((r) => r.dedupKey), column((r) => r.mailbox), column((r) => r.messageId), column((r) => r.fromAddress?.toLowerCase() ?? null),
        column((r) => r.subject?.slice(0, 998) ?? null), column((r) => r.sizeBytes), column((r) => r.outcome), column((r) => r.reason ?? null),
        column((r) => r.ticketId ?? null), column((r) => r.messageRef ?? null), column((r) => r.verified ?? null), column((r) => JSON.stringify(r.auth ?? {})),
        column((r) => r.originalKey ?? null), column((r) => JSON.stringify((r.refusedFiles ?? []).map(({ filename, reason }) => ({ filename, reason })))), column((r) => r.ourAddress?.address ?? null), column((r) => r.ourAddress?.name ?? null),
        column((r) => r.heldFor ?? null), column((r) => (r.heldEnvelope ? JSON.stringify(r.heldEnvelope) : null)), column((r) => r.reasonKind ?? null),
      ],
    );
    if (allOrNothing && rows.length < records.length) throw new MailsRecordedAlready(records.length - rows.length);
    return rows.length;
  }

  /**
   * A held mail taken in after all (a supervisor asked): its record becomes the taken one, in the
   * transaction that writes its ticket, and joins the ticket's mail thread as `record` would. Only
   * while it is still held with the original the worker read (`originalKey`): an erasure (or the
   * retention sweep) that took the original meanwhile wins, and so does another worker that took it
   * in first; the caller's transaction then rolls back.
   */
  async recordTakenIn(mailId: string, originalKey: string, record: InboundMailRecord, tx: EntityManager): Promise<TakenInRecord> {
    const rows = await preparedRows<{ id: string }>(
      tx,
      `WITH taken AS (
         UPDATE inbound_mails SET outcome = $2, reason = $3, reason_kind = NULL, refused_files = $4::jsonb, ticket_id = $5, message_ref = $6, verified = $7, auth = $8::jsonb, held_envelope = NULL
         WHERE id = $1 AND outcome IN ('ignored', 'quarantined') AND held_for IS NOT NULL AND original_key = $9
         RETURNING id, message_id, ticket_id, verified),
       ${threadedFrom('taken')},
       done AS (
         UPDATE inbound_mail_take_ins SET taken_at = now(), lease_until = NULL, last_error = NULL, gave_up_at = NULL WHERE mail_id IN (SELECT id FROM taken))
       SELECT id FROM taken`,
      [
        mailId, record.outcome, record.reason ?? null, JSON.stringify((record.refusedFiles ?? []).map(({ filename, reason }) => ({ filename, reason }))),
        record.ticketId ?? null, record.messageRef ?? null, record.verified ?? null, JSON.stringify(record.auth ?? {}), originalKey,
      ],
    );
    if (rows.length > 0) return 'recorded';
    const [now] = await tx.query<Array<{ outcome: InboundMailOutcome; dedup_key: string }>>(`SELECT outcome, dedup_key FROM inbound_mails WHERE id = $1`, [mailId]);
    if (now && (now.outcome === 'opened' || now.outcome === 'continued')) return 'taken_elsewhere';
    return !now || now.dedup_key.startsWith('erased:') ? 'erased' : 'original_gone';
  }

  /** Newest first; `after` is the last entry of the previous page. */
  async list(filter: { outcomes: InboundMailOutcome[]; after?: { receivedAt: string; id: string }; limit: number }): Promise<InboundMailEntry[]> {
    const rows = await this.db.query<Row[]>(
      `${ENTRY_SELECT} WHERE outcome = ANY($1) AND ($2::timestamptz IS NULL OR (received_at, id) < ($2, $3::uuid))
       ORDER BY received_at DESC, id DESC LIMIT $4`,
      [filter.outcomes, filter.after?.receivedAt ?? null, filter.after?.id ?? null, filter.limit],
    );
    return rows.map(toEntry);
  }

  async find(id: string, tx: EntityManager = this.db.manager): Promise<InboundMailEntry | null> {
    const rows = await tx.query<Row[]>(`${ENTRY_SELECT} WHERE id = $1`, [id]);
    return rows[0] ? toEntry(rows[0]) : null;
  }

  /** The mail a message came in with (for "show original" and the sender's verification). */
  async forMessages(messageIds: string[]): Promise<InboundMailEntry[]> {
    if (messageIds.length === 0) return [];
    const rows = await this.db.query<Row[]>(`${ENTRY_SELECT} WHERE message_ref = ANY($1)`, [messageIds]);
    return rows.map(toEntry);
  }

  /**
   * A ticket's mails, oldest first: the one that opened it and the newest TICKET_MAILS_SHOWN of the
   * others (a mail loop let through must not make one answer unbounded; the opening mail is what the
   * console's header shows the sender's verification from).
   */
  async forTicket(ticketId: string): Promise<InboundMailEntry[]> {
    const rows = await this.db.query<Row[]>(
      `SELECT * FROM (
         (${ENTRY_SELECT} WHERE ticket_id = $1 AND outcome = 'opened')
         UNION ALL
         (${ENTRY_SELECT} WHERE ticket_id = $1 AND outcome <> 'opened' ORDER BY received_at DESC, id DESC LIMIT $2)
       ) shown ORDER BY received_at, id`,
      [ticketId, TICKET_MAILS_SHOWN],
    );
    return rows.map(toEntry);
  }
}

function toEntry(r: Row): InboundMailEntry {
  return {
    id: r.id, dedupKey: r.dedup_key, mailbox: r.mailbox, messageId: r.message_id, fromAddress: r.from_address, subject: r.subject,
    sizeBytes: r.size_bytes, outcome: r.outcome, reason: r.reason, reasonKind: r.reason_kind, refusedFiles: r.refused_files.map(({ filename, reason }) => ({ filename, reason })), ticketId: r.ticket_id, messageRef: r.message_ref, verified: r.verified,
    auth: r.auth, originalKey: r.original_key, receivedAt: r.received_at, receivedKey: r.received_key,
    ourAddress: r.our_address === null ? null : { address: r.our_address, name: r.our_name },
    heldFor: r.held_for, heldEnvelope: r.held_envelope, takeIn: r.take_in,
  };
}
