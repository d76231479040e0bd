import { Injectable } from '@nestjs/common';
import { changeTicketTags, type ActingAgent, type TagChangeInput } from '@firsthand/domain';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/** Any agent who may see a ticket changes its tags; a change that changes nothing writes nothing. */
@Injectable()
export class ChangeTicketTags {
  constructor(private readonly tickets: TicketWriter) {}

  execute(ticketId: string, agent: ActingAgent, input: TagChangeInput): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(ticketId, agent, (ctx) => changeTicketTags(ctx.ticket, agent, input));
  }
}
