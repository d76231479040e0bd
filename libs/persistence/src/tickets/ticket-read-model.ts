import type { ActingAgent, Priority, TicketKind, TicketListOrder, TicketStatus } from '@firsthand/domain';
import type { TicketView } from '@firsthand/http-contracts';
import { seesAllTickets } from '@firsthand/domain';
import type { EntityManager } from 'typeorm';
import { heldByBotSql } from '../knowledge-base/bot-answers.js';
import { INSTANTS_AS_ISO_TEXT } from '../instant-text.js';
import { matchingIds, preparedRows } from '../prepared-query.js';
import { keysetInstant } from '../keyset-instant.js';
import { nearestRunningDeadlineSql } from '../sla/running-deadline.js';

/** The read model answers in the domain's ticket view. */
export type { TicketView };

export interface TicketListFilter {
  status?: TicketStatus[];
  owner?: 'me' | 'unowned' | string;
  pendingHandoffToMe?: boolean;
  teamId?: string;
  priority?: Priority[];
  kind?: TicketKind[];
  /** Escalated past a warning (level 2 and up: a missed target, or the owner asked for help). */
  escalated?: boolean;
  /** `newest` when absent. */
  order?: TicketListOrder;
  limit: number;
  /** The `nextCursor` of the previous page in the same order. */
  cursor?: TicketListPosition;
}

/**
 * Where a page of a ticket list ended: creation time and id, and in the `due` order also the
 * ticket's nearest running deadline (null: none runs).
 */
export interface TicketListPosition {
  createdAt: string;
  id: string;
  dueAt?: string | null;
}

const RUNNING_DEADLINE = nearestRunningDeadlineSql('t');
/** Each order's sort key, the comparison that continues after a cursor, and the columns a cursor is made of. */
const LIST_ORDERS: Record<TicketListOrder, { orderBy: string; after: '<' | '>'; key: string }> = {
  newest: { orderBy: 't.created_at DESC, t.id DESC', after: '<', key: '(t.created_at, t.id)' },
  oldest: { orderBy: 't.created_at, t.id', after: '>', key: '(t.created_at, t.id)' },
  due: { orderBy: `${RUNNING_DEADLINE}, t.created_at, t.id`, after: '>', key: `(${RUNNING_DEADLINE}, t.created_at, t.id)` },
};

/** The columns every ticket view reads (`t` tickets, `c` customers); the search reads them too. */
const VIEW_COLUMNS = `t.id, t.code, t.subject, t.description, t.channel, t.kind, t.priority, t.tier, t.status, t.team_id,
    t.repeat_of_ticket_id, t.created_at, t.first_response_at, t.last_customer_visible_update_at, t.resolved_at,
    t.closed_at, t.first_response_due_at, t.next_update_due_at, t.resolution_due_at, t.escalation_level,
    t.sla_first_response_warn_at, t.sla_next_update_warn_at, t.sla_resolution_warn_at, t.sla_paused_at,
    t.reopen_count, t.transfer_count, t.tags, t.resolution, t.csat_rating, t.csat_comment, t.bot_hold_until, t.bot_outcome, t.last_seq,
    o.id AS owner_id, o.name AS owner_name, f.id AS first_id, f.name AS first_name,
    h.id AS handoff_id, h.name AS handoff_name, off.id AS offered_id, off.name AS offered_name,
    c.id AS customer_id, c.name AS customer_name, c.email AS customer_email, c.phone AS customer_phone,
    c.tier AS customer_tier, c.locale AS customer_locale, ${keysetInstant('t.created_at')} AS created_key`;
const VIEW_JOINS = `JOIN customers c ON c.id = t.customer_id
  LEFT JOIN agents o ON o.id = t.owner_id
  LEFT JOIN agents f ON f.id = t.first_responder_id
  LEFT JOIN agents h ON h.id = t.pending_handoff_to_id
  LEFT JOIN agents off ON off.id = t.offered_to_id`;
const VIEW_SELECT = `
  SELECT ${VIEW_COLUMNS}
  FROM tickets t
  ${VIEW_JOINS}`;

/**
 * The view of ticket rows a statement is writing: `source` is a CTE of whole `tickets` rows (an
 * `UPDATE … RETURNING *`), so that a write answers with its ticket's view in its own round trip.
 */
export const ticketViewOver = (source: string): string => `SELECT ${VIEW_COLUMNS} FROM ${source} t ${VIEW_JOINS}`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Row = Record<string, any>;

/** Reads of views take their instants as ISO text already (`INSTANTS_AS_ISO_TEXT`); writes' views as Dates. */
const iso = (value: Date | string | null): string | null => (value === null ? null : typeof value === 'string' ? value : value.toISOString());
const person = (id: string | null, name: string | null) => (id ? { id, name: name ?? '' } : null);

