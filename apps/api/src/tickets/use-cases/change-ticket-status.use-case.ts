import { Injectable } from '@nestjs/common';
import { changeStatus, type ActingAgent, type StatusChangeInput } from '@firsthand/domain';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/** Owner moves a ticket between open, waiting for the customer and resolved (or back to open). */
@Injectable()
export class ChangeTicketStatus {
  constructor(private readonly tickets: TicketWriter) {}

  execute(ticketId: string, agent: ActingAgent, input: StatusChangeInput): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, agent, (ctx) => changeStatus(ctx.ticket, agent, input, ctx), { expectedSeq: input.expectedSeq });
  }
}
