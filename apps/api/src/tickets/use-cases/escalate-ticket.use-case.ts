import { Injectable } from '@nestjs/common';
import { requestEscalation, type ActingAgent } from '@firsthand/domain';
import { escalationWatchers } from '@firsthand/persistence';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';

@Injectable()
export class EscalateTicket {
  constructor(private readonly uow: TicketUnitOfWork) {}

  execute(ticketId: string, owner: ActingAgent, reason: string): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(ticketId, owner, async (ctx) =>
      requestEscalation(ctx.ticket, owner, reason, await escalationWatchers(ctx.em, ctx.ticket.teamId, ['senior', 'supervisor']), ctx.ownerName),
    );
  }
}
