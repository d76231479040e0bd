import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

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
  async notifySlaCalendarChanged(tx: EntityManager, affected: SlaCalendarChange, reason: string): Promise<void> {
    const teamIds = affected.all ? null : [...new Set(affected.teamIds ?? [])];
    if (teamIds && teamIds.length === 0) return;
    await tx.query(`INSERT INTO sla_replans (reason, team_ids) VALUES ($1, $2::uuid[])`, [reason.slice(0, 500), teamIds]);
  }
}
