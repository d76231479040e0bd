import type { NotificationListItem } from '@firsthand/realtime-contracts';
import { keysetInstant } from '../keyset-instant.js';

export type NotificationChannelName = 'email' | 'sms' | 'webhook';
export type NotificationStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'suppressed' | 'refused';
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
  /** refused: an SMS budget held it back (issue 13); kept for supervisors, never sent. */
  status: 'pending' | 'suppressed' | 'refused';
  lastError: string | null;
  maxAttempts: number;
  /** A customer email's Message-ID (without brackets), remembered in its ticket's mail thread as it is stored and taken for sending. */
  mailThreadId?: string;
}

/** What a delivery attempt needs, read when it took the send. */
export interface NotificationToSend {
  id: string;
  ticketId: string;
  eventId: string;
  recipientType: RecipientType;
  recipientId: string | null;
  /** Written beside the address in an email's To, as mail clients show it and answer it. */
  recipientName: string;
  channel: NotificationChannelName;
  address: string;
  /** The language it was written in (a line added as it goes out is written in it too). */
  locale: string;
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

/** The records of the notification rows in `source` (the table, or a CTE that changed rows and returned them). */
export const recordSelectFrom = (source: string) => `
  SELECT n.id, n.ticket_id, t.code AS ticket_code, e.seq AS event_seq, n.kind, n.recipient_type, n.recipient_name, n.channel,
    n.address, n.status, n.attempts, n.max_attempts, n.retry_round, n.last_error, n.next_attempt_at, n.sent_at, n.created_at,
    ${keysetInstant('n.created_at')} AS created_key
  FROM ${source} n JOIN tickets t ON t.id = n.ticket_id LEFT JOIN ticket_events e ON e.id = n.event_id`;

export const RECORD_SELECT = recordSelectFrom('notifications');

export interface RecordRow {
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
  /** created_at to the microsecond, as the audit log keeps it: a millisecond cursor skipped rows made in the same millisecond. */
  created_key: string;
}

export function toRecord(r: RecordRow): NotificationRecord {
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
    createdAt: r.created_key,
  };
}

