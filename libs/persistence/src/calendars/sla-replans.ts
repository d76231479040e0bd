import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** A request to plan clocks again: `teamIds` null means every open ticket. */
export interface PendingSlaReplan {
  id: string;
  reason: string;
  teamIds: string[] | null;
}

/** Which open tickets' clocks a calendar change moves: some teams' tickets, or all of them. */
export interface SlaCalendarChange {
  teamIds?: string[];
  all?: boolean;
}

/**
 * Requests to plan open tickets' SLA clocks again after a calendar change, written in the change's
 * own transaction so a committed change is never left unplanned. The worker consumes the rows
 * (`done_at`); `team_ids` null means every open ticket.
 */
@Injectable()
export class SlaReplans {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async notifySlaCalendarChanged(tx: EntityManager, affected: SlaCalendarChange, reason: string): Promise<void> {
    const teamIds = affected.all ? null : [...new Set(affected.teamIds ?? [])];
    if (teamIds && teamIds.length === 0) return;
    await tx.query(`INSERT INTO sla_replans (reason, team_ids) VALUES ($1, $2::uuid[])`, [reason.slice(0, 500), teamIds]);
  }

  /** The oldest request not yet done. Two workers may take the same one: the re-plan rule changes a ticket once. */
  async nextPending(): Promise<PendingSlaReplan | null> {
    const rows: Array<{ id: string; reason: string; team_ids: string[] | null }> = await this.db.query(
      `SELECT id::text, reason, team_ids FROM sla_replans WHERE done_at IS NULL ORDER BY id LIMIT 1`,
    );
    return rows[0] ? { id: rows[0].id, reason: rows[0].reason, teamIds: rows[0].team_ids } : null;
  }

  /** Tickets still being worked on, of these teams (null: all), a page at a time in id order. */
  async openTicketIds(teamIds: string[] | null, afterId: string | null, limit: number): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM tickets
       WHERE status IN ('new', 'open', 'pending_customer') AND ($1::uuid[] IS NULL OR team_id = ANY($1::uuid[]))
         AND ($2::uuid IS NULL OR id > $2::uuid)
       ORDER BY id LIMIT $3`,
      [teamIds, afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  async markDone(id: string): Promise<void> {
    await this.db.query(`UPDATE sla_replans SET done_at = now() WHERE id = $1::bigint AND done_at IS NULL`, [id]);
  }
}