function toView(r: Row): TicketView {
  return {
    id: r.id,
    code: r.code,
    subject: r.subject,
    description: r.description,
    channel: r.channel,
    kind: r.kind,
    priority: r.priority,
    tier: r.tier,
    status: r.status,
    teamId: r.team_id,
    owner: person(r.owner_id, r.owner_name),
    firstResponder: person(r.first_id, r.first_name),
    pendingHandoffTo: person(r.handoff_id, r.handoff_name),
    offeredTo: person(r.offered_id, r.offered_name),
    repeatOfTicketId: r.repeat_of_ticket_id,
    customer: {
      id: r.customer_id,
      name: r.customer_name,
      email: r.customer_email,
      phone: r.customer_phone,
      tier: r.customer_tier,
      locale: r.customer_locale,
    },
    createdAt: iso(r.created_at) as string,
    firstResponseAt: iso(r.first_response_at),
    lastCustomerVisibleUpdateAt: iso(r.last_customer_visible_update_at),
    resolvedAt: iso(r.resolved_at),
    closedAt: iso(r.closed_at),
    sla: {
      firstResponseDueAt: iso(r.first_response_due_at),
      nextUpdateDueAt: iso(r.next_update_due_at),
      resolutionDueAt: iso(r.resolution_due_at),
      firstResponseWarnAt: iso(r.sla_first_response_warn_at ?? null),
      nextUpdateWarnAt: iso(r.sla_next_update_warn_at ?? null),
      resolutionWarnAt: iso(r.sla_resolution_warn_at ?? null),
      resolutionPausedAt: iso(r.sla_paused_at ?? null),
    },
    escalationLevel: r.escalation_level,
    reopenCount: r.reopen_count,
    transferCount: r.transfer_count,
    tags: r.tags,
    resolution: r.resolution,
    csat: r.csat_rating === null ? null : { rating: r.csat_rating, comment: r.csat_comment },
    bot: r.bot_outcome ? { outcome: r.bot_outcome, holdUntil: iso(r.bot_hold_until) } : null,
    lastSeq: r.last_seq,
  };
}

/**
 * Object-level access in SQL, so lists and single reads share one rule: supervisors see all; other
 * agents see their team's tickets and any ticket they own, are offered, are asked to take, or watch.
 */
export function visibilityClause(agent: ActingAgent, params: unknown[]): string {
  if (seesAllTickets(agent)) return 'TRUE';
  params.push(agent.id);
  const me = `$${params.length}`;
  let teamClause = 't.team_id IS NULL';
  if (agent.teamId) {
    params.push(agent.teamId);
    teamClause = `t.team_id IS NULL OR t.team_id = $${params.length}`;
  }
  return `(${teamClause} OR t.owner_id = ${me} OR t.pending_handoff_to_id = ${me} OR t.offered_to_id = ${me}
    OR EXISTS (SELECT 1 FROM ticket_watchers w WHERE w.ticket_id = t.id AND w.agent_id = ${me}))`;
}

export class TicketReadModel {
  async findVisible(em: EntityManager, ticketId: string, agent: ActingAgent): Promise<TicketView | null> {
    const params: unknown[] = [ticketId];
    const where = visibilityClause(agent, params);
    const rows = await preparedRows<Row>(em, `${VIEW_SELECT} WHERE t.id = $1 AND ${where}`, params, INSTANTS_AS_ISO_TEXT);
    return rows[0] ? toView(rows[0]) : null;
  }

  async isVisible(em: EntityManager, ticketId: string, agent: ActingAgent): Promise<boolean> {
    const params: unknown[] = [ticketId];
    const where = visibilityClause(agent, params);
    const rows = await preparedRows<Row>(em, `SELECT 1 FROM tickets t WHERE t.id = $1 AND ${where}`, params);
    return rows.length > 0;
  }

  async findById(em: EntityManager, ticketId: string): Promise<TicketView | null> {
    const rows = await preparedRows<Row>(em, `${VIEW_SELECT} WHERE t.id = $1`, [ticketId], INSTANTS_AS_ISO_TEXT);
    return rows[0] ? toView(rows[0]) : null;
  }

  /** Several tickets' views in one statement (what a batch of changes publishes), in no particular order. */
  async findManyById(em: EntityManager, ticketIds: readonly string[]): Promise<TicketView[]> {
    if (ticketIds.length === 0) return [];
    const { match, param } = matchingIds(ticketIds, 'uuid');
    const rows = await preparedRows<Row>(em, `${VIEW_SELECT} WHERE t.id ${match}`, [param], INSTANTS_AS_ISO_TEXT);
    return rows.map(toView);
  }

