import { SLA_STAGE_SHARE, type SlaThreshold, type Ticket } from '@firsthand/domain';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { APPLIED_THRESHOLDS, appliedFrom } from '../outbox/job-outbox.js';
import { matchingIds, preparedRows } from '../prepared-query.js';
import { SqlRunner } from '../sql-runner.js';
import { TICKET_COLUMNS, toTicket, type TicketRow } from '../tickets/ticket-row.mapper.js';

type ThresholdKey = Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>;

/** Which thresholds were applied: the primary key makes each one happen once however often its timer fires. */
@Injectable()
export class SlaEscalationLedger {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** True when this call recorded the threshold; false when someone already had. Caller holds the ticket's row lock. */
  async recordFirst(em: EntityManager, ticketId: string, threshold: ThresholdKey, eventSeq: number, now: Date): Promise<boolean> {
    const { affected } = await SqlRunner.of(em).write(
      `INSERT INTO sla_escalations (ticket_id, target, stage, due_at, applied_at, event_seq) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT DO NOTHING`,
      [ticketId, threshold.target, threshold.stage, threshold.dueAt, now, eventSeq],
    );
    return affected === 1;
  }

  async appliedFor(ticketId: string): Promise<ThresholdKey[]> {
    return this.appliedWithin(this.db.manager, ticketId);
  }

  /** The thresholds applied to the ticket, read in the caller's transaction (under the ticket's row lock, nobody adds one meanwhile). */
  async appliedWithin(em: EntityManager, ticketId: string): Promise<ThresholdKey[]> {
    const rows = await SqlRunner.of(em).rows<{ target: ThresholdKey['target']; stage: ThresholdKey['stage']; due_at: Date }>(
      `SELECT target, stage, due_at FROM sla_escalations WHERE ticket_id = $1`,
      [ticketId],
    );
    return rows.map((r) => ({ target: r.target, stage: r.stage, dueAt: r.due_at }));
  }

  /** The ticket as it is now and the thresholds already applied to it, in one read; null when there is no such ticket. */
  async ticketWithApplied(ticketId: string): Promise<{ ticket: Ticket; applied: ThresholdKey[] } | null> {
    return (await this.ticketsWithApplied([ticketId]))[0] ?? null;
  }

  /** The tickets of `ticketIds` still there, each with the thresholds applied to it, in one statement (read after timers fire). */
  async ticketsWithApplied(ticketIds: readonly string[]): Promise<Array<{ ticket: Ticket; applied: ThresholdKey[] }>> {
    if (ticketIds.length === 0) return [];
    const ids = matchingIds([...new Set(ticketIds)], 'uuid');
    const rows = await preparedRows<TicketRow & { applied: Parameters<typeof appliedFrom>[0] }>(
      this.db.manager,
      `SELECT ${TICKET_COLUMNS}, ${APPLIED_THRESHOLDS('t.id')} AS applied FROM tickets t WHERE t.id ${ids.match}`,
      [ids.param],
    );
    return rows.map((row) => ({ ticket: toTicket(row), applied: appliedFrom(row.applied) }));
  }

  /**
   * Unresolved tickets with a threshold whose time has come and that nobody applied: what the
   * timers would have done had Redis not lost them. A stage's moment is the working-time instant
   * stored with the due time (`sla_*_warn_at`, `sla_*_critical_at`, written by every change that
   * moves the clocks); the breach is the due time itself. A ticket planned before those columns
   * existed falls back to the wall-clock share, the domain's, which its 24×7 calendar gave.
   */
  async overdueTicketIds(now: Date, limit: number): Promise<string[]> {
    const missing = (target: string, stage: string, due: string) =>
      `NOT EXISTS (SELECT 1 FROM sla_escalations e WHERE e.ticket_id = t.id AND e.target = '${target}' AND e.stage = '${stage}' AND e.due_at = ${due})`;
    const staged = (target: string, column: string, due: string, active: string) =>
      Object.entries(SLA_STAGE_SHARE).map(([stage, share]) => {
        const wallClock = `t.created_at + (${due} - t.created_at) * ${share}`;
        const at = stage === 'breach' ? due : `coalesce(t.sla_${column}_${stage === 'warning' ? 'warn' : 'critical'}_at, ${wallClock})`;
        return `(${active} AND ${at} <= $1 AND ${missing(target, stage, due)})`;
      });
    const conditions = [
      ...staged('first_response', 'first_response', 't.first_response_due_at', 't.first_response_at IS NULL AND t.first_response_due_at IS NOT NULL'),
      // A resolution clock stopped for the customer's turn has no threshold ahead.
      ...staged('resolution', 'resolution', 't.resolution_due_at', 't.resolution_due_at IS NOT NULL AND t.sla_paused_at IS NULL'),
      `(t.status = 'open' AND t.owner_id IS NOT NULL AND t.next_update_due_at <= $1 AND ${missing('next_update', 'reminder', 't.next_update_due_at')})`,
    ];
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT t.id FROM tickets t WHERE t.status IN ('new', 'open', 'pending_customer') AND (${conditions.join(' OR ')})
       ORDER BY t.created_at LIMIT $2`,
      [now, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Unresolved tickets, a page at a time, for re-creating every timer after Redis lost them. */
  async openTicketIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM tickets WHERE status IN ('new', 'open', 'pending_customer') AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }
}
