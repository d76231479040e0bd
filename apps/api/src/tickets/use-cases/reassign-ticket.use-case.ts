import { Injectable } from '@nestjs/common';
import { reassignTicket, type ActingAgent } from '@firsthand/domain';
import { findAssignee } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/** A supervisor moves ownership at once, with a reason on the record. */
@Injectable()
export class ReassignTicket {
  constructor(private readonly tickets: TicketWriter) {}

  execute(ticketId: string, supervisor: ActingAgent, toAgentId: string, reason: string): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, supervisor, async (ctx) =>
      reassignTicket(ctx.ticket, supervisor, await findAssignee(ctx.tx, toAgentId), reason, ctx.now),
    );
  }
}
