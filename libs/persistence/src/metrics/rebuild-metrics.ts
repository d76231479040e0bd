import type { BusinessCalendar, Priority, CustomerTier } from '@firsthand/domain';
import { DataSource, type EntityManager } from 'typeorm';
import { SlaCalendars } from '../calendars/sla-calendars.js';
import { buildDataSourceOptions } from '../data-source-options.js';
import { SqlRunner } from '../sql-runner.js';
import type { MetricsSettings } from './metrics-settings.js';
import { applyRollupDeltas } from './resolution-rollups.writer.js';
import {
  contributionOf,
  OUTCOME_TICKET_COLUMNS,
  outcomeRecordOf,
  RollupDeltas,
  type OutcomeTicket,
  type TicketOutcomeRecord,
} from './ticket-outcome.mapper.js';
import { TicketOutcomesTable } from './ticket-outcomes.table.js';

export interface RebuildSummary {
  outcomes: number;
  rollupRows: number;
}

/**
 * Recomputes ticket_outcomes and both rollup tables from ticket_events, in the caller's
 * transaction, with the same classification the incremental path uses. Run it under READ
 * COMMITTED (the default): TRUNCATE waits for the ticket changes already writing metrics, and each
 * later read sees what they committed; changes that come after wait for this transaction and then
 * apply their difference to the rebuilt rows.
 */
export async function rebuildMetrics(em: EntityManager, now: Date, settings: MetricsSettings, ticketsPerBatch = 2000): Promise<RebuildSummary> {
  const sql = SqlRunner.of(em);
  const table = new TicketOutcomesTable(sql);
  await sql.write(`TRUNCATE ticket_outcomes, resolution_rollups, resolution_group_rollups`);
  const rollups = new RollupDeltas();
  // The same calendar choice as the live path (policy, team, default), each calendar read once per run.
  const calendars = new SlaCalendars(em.connection);
  const chosen = new Map<string, BusinessCalendar>();
  const calendarOf = async (t: OutcomeTicket) => {
    const key = `${t.teamId}|${t.priority}|${t.tier}`;
    if (!chosen.has(key)) chosen.set(key, (await calendars.forKey(em, { teamId: t.teamId, priority: t.priority as Priority, tier: t.tier as CustomerTier })).calendar);
    return chosen.get(key);
  };
  let outcomes = 0;
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const page = await sql.rows<OutcomeTicket>(
      `SELECT ${OUTCOME_TICKET_COLUMNS} FROM tickets t
       WHERE t.id > $1 AND EXISTS (
         SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id AND e.type = 'status_changed' AND e.payload->>'to' = 'resolved')
       ORDER BY t.id LIMIT $2`,
      [after, ticketsPerBatch],
    );
    if (page.length === 0) break;
    const histories = await table.histories(page.map((t) => t.id));
    const records: TicketOutcomeRecord[] = [];
    for (const ticket of page) {
      const record = outcomeRecordOf(ticket, histories.get(ticket.id) ?? [], now, settings, await calendarOf(ticket));
      if (!record) continue;
      records.push(record);
      rollups.add(record, contributionOf(record));
    }
    await table.save(records, now);
    outcomes += records.length;
    after = page[page.length - 1].id;
  }
  const rows = rollups.list();
  await applyRollupDeltas(sql, rows);
  return { outcomes, rollupRows: rows.length };
}

/**
 * `npm run metrics:rebuild` outside any app: its own one-connection pool, one transaction. Fails
 * with a clear message when the migrations have not created the metrics tables yet.
 */
export async function rebuildMetricsInDatabase(databaseUrl: string, settings: MetricsSettings, now: Date): Promise<RebuildSummary> {
  const db = new DataSource(buildDataSourceOptions(databaseUrl, 1, 'firsthand-metrics-rebuild'));
  await db.initialize();
  try {
    const [{ ready }] = await db.query(`SELECT to_regclass('resolution_rollups') IS NOT NULL AS ready`);
    if (!ready) throw new Error('The metrics tables do not exist yet: start the API once (it runs the migrations), then rebuild.');
    return await db.transaction((em) => rebuildMetrics(em, now, settings));
  } finally {
    await db.destroy();
  }
}
