import { Injectable } from '@nestjs/common';
import { Clock, reachSlaThreshold, type SlaThreshold } from '@firsthand/domain';
import { GroupCommit, SlaEscalationLedger, slaAudience, TransactionMemo } from '@firsthand/persistence';
import { TicketWriter, type TicketChangeContext } from '@firsthand/ticketing';

export type ThresholdOutcome = 'applied' | 'already-applied' | 'stale' | 'missing';

type Threshold = Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>;
type Transaction = TicketChangeContext['tx'];

interface DueThreshold {
  ticketId: string;
  threshold: Threshold;
  now: Date;
}

/**
 * A threshold's time came (its timer fired, or the sweeper found it overdue). Under the ticket's row
 * lock the rule re-reads the ticket and decides; the ledger's primary key makes the warning or
 * escalation, and its event, happen once even when two workers run the same timer.
 *
 * Thresholds that come due together (the start of a shift, a policy change, a backlog after an
 * outage) share a transaction: while one batch commits, the ones that fire meanwhile wait and go
 * together in the next, each still decided on its own locked row. A lone threshold goes at once.
 */
@Injectable()
export class ApplySlaThreshold {
  private readonly batches = new GroupCommit<DueThreshold, ThresholdOutcome>((due) => this.applyEach(due), { maxBatch: 64, maxInFlight: 2 });

  constructor(private readonly tickets: TicketWriter, private readonly ledger: SlaEscalationLedger, private readonly clock: Clock) {}

  run(ticketId: string, threshold: Threshold, now: Date = this.clock.now()): Promise<ThresholdOutcome> {
    return this.batches.submit({ ticketId, threshold, now });
  }

  private async applyEach(due: DueThreshold[]): Promise<Array<PromiseSettledResult<ThresholdOutcome>>> {
    const outcomes = due.map((): ThresholdOutcome => 'missing');
    // Tickets of one team warn the same people: their audience is read once a transaction.
    const audiences = new TransactionMemo<string | null, ReturnType<typeof slaAudience>>();
    const audienceOf = (tx: Transaction, teamId: string | null) => audiences.remembered(tx, teamId, () => slaAudience(tx, teamId));
    const results = await this.tickets.changeEachAsSystem(
      due.map(({ ticketId, threshold, now }, i) => ({
        ticketId,
        now,
        rule: async ({ tx, ticket, sla }) => {
          const decision = reachSlaThreshold(ticket, threshold, now, await audienceOf(tx, ticket.teamId), sla.calendar);
          outcomes[i] = !decision ? 'stale' : (await this.ledger.recordFirst(tx, ticket.id, threshold, ticket.lastSeq + 1, now)) ? 'applied' : 'already-applied';
          return outcomes[i] === 'applied' ? decision : null;
        },
      })),
    );
    return results.map((result, i) => (result.status === 'fulfilled' ? { status: 'fulfilled', value: outcomes[i] } : result));
  }
}
