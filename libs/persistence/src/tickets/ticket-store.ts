import { movesSlaClocks, outcomeMovesWith, slaStageInstants, type ActingAgent, type BusinessCalendar, type NewTicketEvent, type PlannedSlaTargets, type SlaTargets, type Ticket, type TicketDecision, type TicketEvent } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { Inject, Injectable } from '@nestjs/common';
import { METRICS_SETTINGS, type MetricsSettings } from '../metrics/metrics-settings.js';
import { recordOutcome } from '../metrics/record-ticket-outcome.js';
import { SlaPolicyMissing, slaTargetsOf } from '../sla/sla-policy.reader.js';
import { calendarChoiceOf, CHOSEN_CALENDAR_COLUMNS, CHOSEN_CALENDAR_JOINS, SlaCalendars, type ChosenCalendarColumns } from '../calendars/sla-calendars.js';
import { matchingIds, preparedQuery, preparedRows } from '../prepared-query.js';
import { MESSAGES_WRITTEN_BEHIND, writeBehindIn } from '../write-behind.js';
import { SqlRunner } from '../sql-runner.js';
import { inTransaction } from '../transactions.js';
import { TicketSearchIndex } from '../search/ticket-search-index.js';
import { ticketViewOver, toTicketView, visibilityClause, type TicketView } from './ticket-read-model.js';
import {
  patchAssignments,
  plannedTargetColumns,
  TICKET_COLUMNS,
  toTicket,
  toTicketEvent,
  type TicketEventRow,
  type TicketRow,
} from './ticket-row.mapper.js';

export type StoredTicketEvent = TicketEvent & { id: string };

/** A ticket locked for a change, with what every rule reads about it: its owner's name and its SLA targets. */
/** A claim's events and the ticket's view right after it, both from the claim's own statement. */
export interface ClaimWritten {
  events: StoredTicketEvent[];
  view: TicketView;
}

export interface LockedTicket {
  ticket: Ticket;
  ownerName: string | null;
  /**
   * The owner in the snapshot the statement began with, before any wait for the row lock (the
   * locked row is the newest version, read again after the wait): who the ticket's owner was when
   * the change asked, to tell a lost race from a late act.
   */
  ownerAtStart: string | null;
  sla: SlaTargets;
  /** Whether the agent asked about may see the ticket (true when none was). */
  visible: boolean;
}

interface InputColumns extends ChosenCalendarColumns {
  owner_name: string | null;
  owner_at_start: string | null;
  first_response_seconds: number | null;
  update_cadence_seconds: number;
  resolution_seconds: number;
  visible: boolean;
}

/** The ticket row changed under a lock we held: a bug, never a user error. */
export class TicketChangedUnderLock extends Error {
  constructor(ticketId: string) {
    super(`Ticket ${ticketId} changed while locked`);
  }
}

export interface NewTicketRow {
  id: string;
  code: string;
  trackingTokenHash: string;
  subject: string;
  description: string;
  channel: string;
  kind: string;
  priority: string;
  tier: string;
  teamId: string | null;
  customerId: string;
  repeatOfTicketId: string | null;
  offeredToId: string | null;
  createdAt: Date;
  firstResponseDueAt: Date;
  resolutionDueAt: Date;
  /** The targets those due times were planned with. */
  plannedTargets: PlannedSlaTargets;
  tags: string[];
  /** The customer's name as the customer row holds it, for the ticket's search document. */
  customerName: string;
  /** The ticket's SLA calendar, for the stage instants stored beside the due times (24×7 without). */
  calendar?: BusinessCalendar;
}

/** `slaStageInstants` as the tickets columns that keep them. */
function stageInstantColumns(ticket: Parameters<typeof slaStageInstants>[0], calendar?: BusinessCalendar): Record<string, Date | null> {
  const at = slaStageInstants(ticket, calendar);
  return {
    sla_first_response_warn_at: at.firstResponseWarnAt,
    sla_first_response_critical_at: at.firstResponseCriticalAt,
    sla_resolution_warn_at: at.resolutionWarnAt,
    sla_resolution_critical_at: at.resolutionCriticalAt,
    sla_next_update_warn_at: at.nextUpdateWarnAt,
  };
}

/**
 * Writes to tickets and their timeline. Every change appends its events in the same transaction and
 * takes the next seqs from `tickets.last_seq` in the same UPDATE, so the row lock that UPDATE holds
 * orders concurrent writers and seqs have no gaps or duplicates.
 */
