import { Injectable } from '@nestjs/common';
import { Clock, reachSlaThresholdInOrder, sameThreshold, slaThresholdsDueBefore, type BusinessCalendar, type SlaAudience, type SlaThreshold, type Ticket } from '@firsthand/domain';
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
 * escalation, and its event, happen once even when two workers run the same timer. Earlier
 * thresholds that are due and not applied yet (a late warning's job, a sweep in another worker) go
 * first, in the same change: the timeline keeps the order in which the clock reached them.
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
          const { outcome, decision } = await this.decide(tx, ticket, threshold, now, sla.calendar, () => audienceOf(tx, ticket.teamId));
          outcomes[i] = outcome;
          return decision;
        },
      })),
    );
    return results.map((result, i) => (result.status === 'fulfilled' ? { status: 'fulfilled', value: outcomes[i] } : result));
  }

  private async decide(tx: Transaction, ticket: Ticket, threshold: Threshold, now: Date, calendar: BusinessCalendar | undefined, audience: () => Promise<SlaAudience>) {
    // Read only when something earlier is due: a threshold that fires on time has nothing to carry.
    const applied = slaThresholdsDueBefore(ticket, threshold, now, calendar).length > 0 ? await this.ledger.appliedWithin(tx, ticket.id) : [];
    if (applied.some((a) => sameThreshold(a, threshold))) return { outcome: 'already-applied' as const, decision: null };
    const reached = reachSlaThresholdInOrder(ticket, threshold, now, await audience(), calendar, applied);
    if (!reached) return { outcome: 'stale' as const, decision: null };
    // Each reached threshold has one event, in order; this one's ledger row, written first, is what two runs of its timer race for.
    const seqOf = (t: Threshold) => ticket.lastSeq + 1 + reached.reached.findIndex((r) => sameThreshold(r, t));
    if (!(await this.ledger.recordFirst(tx, ticket.id, threshold, seqOf(threshold), now))) return { outcome: 'already-applied' as const, decision: null };
    for (const earlier of reached.reached.filter((t) => !sameThreshold(t, threshold))) await this.ledger.recordFirst(tx, ticket.id, earlier, seqOf(earlier), now);
    return { outcome: 'applied' as const, decision: reached.decision };
  }
}
