import type { ActingAgent } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { TicketReadModel } from '../tickets/ticket-read-model.js';
import { RECORD_SELECT, recordSelectFrom, toRecord, type NotificationRecord, type NotificationStatus, type RecipientType, type RecordRow } from './notification-record.js';

/** What supervisors and agents read of the notifications, and the supervisor's "send it again". */
@Injectable()
export class NotificationLog {
  constructor(@InjectDataSource() private readonly db: DataSource, private readonly tickets: TicketReadModel) {}

  async findById(id: string): Promise<NotificationRecord | null> {
    const rows: RecordRow[] = await this.db.query(`${RECORD_SELECT} WHERE n.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Newest first, keyset-paginated on (created_at, id). */
  async list(filter: { status?: NotificationStatus[]; ticketId?: string; recipientType?: RecipientType; limit: number; cursor?: { createdAt: string; id: string } }): Promise<NotificationRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.status?.length) where.push(`n.status = ANY($${params.push(filter.status)}::text[])`);
    if (filter.ticketId) where.push(`n.ticket_id = $${params.push(filter.ticketId)}`);
    if (filter.recipientType) where.push(`n.recipient_type = $${params.push(filter.recipientType)}`);
    if (filter.cursor) where.push(`(n.created_at, n.id) < ($${params.push(filter.cursor.createdAt)}::timestamptz, $${params.push(filter.cursor.id)}::uuid)`);
    const rows: RecordRow[] = await this.db.query(
      `${RECORD_SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n.created_at DESC, n.id DESC LIMIT $${params.push(filter.limit)}`,
      params,
    );
    return rows.map(toRecord);
  }

  /** A ticket's notifications for an agent who may see the ticket; null when they may not (or it does not exist). */
  async ofTicketVisibleTo(ticketId: string, agent: ActingAgent, limit: number, recipientType?: RecipientType): Promise<NotificationRecord[] | null> {
    if (!(await this.tickets.isVisible(this.db.manager, ticketId, agent))) return null;
    return this.list({ ticketId, recipientType, limit });
  }

  async attempts(id: string) {
    const rows: Array<{ attempt: number; worker: string; started_at: Date; finished_at: Date | null; outcome: string | null; error: string | null; response_code: number | null }> =
      await this.db.query(`SELECT attempt, worker, started_at, finished_at, outcome, error, response_code FROM notification_attempts WHERE notification_id = $1 ORDER BY attempt`, [id]);
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

  /** A supervisor sends a failed notification again: a new round of attempts. Null when it is not failed. */
  async requeueFailed(id: string, attemptsThisRound: number, now: Date): Promise<NotificationRecord | null> {
    // The record as this statement left it: read afterwards, a worker may already have taken the send.
    const rows: RecordRow[] = await this.db.query(
      `WITH requeued AS (
         UPDATE notifications SET status = 'pending', retry_round = retry_round + 1, max_attempts = attempts + $3, next_attempt_at = $2, updated_at = $2
         WHERE id = $1 AND status = 'failed' RETURNING *)
       ${recordSelectFrom('requeued')}`,
      [id, now, attemptsThisRound],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }
}