@Injectable()
export class TicketStore {
  constructor(
    @Inject(METRICS_SETTINGS) private readonly metrics: MetricsSettings,
    private readonly searchIndex: TicketSearchIndex,
    private readonly calendars: SlaCalendars,
  ) {}

  /**
   * The row lock and the rule's inputs in one round trip; with an agent, also whether that agent may
   * see the ticket (`visible`), so the visibility check costs no statement of its own.
   */
  lockForChange(em: EntityManager, ticketId: string, agent?: ActingAgent): Promise<LockedTicket | null> {
    // NO KEY: a change never touches the ticket's keys, so rows that only reference the ticket (the
    // worker's notifications, with their foreign-key KEY SHARE) are written meanwhile instead of
    // queueing behind the change; writers of the ticket itself still take turns.
    return this.readWithInputs(em, ticketId, 'FOR NO KEY UPDATE OF t', agent);
  }

  /** The same without the lock: a claim lets its conditional UPDATE decide instead. */
  readForChange(em: EntityManager, ticketId: string, agent?: ActingAgent): Promise<LockedTicket | null> {
    return this.readWithInputs(em, ticketId, '', agent);
  }

  /**
   * Several tickets locked at once for a batch of changes (a burst of SLA thresholds, the mails a
   * shared intake transaction continues): one statement instead of one per ticket, locking in id
   * order so two batches cannot deadlock on them.
   */
  async lockManyForChange(em: EntityManager, ticketIds: readonly string[]): Promise<Map<string, LockedTicket>> {
    const { match, param } = matchingIds(ticketIds, 'uuid');
    const { rows } = await preparedQuery<TicketRow & InputColumns>(em, `${INPUTS_SELECT('TRUE')} WHERE t.id ${match} ORDER BY t.id FOR NO KEY UPDATE OF t`, [param]);
    const locked = new Map<string, LockedTicket>();
    for (const row of rows) locked.set(row.id, await this.lockedFrom(em, row));
    return locked;
  }

  private async readWithInputs(em: EntityManager, ticketId: string, lock: string, agent?: ActingAgent): Promise<LockedTicket | null> {
    const params: unknown[] = [ticketId];
    const visible = agent ? visibilityClause(agent, params) : 'TRUE';
    const { rows } = await preparedQuery<TicketRow & InputColumns>(em, `${INPUTS_SELECT(visible)} WHERE t.id = $1 ${lock}`, params);
    return rows[0] ? this.lockedFrom(em, rows[0]) : null;
  }

  private async lockedFrom(em: EntityManager, row: TicketRow & InputColumns): Promise<LockedTicket> {
    if (row.first_response_seconds === null) throw new SlaPolicyMissing(row.priority, row.tier);
    return {
      ticket: toTicket(row),
      ownerName: row.owner_name,
      ownerAtStart: row.owner_at_start,
      sla: {
        ...slaTargetsOf({ firstResponseSeconds: row.first_response_seconds, updateCadenceSeconds: row.update_cadence_seconds, resolutionSeconds: row.resolution_seconds }),
        ...(await this.calendars.forChoice(em, calendarChoiceOf(row))),
      },
      visible: row.visible,
    };
  }

  /** A snapshot without a lock; outside a transaction too (the worker's readers). */
  async read(em: EntityManager, ticketId: string): Promise<Ticket | null> {
    const rows: TicketRow[] = await em.query(`SELECT ${TICKET_COLUMNS} FROM tickets t WHERE t.id = $1`, [ticketId]);
    return rows[0] ? toTicket(rows[0]) : null;
  }

