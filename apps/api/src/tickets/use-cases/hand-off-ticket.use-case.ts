import { Injectable } from '@nestjs/common';
import { acceptHandoff, declineHandoff, proposeHandoff, type ActingAgent } from '@firsthand/domain';
import { findAssignee } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/** Ownership changes hands only when the receiving agent accepts; the proposer owns it until then. */
@Injectable()
export class HandOffTicket {
  constructor(private readonly tickets: TicketWriter) {}

  propose(ticketId: string, owner: ActingAgent, toAgentId: string, note: string): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, owner, async (ctx) =>
      proposeHandoff(ctx.ticket, owner, await findAssignee(ctx.tx, toAgentId), note, ctx.ownerName),
    );
  }

  accept(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, agent, (ctx) => acceptHandoff(ctx.ticket, agent, ctx.now));
  }

  decline(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, agent, (ctx) => declineHandoff(ctx.ticket, agent));
  }
}
