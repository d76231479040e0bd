import { Injectable } from '@nestjs/common';
import { requestEscalation, type ActingAgent } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';

/** Seniors and supervisors of the ticket's team; all supervisors when the team has none. */
export async function escalationWatchers(em: EntityManager, teamId: string | null, roles: string[]): Promise<string[]> {
  const inTeam: Array<{ id: string }> = teamId
    ? await em.query(`SELECT id FROM agents WHERE active AND team_id = $1 AND role = ANY($2::text[])`, [teamId, roles])
    : [];
  if (inTeam.length > 0) return inTeam.map((a) => a.id);
  const everywhere: Array<{ id: string }> = await em.query(`SELECT id FROM agents WHERE active AND role = 'supervisor'`);
  return everywhere.map((a) => a.id);
}

@Injectable()
export class EscalateTicket {
  constructor(private readonly uow: TicketUnitOfWork) {}

  execute(ticketId: string, owner: ActingAgent, reason: string): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(ticketId, owner, async (ctx) =>
      requestEscalation(ctx.ticket, owner, reason, await escalationWatchers(ctx.em, ctx.ticket.teamId, ['senior', 'supervisor']), ctx.ownerName),
    );
  }
}
