import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { toTicketEvent, type TicketEventRow } from '../tickets/ticket-row.mapper.js';
import type { StoredTicketEvent } from '../tickets/ticket-store.js';
import { runRetriedTransaction } from '../retried-transaction.js';
import { matchingIds, preparedQuery, preparedRows } from '../prepared-query.js';

/** The ticket as the live stream addresses it: rooms by id, code and team, and its owner. */
export interface LiveOutboxTicket {
  id: string;
  code: string;
  teamId: string | null;
  status: string;
  owner: { id: string; name: string } | null;
}

interface DueRow extends TicketEventRow {
  code: string;
  team_id: string | null;
  status: string;
  owner_id: string | null;
  owner_name: string | null;
}

/**
 * Every committed ticket event gets a live_outbox row (a trigger writes it in the same transaction).
 * Whoever publishes the event drops the row; rows still there after a grace period were never
 * published, and the worker's relay publishes them.
 */
@Injectable()
export class LiveOutbox {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Published live: the gateways have these events, so the relay need not send them again. */
  async drop(eventIds: readonly string[]): Promise<void> {
    if (eventIds.length === 0) return;
    const { match, param } = matchingIds(eventIds, 'bigint');
    await preparedQuery(this.db.manager, `DELETE FROM live_outbox WHERE event_id ${match}`, [param]);
  }

  /**
   * Publishes up to `limit` events older than the grace period, a ticket at a time in seq order, and
   * drops their rows in the same transaction; SKIP LOCKED lets several relays share the work.
   */
  async publishOverdue(graceMs: number, limit: number, publish: (ticket: LiveOutboxTicket, events: StoredTicketEvent[]) => Promise<void>): Promise<number> {
    return runRetriedTransaction(this.db, async (em) => {
      const rows = await preparedRows<DueRow>(
        em,
        `WITH due AS (
           SELECT event_id FROM live_outbox
           WHERE created_at < now() - make_interval(secs => $1::double precision / 1000)
           ORDER BY event_id LIMIT $2 FOR UPDATE SKIP LOCKED)
         SELECT e.*, t.code, t.team_id, t.status, t.owner_id, a.name AS owner_name
         FROM due JOIN ticket_events e ON e.id = due.event_id JOIN tickets t ON t.id = e.ticket_id
         LEFT JOIN agents a ON a.id = t.owner_id
         ORDER BY e.ticket_id, e.seq`,
        [graceMs, limit],
      );
      if (rows.length === 0) return 0;
      for (const group of groupByTicket(rows)) {
        const first = group[0];
        const ticket: LiveOutboxTicket = {
          id: first.ticket_id,
          code: first.code,
          teamId: first.team_id,
          status: first.status,
          owner: first.owner_id ? { id: first.owner_id, name: first.owner_name ?? '' } : null,
        };
        await publish(ticket, group.map(toTicketEvent));
      }
      await preparedQuery(em, `DELETE FROM live_outbox WHERE event_id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }
}

function groupByTicket(rows: DueRow[]): DueRow[][] {
  const groups = new Map<string, DueRow[]>();
  for (const row of rows) groups.set(row.ticket_id, [...(groups.get(row.ticket_id) ?? []), row]);
  return [...groups.values()];
}
