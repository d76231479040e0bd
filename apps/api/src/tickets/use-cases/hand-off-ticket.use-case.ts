import { Injectable } from '@nestjs/common';
import { acceptHandoff, declineHandoff, proposeHandoff, type ActingAgent, type Assignee } from '@firsthand/domain';
import { AgentEntity } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';

export async function findAssignee(em: EntityManager, agentId: string): Promise<Assignee | null> {
  const agent = await em.findOneBy(AgentEntity, { id: agentId });
  return agent ? { id: agent.id, name: agent.name, active: agent.active } : null;
}

/** Ownership changes hands only when the receiving agent accepts; the proposer owns it until then. */
@Injectable()
export class HandOffTicket {
  constructor(private readonly uow: TicketUnitOfWork) {}

  propose(ticketId: string, owner: ActingAgent, toAgentId: string, note: string): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(ticketId, owner, async (ctx) =>
      proposeHandoff(ctx.ticket, owner, await findAssignee(ctx.em, toAgentId), note, ctx.ownerName),
    );
  }

  accept(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(ticketId, agent, (ctx) => acceptHandoff(ctx.ticket, agent, ctx.now));
  }

  decline(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    return this.uow.changeAsAgent(ticketId, agent, (ctx) => declineHandoff(ctx.ticket, agent));
  }
}
