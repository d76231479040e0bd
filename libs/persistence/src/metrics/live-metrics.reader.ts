import { dayKey, ratesOf, type Presence } from '@firsthand/domain';
import type { SupervisorLiveMetrics } from '@firsthand/realtime-contracts';
import type { EntityManager } from 'typeorm';
import { readRollupGroups } from './resolution-rollups.reader.js';
import { addCounts, emptyCounts } from './ticket-outcome.mapper.js';
import { firstResponseBreachedSql, resolutionBreachedSql } from '../sla/breached-now.js';
import { presenceColumn } from '../people/agent-connections.js';
import { heldByBotSql } from '../knowledge-base/bot-answers.js';

/** Upper bounds in hours of the open-ticket age buckets; the last bucket is everything older. */
export const OPEN_AGE_BUCKETS = [
  { label: 'under_1h', hours: 1 },
  { label: '1h_to_4h', hours: 4 },
  { label: '4h_to_24h', hours: 24 },
  { label: '1d_to_3d', hours: 72 },
  { label: '3d_to_7d', hours: 168 },
] as const;
export const OLDEST_AGE_BUCKET = 'over_7d';

export interface OpenTicketFigures {
  open: number;
  unclaimed: number;
  /** Of the unclaimed, those the bot holds now: answered automatically, out of the team queue until the hold ends. */
  unclaimedHeldByBot: number;
  byAge: Record<string, number>;
  breaching: { firstResponse: number; resolution: number; total: number };
}

export interface BreachingTicket {
  id: string;
  code: string;
  status: string;
  ownerId: string | null;
  teamId: string | null;
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  breached: Array<'first_response' | 'resolution'>;
}

export interface AgentLoad {
  agentId: string;
  name: string;
  role: string;
  teamId: string | null;
  open: number;
  pendingCustomer: number;
  total: number;
  presence: Presence;
}

const UNRESOLVED = `status IN ('new', 'open', 'pending_customer')`;
const FIRST_RESPONSE_BREACHED = firstResponseBreachedSql('', '$1');
const RESOLUTION_BREACHED = resolutionBreachedSql('', '$1');
/** As the team queue leaves them out: held, and the hold not yet past (whether or not the worker has ended it). */
const HELD_BY_BOT_NOW = `${heldByBotSql('tickets')} AND bot_hold_until > $1`;

/** Unresolved tickets now: how many, how old, how many nobody claimed and how many are past an SLA target. */
export async function readOpenTicketFigures(em: EntityManager, now: Date): Promise<OpenTicketFigures> {
  const ages = OPEN_AGE_BUCKETS.map(
    (b, i) =>
      `count(*) FILTER (WHERE created_at > $1::timestamptz - interval '${b.hours} hours'${
        i > 0 ? ` AND created_at <= $1::timestamptz - interval '${OPEN_AGE_BUCKETS[i - 1].hours} hours'` : ''
      })::int AS "${b.label}"`,
  );
  const last = OPEN_AGE_BUCKETS[OPEN_AGE_BUCKETS.length - 1];
  const [row] = await em.query(
    `SELECT count(*)::int AS open, count(*) FILTER (WHERE status = 'new')::int AS unclaimed,
       count(*) FILTER (WHERE ${HELD_BY_BOT_NOW})::int AS unclaimed_held_by_bot, ${ages.join(', ')},
       count(*) FILTER (WHERE created_at <= $1::timestamptz - interval '${last.hours} hours')::int AS "${OLDEST_AGE_BUCKET}",
       count(*) FILTER (WHERE ${FIRST_RESPONSE_BREACHED})::int AS first_response_breaching,
       count(*) FILTER (WHERE ${RESOLUTION_BREACHED})::int AS resolution_breaching,
       count(*) FILTER (WHERE ${FIRST_RESPONSE_BREACHED} OR ${RESOLUTION_BREACHED})::int AS breaching
     FROM tickets WHERE ${UNRESOLVED}`,
    [now],
  );
  const byAge: Record<string, number> = {};
  for (const label of [...OPEN_AGE_BUCKETS.map((b) => b.label), OLDEST_AGE_BUCKET]) byAge[label] = row[label];
  return {
    open: row.open,
    unclaimed: row.unclaimed,
    unclaimedHeldByBot: row.unclaimed_held_by_bot,
    byAge,
    breaching: { firstResponse: row.first_response_breaching, resolution: row.resolution_breaching, total: row.breaching },
  };
}