  /** The ticket a tracking link opens; null unless code and token hash both match. */
  async findByCodeForCustomer(em: EntityManager, code: string): Promise<(TicketView & { trackingTokenHash: string }) | null> {
    const rows = await preparedRows<Row>(em, `${VIEW_SELECT.replace('SELECT', 'SELECT t.tracking_token_hash,')} WHERE t.code = $1`, [code], INSTANTS_AS_ISO_TEXT);
    return rows[0] ? { ...toView(rows[0]), trackingTokenHash: rows[0].tracking_token_hash } : null;
  }

  /**
   * Keyset-paginated in the filter's order (newest first unless asked), so pages stay stable while
   * tickets arrive; ties go by creation time, then id.
   */
  async list(em: EntityManager, agent: ActingAgent, filter: TicketListFilter): Promise<{ items: TicketView[]; nextCursor: TicketListPosition | null }> {
    const order = filter.order ?? 'newest';
    const { orderBy, after, key } = LIST_ORDERS[order];
    const params: unknown[] = [];
    const where: string[] = [visibilityClause(agent, params)];
    // One status as an equality, which lets PostgreSQL read `tickets_status_created` in order (not `= ANY`).
    if (filter.status?.length === 1) {
      params.push(filter.status[0]);
      where.push(`t.status = $${params.length}`);
    } else if (filter.status?.length) {
      params.push(filter.status);
      where.push(`t.status = ANY($${params.length}::text[])`);
    }
    if (filter.priority?.length) {
      params.push(filter.priority);
      where.push(`t.priority = ANY($${params.length}::text[])`);
    }
    if (filter.kind?.length) {
      params.push(filter.kind);
      where.push(`t.kind = ANY($${params.length}::text[])`);
    }
    if (filter.escalated) where.push('t.escalation_level >= 2');
    // The team queue leaves out tickets the bot holds, until their stored instant passes (compared
    // here, so they come back even when the worker is down); supervisors see them, marked. A held
    // ticket a supervisor gave someone is theirs at once.
    if (!seesAllTickets(agent)) where.push(`NOT COALESCE(${heldByBotSql('t')} AND t.bot_hold_until > now(), false)`);
    if (filter.owner === 'unowned') where.push('t.owner_id IS NULL');
    else if (filter.owner) {
      params.push(filter.owner === 'me' ? agent.id : filter.owner);
      where.push(`t.owner_id = $${params.length}`);
    }
    if (filter.pendingHandoffToMe) {
      params.push(agent.id);
      where.push(`t.pending_handoff_to_id = $${params.length}`);
    }
    if (filter.teamId) {
      params.push(filter.teamId);
      where.push(`t.team_id = $${params.length}`);
    }
    if (filter.cursor) {
      const { createdAt, id, dueAt } = filter.cursor;
      if (order === 'due') {
        if (dueAt === undefined) throw new RangeError('a cursor in the due order carries the deadline it ended at');
        params.push(dueAt ?? 'infinity');
        where.push(`${key} ${after} ($${params.length}::timestamptz, $${params.length + 1}::timestamptz, $${params.length + 2}::uuid)`);
      } else {
        where.push(`${key} ${after} ($${params.length + 1}::timestamptz, $${params.length + 2}::uuid)`);
      }
      params.push(createdAt, id);
    }
    // The limit is written into the text: with it as a parameter the generic plan's cost estimate is
    // far above a custom plan's, so PostgreSQL planned every call afresh (about 1.2 ms each).
    const limit = Math.trunc(Number(filter.limit)) + 1;
    if (!Number.isSafeInteger(limit) || limit < 2) throw new RangeError(`limit must be a positive integer, got ${filter.limit}`);
    const dueKey = order === 'due' ? `, CASE WHEN ${RUNNING_DEADLINE} < 'infinity' THEN ${keysetInstant(RUNNING_DEADLINE)} END AS due_key` : '';
    const rows = await preparedRows<Row>(
      em,
      `SELECT ${VIEW_COLUMNS}${dueKey} FROM tickets t ${VIEW_JOINS} WHERE ${where.join(' AND ')} ORDER BY ${orderBy} LIMIT ${limit}`,
      params,
      INSTANTS_AS_ISO_TEXT,
    );
    const items = rows.slice(0, filter.limit).map(toView);
    const last = rows.length > filter.limit ? rows[filter.limit - 1] : undefined;
    if (!last) return { items, nextCursor: null };
    const position: TicketListPosition = { createdAt: last.created_key, id: last.id };
    if (order === 'due') position.dueAt = last.due_key;
    return { items, nextCursor: position };
  }

  async agentName(em: EntityManager, agentId: string | null): Promise<string | null> {
    if (!agentId) return null;
    const rows: Row[] = await em.query(`SELECT name FROM agents WHERE id = $1`, [agentId]);
    return rows[0]?.name ?? null;
  }
}

/** The same columns and mapping for other read models over tickets (`t`) and customers (`c`): the search. */
export const TICKET_VIEW_SELECT = VIEW_SELECT;
export const toTicketView = toView;
