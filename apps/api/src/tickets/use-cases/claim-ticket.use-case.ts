import { Injectable } from '@nestjs/common';
import type { ActingAgent } from '@firsthand/domain';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/** The first agent to claim a ticket owns it; everyone after gets 409 naming the owner. */
@Injectable()
export class ClaimTicket {
  constructor(private readonly tickets: TicketWriter) {}

  execute(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    return this.tickets.claimAsAgent(ticketId, agent);
  }
}