/** The unresolved tickets past a target, most overdue first. */
export async function readBreachingTickets(em: EntityManager, now: Date, limit = 50): Promise<BreachingTicket[]> {
  const rows: Array<{
    id: string;
    code: string;
    status: string;
    owner_id: string | null;
    team_id: string | null;
    first_response_due_at: Date | null;
    resolution_due_at: Date | null;
    first_response_breached: boolean;
    resolution_breached: boolean;
  }> = await em.query(
    `SELECT id, code, status, owner_id, team_id, first_response_due_at, resolution_due_at,
       coalesce(${FIRST_RESPONSE_BREACHED}, false) AS first_response_breached, coalesce(${RESOLUTION_BREACHED}, false) AS resolution_breached
     FROM tickets WHERE ${UNRESOLVED} AND (${FIRST_RESPONSE_BREACHED} OR ${RESOLUTION_BREACHED})
     ORDER BY least(CASE WHEN first_response_at IS NULL THEN first_response_due_at END, resolution_due_at), id
     LIMIT $2`,
    [now, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    status: r.status,
    ownerId: r.owner_id,
    teamId: r.team_id,
    firstResponseDueAt: r.first_response_due_at,
    resolutionDueAt: r.resolution_due_at,
    breached: [...(r.first_response_breached ? (['first_response'] as const) : []), ...(r.resolution_breached ? (['resolution'] as const) : [])],
  }));
}

/** Each active agent's owned, unresolved tickets, busiest first; supervisors and admins only while they own some (they take no tickets). */
export async function readAgentLoads(em: EntityManager): Promise<AgentLoad[]> {
  const rows: Array<{ id: string; name: string; role: string; team_id: string | null; open: number; pending_customer: number; total: number; presence: Presence }> =
    await em.query(
      `SELECT a.id, a.name, a.role, a.team_id, ${presenceColumn('a')} AS presence,
         count(t.id) FILTER (WHERE t.status = 'open')::int AS open,
         count(t.id) FILTER (WHERE t.status = 'pending_customer')::int AS pending_customer,
         count(t.id)::int AS total
       FROM agents a LEFT JOIN tickets t ON t.owner_id = a.id AND t.status IN ('open', 'pending_customer')
       WHERE a.active GROUP BY a.id
       HAVING a.role NOT IN ('supervisor', 'admin') OR count(t.id) > 0
       ORDER BY total DESC, a.name, a.id`,
    );
  return rows.map((r) => ({ agentId: r.id, name: r.name, role: r.role, teamId: r.team_id, open: r.open, pendingCustomer: r.pending_customer, total: r.total, presence: r.presence }));
}

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/** The supervisors' live figures at `now`: today (a local day in `timeZone`) from the rollups, the rest from the tickets. */
export async function readLiveMetrics(em: EntityManager, now: Date, timeZone: string): Promise<SupervisorLiveMetrics> {
  const today = dayKey(now, timeZone);
  const [groups, open, breaching, agents] = await Promise.all([
    readRollupGroups(em, today, today, 'day'),
    readOpenTicketFigures(em, now),
    readBreachingTickets(em, now),
    readAgentLoads(em),
  ]);
  const counts = groups.reduce((sum, g) => addCounts(sum, g.counts), emptyCounts());
  const rates = ratesOf(counts);
  return {
    now: now.toISOString(),
    timeZone,
    today: {
      day: today,
      resolved: counts.resolved,
      firstResponderResolved: counts.firstResponderResolved,
      firstContactResolved: counts.firstContactResolved,
      firstResponderResolutionRate: rates.firstResponderResolution,
      firstContactResolutionRate: rates.firstContactResolution,
      provisional: counts.provisional,
    },
    open: { total: open.open, unclaimed: open.unclaimed, unclaimedHeldByBot: open.unclaimedHeldByBot, byAge: open.byAge },
    breachingNow: {
      ...open.breaching,
      tickets: breaching.map((t) => ({ ...t, firstResponseDueAt: iso(t.firstResponseDueAt), resolutionDueAt: iso(t.resolutionDueAt) })),
    },
    agents,
  };
}
