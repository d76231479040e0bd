import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { reachSlaThreshold, type SlaThreshold } from '@firsthand/domain';
import { escalationWatchers, SlaEscalationLedger, teamMembers, TicketStore, type StoredTicketEvent } from '@firsthand/persistence';
import type { DataSource } from 'typeorm';
import { CommittedEventsPublisher } from '../live/committed-events-publisher.js';

export type ThresholdOutcome = 'applied' | 'already-applied' | 'stale' | 'missing';

/**
 * A threshold's time came (its timer fired, or the sweeper found it overdue). Under the ticket's row
 * lock the rule re-reads the ticket and decides; the ledger's primary key makes the warning or
 * escalation, and its event, happen once even when two workers run the same timer.
 */
@Injectable()
export class ApplySlaThreshold {
  private readonly store = new TicketStore();
  private readonly ledger = new SlaEscalationLedger();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly live: CommittedEventsPublisher,
  ) {}

  async run(ticketId: string, threshold: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>, now: Date = new Date()): Promise<ThresholdOutcome> {
    let events: StoredTicketEvent[] = [];
    const outcome = await this.db.transaction(async (em): Promise<ThresholdOutcome> => {
      const ticket = await this.store.lock(em, ticketId);
      if (!ticket) return 'missing';
      const audience = {
        teamAgentIds: await teamMembers(em, ticket.teamId, ['agent', 'senior']),
        seniorAndSupervisorIds: await escalationWatchers(em, ticket.teamId, ['senior', 'supervisor']),
      };
      const decision = reachSlaThreshold(ticket, threshold, now, audience);
      if (!decision) return 'stale';
      if (!(await this.ledger.recordFirst(em, ticket.id, threshold, ticket.lastSeq + 1, now))) return 'already-applied';
      events = await this.store.apply(em, ticket, decision, now);
      return 'applied';
    });
    if (outcome === 'applied') await this.live.publish(ticketId, events);
    return outcome;
  }
}
