import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { postAgentMessage, TicketNotFound, type ActingAgent, type AgentMessageInput } from '@firsthand/domain';
import type { StoredTicketEvent } from '@firsthand/persistence';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';
import { ClaimTicket } from './claim-ticket.use-case.js';

/**
 * A public reply from the owner, or an internal note from any agent who can see the ticket. A public
 * reply on an unowned ticket claims it first, in the same transaction: answering is taking ownership.
 */
@Injectable()
export class PostAgentMessage {
  constructor(private readonly uow: TicketUnitOfWork, private readonly claim: ClaimTicket) {}

  execute(ticketId: string, agent: ActingAgent, input: Omit<AgentMessageInput, 'messageId'>): Promise<TicketChangeResult> {
    return this.uow.transact(async (em) => {
      const claimEvents: StoredTicketEvent[] = [];
      if (input.visibility === 'public') {
        const current = await this.uow.store.read(em, ticketId);
        if (current && current.ownerId === null) claimEvents.push(...(await this.claim.claimWithin(em, ticketId, agent, 'reply')));
      }
      const ticket = await this.uow.store.lock(em, ticketId);
      if (!ticket || !(await this.uow.readModel.isVisible(em, ticketId, agent))) throw new TicketNotFound();
      const result = await this.uow.decideAndApply(
        em,
        ticket,
        (ctx) =>
          postAgentMessage(ctx.ticket, agent, { ...input, messageId: randomUUID() }, {
            now: ctx.now,
            sla: ctx.sla,
            ownerName: ctx.ownerName,
            // The claim this reply just made is not news to the replier.
            eventsAfterExpected: ctx.eventsAfterExpected.filter((e) => !claimEvents.some((c) => c.seq === e.seq)),
          }),
        input.expectedSeq,
      );
      return { ticket: result.ticket, events: [...claimEvents, ...result.events] };
    });
  }
}
