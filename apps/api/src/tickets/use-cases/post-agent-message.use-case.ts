import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { postAgentMessage, type ActingAgent, type AgentMessageInput } from '@firsthand/domain';
import { TicketWriter, type TicketChangeResult } from '@firsthand/ticketing';

/**
 * A public reply from the owner, or an internal note from any agent who can see the ticket. A public
 * reply on an unowned ticket claims it first, in the same transaction: answering is taking ownership.
 */
@Injectable()
export class PostAgentMessage {
  constructor(private readonly tickets: TicketWriter) {}

  execute(ticketId: string, agent: ActingAgent, input: Omit<AgentMessageInput, 'messageId'>): Promise<TicketChangeResult> {
    return this.tickets.changeAsAgent(
      ticketId,
      agent,
      (ctx) => postAgentMessage(ctx.ticket, agent, { ...input, messageId: randomUUID() }, ctx),
      { expectedSeq: input.expectedSeq, claimIfUnowned: input.visibility === 'public' },
    );
  }
}
