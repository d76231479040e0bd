import { Injectable } from '@nestjs/common';
import { reassignTicket, type ActingAgent } from '@firsthand/domain';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';
import { findAssignee } from './hand-off-ticket.use-case.js';

/** A supervisor moves ownership at once, with a reason on the record. */
@Injectable()
export class ReassignTicket {
  constructor(private readonly uow: TicketUnitOfWork) {}

  execute(ticketId: string, supervisor: ActingAgent, toAgentId: string, reason: string): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(ticketId, supervisor, async (ctx) =>
      reassignTicket(ctx.ticket, supervisor, await findAssignee(ctx.em, toAgentId), reason, ctx.now),
    );
  }
}
