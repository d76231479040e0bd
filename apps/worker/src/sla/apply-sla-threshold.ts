import { Injectable } from '@nestjs/common';
import { Clock, reachSlaThreshold, type SlaThreshold } from '@firsthand/domain';
import { SlaEscalationLedger, slaAudience } from '@firsthand/persistence';
import { TicketWriter } from '@firsthand/ticketing';

export type ThresholdOutcome = 'applied' | 'already-applied' | 'stale' | 'missing';

/**
 * A threshold's time came (its timer fired, or the sweeper found it overdue). Under the ticket's row
 * lock the rule re-reads the ticket and decides; the ledger's primary key makes the warning or
 * escalation, and its event, happen once even when two workers run the same timer.
 */
@Injectable()
export class ApplySlaThreshold {
  constructor(private readonly tickets: TicketWriter, private readonly ledger: SlaEscalationLedger, private readonly clock: Clock) {}

  async run(ticketId: string, threshold: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>, now: Date = this.clock.now()): Promise<ThresholdOutcome> {
    let outcome: ThresholdOutcome = 'missing';
    await this.tickets.changeAsSystem(ticketId, async ({ tx, ticket, sla }) => {
      const decision = reachSlaThreshold(ticket, threshold, now, await slaAudience(tx, ticket.teamId), sla.calendar);
      outcome = !decision ? 'stale' : (await this.ledger.recordFirst(tx, ticket.id, threshold, ticket.lastSeq + 1, now)) ? 'applied' : 'already-applied';
      return outcome === 'applied' ? decision : null;
    }, now);
    return outcome;
  }
}