  async eventsAfter(em: EntityManager, ticketId: string, afterSeq: number, limit = 500): Promise<StoredTicketEvent[]> {
    const rows: TicketEventRow[] = await em.query(
      `SELECT * FROM ticket_events WHERE ticket_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [ticketId, afterSeq, limit],
    );
    return rows.map(toTicketEvent);
  }

  /** Inserts a new ticket with its first events; null when its code is taken (pick another). */
  async insert(em: EntityManager, row: NewTicketRow, events: NewTicketEvent[]): Promise<StoredTicketEvent[] | null> {
    const stages = stageInstantColumns({ ...row, nextUpdateDueAt: null, lastCustomerVisibleUpdateAt: null, firstResponseAt: null }, row.calendar);
    const planned = plannedTargetColumns(row.plannedTargets);
    // The ticket and its first events in one statement (one round trip); a code taken writes neither.
    const stored = await this.moveAndAppend(
      em,
      `INSERT INTO tickets (id, code, tracking_token_hash, subject, description, channel, kind, priority, tier, status,
         team_id, customer_id, repeat_of_ticket_id, offered_to_id, created_at, first_response_due_at, resolution_due_at,
         tags, last_seq, updated_at, ${Object.keys(stages).join(', ')}, ${Object.keys(planned).join(', ')})
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'new', $10, $11, $12, $13, $14, $15, $16, $17, $18, $14, $19, $20, $21, $22, $23, $24, $25)
       ON CONFLICT (code) DO NOTHING`,
      [
        row.id, row.code, row.trackingTokenHash, row.subject, row.description, row.channel, row.kind, row.priority,
        row.tier, row.teamId, row.customerId, row.repeatOfTicketId, row.offeredToId, row.createdAt,
        row.firstResponseDueAt, row.resolutionDueAt, row.tags, events.length, ...Object.values(stages), ...Object.values(planned),
      ],
      events,
      row.createdAt,
    );
    if (!stored) return null;
    // The search document commits with the ticket: no new ticket can be missing from search.
    await this.searchIndex.indexNewTicket(em, { id: row.id, subject: row.subject, description: row.description, customerName: row.customerName, createdAt: row.createdAt });
    return stored;
  }

  /**
   * Applies a decision made on a snapshot read with `lock()`. The `last_seq` condition is a second
   * guard: if the row moved anyway, nothing is written.
   */
  async apply(em: EntityManager, snapshot: Ticket, decision: TicketDecision, now: Date, calendar?: BusinessCalendar): Promise<StoredTicketEvent[]> {
    const set = patchAssignments(decision.patch, 4);
    // With the ticket's calendar, a change that can move the clocks stores their stage instants again.
    if (calendar && decision.events.some((e) => movesSlaClocks(e.type))) {
      for (const [column, value] of Object.entries(stageInstantColumns({ ...snapshot, ...decision.patch }, calendar))) {
        set.params.push(value);
        set.sql = `${set.sql ? set.sql + ', ' : ''}${column} = $${3 + set.params.length}`;
      }
    }
    const stored = await this.moveAndAppend(
      em,
      `UPDATE tickets SET ${set.sql ? set.sql + ', ' : ''}last_seq = last_seq + $3, updated_at = now() WHERE id = $1 AND last_seq = $2`,
      [snapshot.id, snapshot.lastSeq, decision.events.length, ...set.params],
      decision.events,
      now,
    );
    if (!stored) throw new TicketChangedUnderLock(snapshot.id);
    const written = await this.persistDecisionRows(em, snapshot.id, stored, decision, now);
    // The search document holds the customer's name: a ticket moved to another record (a merge) is re-indexed with it.
    if (decision.patch.customerId !== undefined && decision.patch.customerId !== snapshot.customerId) await this.searchIndex.indexTickets(em, [snapshot.id]);
    return written;
  }

  /**
   * The claim: decided by the database. Only the UPDATE that finds `owner_id IS NULL` changes the
   * row; every concurrent claim waits on its row lock, re-reads, and touches nothing.
   */
  async claimIfUnowned(
    em: EntityManager,
    ticketId: string,
    decision: TicketDecision,
    now: Date,
    clocks?: { snapshot: Ticket; calendar?: BusinessCalendar },
  ): Promise<ClaimWritten | null> {
    // Outside a transaction the claim must stay one statement (the UPDATE with its events, the
    // outboxes by trigger): a message, watchers or an outcome would be further statements.
    if (!inTransaction(em) && (decision.message || decision.addWatcherIds?.length || outcomeMovesWith(decision.events).moves)) {
      throw new Error('A claim that writes more than the ticket and its events needs a transaction');
    }
    const set = patchAssignments(decision.patch, 3);
    // The claim answers the first response and promises the next update: that promise's 80% instant
    // is stored; the other clocks' instants stay (the snapshot was read without the lock).
    if (clocks && decision.patch.nextUpdateDueAt !== undefined) {
      set.params.push(stageInstantColumns({ ...clocks.snapshot, ...decision.patch }, clocks.calendar).sla_next_update_warn_at);
      set.sql = `${set.sql ? set.sql + ', ' : ''}sla_next_update_warn_at = $${2 + set.params.length}`;
    }
    const written = await this.moveAndAppendWithView(
      em,
      `UPDATE tickets SET ${set.sql}, last_seq = last_seq + $2, updated_at = now() WHERE id = $1 AND owner_id IS NULL AND status = 'new'`,
      [ticketId, decision.events.length, ...set.params],
      decision.events,
      now,
    );
    if (!written) return null;
    await this.persistDecisionRows(em, ticketId, written.events, decision, now);
    return written;
  }

  /**
   * A conditional UPDATE of the ticket (`$1` is its id; it advances `last_seq` by the number of
   * events) with its events' INSERT (`appendAfterMove`), in one statement. Null when it changed nothing.
   */
  private async moveAndAppend(em: EntityManager, update: string, params: unknown[], events: NewTicketEvent[], now: Date): Promise<StoredTicketEvent[] | null> {
    const { all, insert } = appendAfterMove(params, events, now);
    const { rows } = await preparedQuery<TicketEventRow>(em, `WITH moved AS (${update} RETURNING last_seq) ${insert} RETURNING *`, all);
    return this.appended(em, rows, events, now);
  }

  /** The same, and in the same statement the ticket's view after it (no read of its own afterwards). */
  private async moveAndAppendWithView(
    em: EntityManager,
    update: string,
    params: unknown[],
    events: NewTicketEvent[],
    now: Date,
  ): Promise<ClaimWritten | null> {
    const { all, insert } = appendAfterMove(params, events, now);
    const rows = await preparedRows<Record<string, unknown>>(
      em,
      `WITH moved AS (${update} RETURNING *), appended AS (${insert} RETURNING *)
       SELECT ${EVENT_COLUMNS.map((c) => `e.${c} AS event_${c}`).join(', ')}, v.*
       FROM appended e CROSS JOIN (${ticketViewOver('moved')}) v`,
      all,
    );
    const eventRows = rows.map((row) => Object.fromEntries(EVENT_COLUMNS.map((c) => [c, row[`event_${c}`]])) as unknown as TicketEventRow);
    const stored = await this.appended(em, eventRows, events, now);
    return stored ? { events: stored, view: toTicketView(rows[0]) } : null;
  }

  private async appended(em: EntityManager, rows: TicketEventRow[], events: NewTicketEvent[], now: Date): Promise<StoredTicketEvent[] | null> {
    if (rows.length === 0) return null;
    const stored = rows.map(toTicketEvent).sort((a, b) => a.seq - b.seq);
    if (outcomeMovesWith(events).moves) await this.recordOutcomeOf(SqlRunner.of(em), stored[0].ticketId, events, now);
    return stored;
  }

  private async persistDecisionRows(em: EntityManager, ticketId: string, stored: StoredTicketEvent[], decision: TicketDecision, now: Date) {
    if (!decision.message && !decision.addWatcherIds?.length) return stored;
    const sql = SqlRunner.of(em);
    if (decision.message) {
      const m = decision.message;
      const seq = stored.find((e) => (e.payload as { messageId?: string }).messageId === m.id)?.seq;
      if (seq === undefined) throw new Error('A message needs the event that records it');
      const row: MessageRow = { id: m.id, ticketId, seq, authorType: m.authorType, authorId: m.authorId, visibility: m.visibility, body: m.body, createdAt: now, channel: m.channel ?? 'web' };
      const behind = writeBehindIn(em);
      // A transaction carrying several changes inserts their messages together, before the rows that reference them.
      if (behind) behind.add(MESSAGES_WRITTEN_BEHIND, row, (rows) => insertMessages(em, rows), -2);
      else await insertMessages(em, [row]);
      // Indexed in the same transaction as the message, so search never misses a committed one.
      await this.searchIndex.addMessage(em, ticketId, m.visibility, m.body);
    }
    if (decision.addWatcherIds?.length) {
      await sql.write(
        `INSERT INTO ticket_watchers (ticket_id, agent_id, reason, added_at)
         SELECT $1, unnest($2::uuid[]), 'escalation', $3 ON CONFLICT DO NOTHING`,
        [ticketId, decision.addWatcherIds, now],
      );
    }
    return stored;
  }

  async addWatchers(em: EntityManager, ticketId: string, agentIds: string[], reason: string, now: Date): Promise<void> {
    if (agentIds.length === 0) return;
    await SqlRunner.of(em).write(
      `INSERT INTO ticket_watchers (ticket_id, agent_id, reason, added_at)
       SELECT $1, unnest($2::uuid[]), $3, $4 ON CONFLICT DO NOTHING`,
      [ticketId, agentIds, reason, now],
    );
  }

  /** Supervisor metrics move in the same transaction as the events that change them. */
  private async recordOutcomeOf(sql: SqlRunner, ticketId: string, events: NewTicketEvent[], now: Date): Promise<void> {
    const outcome = outcomeMovesWith(events);
    if (!outcome.moves) return;
    // Business-time durations count on the calendar the ticket's clocks use now (policy, team, default).
    const calendarOf = async (t: { teamId: string | null; priority: string; tier: string }) =>
      (await this.calendars.forKey(sql.manager, { teamId: t.teamId, priority: t.priority as Ticket['priority'], tier: t.tier as Ticket['tier'] })).calendar;
    await recordOutcome(sql, ticketId, now, this.metrics, outcome.resolves, calendarOf);
  }
}

/** A ticket with everything a rule decides on: its owner's name, its SLA policy and calendar choice. */
const INPUTS_SELECT = (visible: string) =>
  `SELECT ${TICKET_COLUMNS}, a.name AS owner_name, p.first_response_seconds, p.update_cadence_seconds, p.resolution_seconds,
     ${CHOSEN_CALENDAR_COLUMNS}, ${visible} AS visible,
     (SELECT o.owner_id FROM tickets o WHERE o.id = t.id) AS owner_at_start
   FROM tickets t LEFT JOIN agents a ON a.id = t.owner_id LEFT JOIN sla_policies p ON p.priority = t.priority AND p.tier = t.tier
   ${CHOSEN_CALENDAR_JOINS}`;

const EVENT_COLUMNS = ['id', 'ticket_id', 'seq', 'type', 'visibility', 'actor_type', 'actor_id', 'actor_name', 'payload', 'created_at'] as const;

/**
 * The INSERT of a change's events after a CTE `moved` (the conditional UPDATE, returning the new
 * `last_seq`; its parameters first, its id `$1`): the events take their seqs from that `last_seq`
 * and exist only if the UPDATE changed the row.
 */
function appendAfterMove(params: unknown[], events: NewTicketEvent[], now: Date): { all: unknown[]; insert: string } {
  if (events.length === 0) throw new Error('A ticket change records at least one event');
  const all = [...params, now];
  const createdAt = `$${all.length}`;
  const values = events.map((event, i) => {
    const actorId = event.actor.type === 'system' ? null : event.actor.id;
    const actorName = event.actor.type === 'system' ? null : event.actor.name;
    all.push(event.type, event.visibility, event.actor.type, actorId, actorName, JSON.stringify(event.payload));
    const b = all.length - 6;
    return `(${i + 1}, $${b + 1}::text, $${b + 2}::text, $${b + 3}::text, $${b + 4}::uuid, $${b + 5}::text, $${b + 6}::jsonb)`;
  });
  const insert = `INSERT INTO ticket_events (ticket_id, seq, type, visibility, actor_type, actor_id, actor_name, payload, created_at)
       SELECT $1::uuid, moved.last_seq - ${events.length} + v.ord, v.type, v.visibility, v.actor_type, v.actor_id, v.actor_name, v.payload, ${createdAt}::timestamptz
       FROM moved CROSS JOIN (VALUES ${values.join(', ')}) AS v(ord, type, visibility, actor_type, actor_id, actor_name, payload)`;
  return { all, insert };
}

interface MessageRow {
  id: string;
  ticketId: string;
  seq: number;
  authorType: string;
  authorId: string;
  visibility: string;
  body: string;
  createdAt: Date;
  channel: string;
}

async function insertMessages(em: EntityManager, rows: readonly MessageRow[]): Promise<void> {
  await preparedQuery(
    em,
    `INSERT INTO messages (id, ticket_id, event_seq, author_type, author_id, visibility, body, created_at, channel)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::int[], $4::text[], $5::uuid[], $6::text[], $7::text[], $8::timestamptz[], $9::text[])`,
    [
      rows.map((r) => r.id), rows.map((r) => r.ticketId), rows.map((r) => r.seq), rows.map((r) => r.authorType), rows.map((r) => r.authorId),
      rows.map((r) => r.visibility), rows.map((r) => r.body), rows.map((r) => r.createdAt), rows.map((r) => r.channel),
    ],
  );
}
