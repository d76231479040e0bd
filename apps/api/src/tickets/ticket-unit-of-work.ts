import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { FIRSTHAND_CONFIG, type FirsthandConfig } from '@firsthand/config';
import { TicketNotFound, type ActingAgent, type ResolutionWindows, type SlaTargets, type Ticket, type TicketDecision } from '@firsthand/domain';
import { readSlaTargets, TicketReadModel, TicketStore, type StoredTicketEvent, type TicketView } from '@firsthand/persistence';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@firsthand/domain';
import { LiveUpdates } from '../live/live-updates.js';

/** What a rule gets to decide on: the locked ticket and everything it needs to know about it. */
export interface LockedTicketContext {
  em: EntityManager;
  ticket: Ticket;
  ownerName: string | null;
  sla: SlaTargets;
  windows: ResolutionWindows;
  now: Date;
  /** Events after the caller's expectedSeq, for the stale-view guard; empty without one. */
  eventsAfterExpected: StoredTicketEvent[];
}

export interface TicketChangeResult {
  ticket: TicketView;
  events: StoredTicketEvent[];
}

/**
 * One transaction per agent action: lock the ticket row, check the agent may see it, let a domain
 * rule decide, then write the patch and its events together. A refused action rolls back whole.
 */
@Injectable()
export class TicketUnitOfWork {
  readonly store = new TicketStore();
  readonly readModel = new TicketReadModel();

  constructor(
    @InjectDataSource() readonly db: DataSource,
    @Inject(FIRSTHAND_CONFIG) private readonly config: FirsthandConfig,
    private readonly clock: Clock,
    private readonly live: LiveUpdates,
  ) {}

  /** Runs a ticket change in one transaction and, once it has committed, publishes its events live. */
  async transact(work: (em: EntityManager) => Promise<TicketChangeResult>): Promise<TicketChangeResult> {
    const result = await this.db.transaction(work);
    this.live.ticketChanged(result.ticket, result.events);
    return result;
  }

  get windows(): ResolutionWindows {
    return this.config.windows;
  }

  now(): Date {
    return this.clock.now();
  }

  async changeAsAgent(
    ticketId: string,
    agent: ActingAgent,
    decide: (context: LockedTicketContext) => TicketDecision | Promise<TicketDecision>,
    expectedSeq?: number,
  ): Promise<TicketChangeResult> {
    return this.transact(async (em) => {
      const ticket = await this.store.lock(em, ticketId);
      if (!ticket || !(await this.readModel.isVisible(em, ticketId, agent))) throw new TicketNotFound();
      return this.decideAndApply(em, ticket, decide, expectedSeq);
    });
  }

  async decideAndApply(
    em: EntityManager,
    ticket: Ticket,
    decide: (context: LockedTicketContext) => TicketDecision | Promise<TicketDecision>,
    expectedSeq?: number,
  ): Promise<TicketChangeResult> {
    const context = await this.contextFor(em, ticket, expectedSeq);
    const decision = await decide(context);
    const events = await this.store.apply(em, ticket, decision, context.now);
    const view = await this.readModel.findById(em, ticket.id);
    if (!view) throw new TicketNotFound();
    return { ticket: view, events };
  }

  async contextFor(em: EntityManager, ticket: Ticket, expectedSeq?: number): Promise<LockedTicketContext> {
    const eventsAfterExpected =
      expectedSeq !== undefined && expectedSeq < ticket.lastSeq ? await this.store.eventsAfter(em, ticket.id, expectedSeq) : [];
    return {
      em,
      ticket,
      ownerName: await this.readModel.agentName(em, ticket.ownerId),
      sla: await readSlaTargets(em, ticket.priority, ticket.tier),
      windows: this.config.windows,
      now: this.clock.now(),
      eventsAfterExpected,
    };
  }
}
