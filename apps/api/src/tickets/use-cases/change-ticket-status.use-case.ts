import { Injectable } from '@nestjs/common';
import { changeStatus, type ActingAgent, type StatusChangeInput } from '@firsthand/domain';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';

/** Owner moves a ticket between open, waiting for the customer and resolved (or back to open). */
@Injectable()
export class ChangeTicketStatus {
  constructor(private readonly uow: TicketUnitOfWork) {}

  execute(ticketId: string, agent: ActingAgent, input: StatusChangeInput): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(
      ticketId,
      agent,
      (ctx) => changeStatus(ctx.ticket, agent, input, { ...ctx }),
      input.expectedSeq,
    );
  }
}
