import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toAttachmentRecord, type AttachmentRecord, type AttachmentRow } from '../attachments/attachment-row.js';
import { preparedRows } from '../prepared-query.js';

/** A ticket a mail may continue, with what the threading rules check. */
export interface ThreadTicket {
  id: string;
  code: string;
  subject: string;
  /** `mergedEmails`: addresses kept on customer records merged into this one, which are the customer's too. */
  customer: { id: string; name: string; email: string | null; mergedEmails: string[] };
}

interface ThreadRow {
  id: string;
  code: string;
  subject: string;
  customer_id: string;
  customer_name: string;
  email: string | null;
  merged_emails: string[];
}

const toThreadTicket = (r: ThreadRow): ThreadTicket => ({
  id: r.id,
  code: r.code,
  subject: r.subject,
  customer: { id: r.customer_id, name: r.customer_name, email: r.email, mergedEmails: r.merged_emails },
});

/** Where a customer email stands in its ticket's mail thread: what its headers and files are made of. */
export interface MailThreadPlace {
  /** The ticket's code, for its reply address. */
  code: string;
  /** The customer's newest mail (In-Reply-To). */
  lastInbound: string | null;
  /** The conversation before this email, oldest first (References). */
  conversation: string[];
  /** The public files of the event the email tells about (an agent's public reply's). */
  files: AttachmentRecord[];
  /** Where the ticket's mail came in (`imap:<mailbox>` or `smtp`): the one that opened it, else its first; null without mail. What its emails go out as. */
  mailbox: string | null;
}

/** How many earlier Message-IDs an email's References carry: the thread's first and the newest. */
export const MAIL_REFERENCES_LIMIT = 20;

/**
 * A conversation (oldest first) cut to `limit` ids the way RFC 5322 asks of References: the first
 * id stays (mail clients thread on the root), then the newest.
 */
export function trimReferences(conversation: readonly string[], limit = MAIL_REFERENCES_LIMIT): string[] {
  return conversation.length <= limit ? [...conversation] : [conversation[0]!, ...conversation.slice(conversation.length - (limit - 1))];
}

/**
 * `thread_last_inbound`, `thread_conversation`, `thread_files` and `thread_mailbox` of ticket `t`
 * and event `e` (the conversation its root and the newest, as trimReferences; its files when it is an agent's public reply: the files of an opening or a
 * customer's reply are the customer's own, never sent back to them), the conversation without
 * message id `exclude` (an SQL expression, or none).
 */
export const MAIL_THREAD_COLUMNS = (limit: string, exclude: string | null) => `
  (SELECT message_id FROM mail_thread_ids WHERE ticket_id = t.id AND direction = 'inbound' ORDER BY created_at DESC LIMIT 1) AS thread_last_inbound,
  (SELECT array_agg(message_id ORDER BY created_at) FROM (
     (SELECT message_id, created_at FROM mail_thread_ids WHERE ticket_id = t.id AND direction <> 'unverified' ${exclude ? `AND message_id <> ${exclude}` : ''} ORDER BY created_at LIMIT 1)
     UNION
     (SELECT message_id, created_at FROM mail_thread_ids WHERE ticket_id = t.id AND direction <> 'unverified' ${exclude ? `AND message_id <> ${exclude}` : ''} ORDER BY created_at DESC LIMIT ${limit} - 1)) kept) AS thread_conversation,
  (SELECT json_agg(a ORDER BY a.created_at, a.id) FROM attachments a
     WHERE e.visibility = 'public' AND e.type = 'agent_replied' AND a.ticket_id = e.ticket_id AND a.event_seq = e.seq AND a.visibility = 'public') AS thread_files,
  (SELECT m.mailbox FROM inbound_mails m WHERE m.ticket_id = t.id ORDER BY (m.outcome = 'opened') DESC, m.received_at LIMIT 1) AS thread_mailbox`;

export interface MailThreadColumns {
  thread_last_inbound: string | null;
  thread_conversation: string[] | null;
  thread_files: AttachmentRow[] | null;
  thread_mailbox: string | null;
}

