import { Injectable } from '@nestjs/common';
import { claimTicket, TicketNotFound, TicketOwnedByAnother, type ActingAgent } from '@firsthand/domain';
import { readSlaTargets } from '@firsthand/persistence';
import type { EntityManager } from 'typeorm';
import { TicketUnitOfWork, type TicketChangeResult } from '../ticket-unit-of-work.js';

/**
 * The first agent to claim a ticket owns it. The winner is whoever's conditional UPDATE finds the
 * ticket still unowned; the database decides, so it holds across any number of API processes.
 */
@Injectable()
export class ClaimTicket {
  constructor(private readonly uow: TicketUnitOfWork) {}

  execute(ticketId: string, agent: ActingAgent): Promise<TicketChangeResult> {
    return this.uow.transact(async (em) => {
      const events = await this.claimWithin(em, ticketId, agent, 'claim');
      const view = await this.uow.readModel.findById(em, ticketId);
      if (!view) throw new TicketNotFound();
      return { ticket: view, events };
    });
  }

  /** Also used by a first public reply, inside that reply's transaction. */
  async claimWithin(em: EntityManager, ticketId: string, agent: ActingAgent, via: 'claim' | 'reply') {
    const { store, readModel } = this.uow;
    const ticket = await store.read(em, ticketId);
    if (!ticket || !(await readModel.isVisible(em, ticketId, agent))) throw new TicketNotFound();
    if (ticket.ownerId) throw new TicketOwnedByAnother(ticket.ownerId, (await readModel.agentName(em, ticket.ownerId)) ?? '');
    const now = this.uow.now();
    const decision = claimTicket(ticket, agent, now, await readSlaTargets(em, ticket.priority, ticket.tier), via);
    const events = await store.claimIfUnowned(em, ticketId, decision, now);
    if (events) return events;
    // Lost the race: the row now names the winner, committed before our UPDATE re-checked it.
    const winner = await store.read(em, ticketId);
    if (!winner?.ownerId) throw new Error(`Claim of ${ticketId} refused but the ticket has no owner`);
    throw new TicketOwnedByAnother(winner.ownerId, (await readModel.agentName(em, winner.ownerId)) ?? '');
  }
}
