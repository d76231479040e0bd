import { Injectable } from '@nestjs/common';
import { requestEscalation, type ActingAgent } from '@firsthand/domain';
import { escalationWatchers } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/** The owner asks for help: seniors and supervisors watch; ownership stays where it is. */
@Injectable()
export class EscalateTicket {
  constructor(private readonly tickets: TicketWriter) {}

  execute(ticketId: string, owner: ActingAgent, reason: string): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, owner, async (ctx) =>
      requestEscalation(ctx.ticket, owner, reason, await escalationWatchers(ctx.tx, ctx.ticket.teamId, ['senior', 'supervisor']), ctx.ownerName),
    );
  }
}
