import type { BusinessCalendar } from '@firsthand/domain';
import { SqlRunner } from '../sql-runner.js';
import type { MetricsSettings } from './metrics-settings.js';
import { applyRollupDeltas } from './resolution-rollups.writer.js';
import { outcomeDeltas, outcomeRecordOf, type OutcomeTicket, type TicketOutcomeRecord } from './ticket-outcome.mapper.js';
import { TicketOutcomesTable } from './ticket-outcomes.table.js';

export interface OutcomeChange {
  before: TicketOutcomeRecord | null;
  after: TicketOutcomeRecord | null;
}

/** The SLA calendar in force for a ticket, for its business-time durations; 24×7 without one. */
export type OutcomeCalendarOf = (ticket: OutcomeTicket) => Promise<BusinessCalendar | undefined>;

/**
 * Re-reads the ticket's whole timeline, classifies its last resolution and moves the rollups by the
 * difference from what was stored (old contribution out, new one in), all in the caller's
 * transaction: a ticket change and its metrics commit together or not at all, so each event counts
 * exactly once. The caller must hold the ticket's row lock (every TicketStore write does).
 *
 * `mayResolve` false says the new events hold no resolution: a ticket without a stored outcome was
 * never resolved then, and nothing is read. (Tickets resolved before the metrics existed get their
 * outcome from `metrics:rebuild`.)
 */
export async function recordOutcome(
  sql: SqlRunner,
  ticketId: string,
  now: Date,
  settings: MetricsSettings,
  mayResolve: boolean,
  calendarOf?: OutcomeCalendarOf,
): Promise<OutcomeChange> {
  const table = new TicketOutcomesTable(sql);
  const before = await table.lockOutcome(ticketId);
  if (!before && !mayResolve) return { before, after: null };
  const ticket = await table.ticket(ticketId);
  if (!ticket) throw new Error(`Ticket ${ticketId} vanished while its outcome was recorded`);
  const after = outcomeRecordOf(ticket, await table.history(ticketId), now, settings, await calendarOf?.(ticket));
  if (after) await table.save([after], now);
  else if (before) await table.remove(ticketId);
  await applyRollupDeltas(sql, outcomeDeltas(before, after));
  return { before, after };
}