/** The place from MAIL_THREAD_COLUMNS and the ticket's code. */
export function toMailThreadPlace(code: string, row: MailThreadColumns): MailThreadPlace {
  const files = (row.thread_files ?? []).map((f) => toAttachmentRecord({ ...f, created_at: new Date(f.created_at), bound_at: f.bound_at === null ? null : new Date(f.bound_at) }));
  return { code, lastInbound: row.thread_last_inbound, conversation: row.thread_conversation ?? [], files, mailbox: row.thread_mailbox };
}

/** The lower-cased emails of records merged (directly or through others) into customer `c`. */
const MERGED_EMAILS = `ARRAY(WITH RECURSIVE merged(id, depth) AS (
    SELECT m.id, 0 FROM customers m WHERE m.merged_into_id = c.id
    UNION ALL SELECT m.id, merged.depth + 1 FROM customers m JOIN merged ON m.merged_into_id = merged.id WHERE merged.depth < 32)
  SELECT lower(m.email) FROM customers m JOIN merged ON merged.id = m.id WHERE m.email IS NOT NULL) AS merged_emails`;

/**
 * The Message-IDs of each ticket's conversation, both ways: what Firsthand sent (so a reply's
 * In-Reply-To/References finds the ticket) and what the customer sent (so our answers reference it
 * and the customer's client keeps one thread). A customer's id is written with their mail's record
 * (`InboundMailLog.record`), ours as each email is sent.
 */
@Injectable()
export class MailThreads {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The ticket the newest of these ids belongs to (the ids in the order In-Reply-To, then References newest first). */
  async ticketForMessageIds(messageIds: string[]): Promise<ThreadTicket | null> {
    if (messageIds.length === 0) return null;
    const rows = await preparedRows<ThreadRow>(
      this.db.manager,
      `SELECT t.id, t.code, t.subject, c.id AS customer_id, c.name AS customer_name, c.email, ${MERGED_EMAILS} FROM unnest($1::text[]) WITH ORDINALITY AS ids(message_id, ord)
       JOIN mail_thread_ids m ON m.message_id = ids.message_id JOIN tickets t ON t.id = m.ticket_id JOIN customers c ON c.id = t.customer_id
       ORDER BY ids.ord LIMIT 1`,
      [messageIds.slice(0, 100)],
    );
    return rows[0] ? toThreadTicket(rows[0]) : null;
  }

  async ticketForCode(code: string): Promise<ThreadTicket | null> {
    const rows = await preparedRows<ThreadRow>(
      this.db.manager,
      `SELECT t.id, t.code, t.subject, c.id AS customer_id, c.name AS customer_name, c.email, ${MERGED_EMAILS} FROM tickets t JOIN customers c ON c.id = t.customer_id WHERE t.code = $1`,
      [code],
    );
    return rows[0] ? toThreadTicket(rows[0]) : null;
  }

  /**
   * Everything a customer email needs besides its words, in one statement at send time (so a mail
   * that arrived meanwhile counts): its place in the thread (MailThreadPlace). The email's own id
   * is remembered in the same statement, so a reply that comes back at once finds the ticket. (An
   * email sent as its event is handled reads its place with the event, and its id is remembered
   * as it is stored: NotificationStore.planAll.)
   */
  async joinThread(notificationId: string, ticketId: string, ownMessageId: string, limit = MAIL_REFERENCES_LIMIT): Promise<MailThreadPlace | null> {
    const rows = await preparedRows<MailThreadColumns & { code: string }>(
      this.db.manager,
      `WITH own AS (INSERT INTO mail_thread_ids (message_id, ticket_id, direction) SELECT $3, id, 'outbound' FROM tickets WHERE id = $1 ON CONFLICT (message_id) DO NOTHING)
       SELECT t.code, ${MAIL_THREAD_COLUMNS('$2', '$3')}
       FROM tickets t LEFT JOIN notifications n ON n.id = $4 LEFT JOIN ticket_events e ON e.id = n.event_id
       WHERE t.id = $1`,
      [ticketId, limit, ownMessageId, notificationId],
    );
    return rows[0] ? toMailThreadPlace(rows[0].code, rows[0]) : null;
  }
}
