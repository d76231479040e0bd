import type { ResolutionHistoryEvent, ResolutionShortfall } from '@firsthand/domain';
import { preparedRows } from '../prepared-query.js';
import type { SqlRunner } from '../sql-runner.js';
import { toTicketEvent, type TicketEventRow } from '../tickets/ticket-row.mapper.js';
import { OUTCOME_TICKET_COLUMNS, type OutcomeTicket, type TicketOutcomeRecord } from './ticket-outcome.mapper.js';

interface TicketOutcomeRow {
  ticket_id: string;
  day: string;
  agent_id: string | null;
  team_id: string | null;
  channel: string;
  tier: string;
  resolved_at: Date;
  resolved_by: string | null;
  first_responder_resolution: boolean;
  first_contact_resolution: boolean;
  provisional: boolean;
  settles_at: Date;
  reasons: string[];
  public_agent_replies: number;
  reopen_count: number;
  repeat_contacts: number;
  handoffs: number;
  escalation_max_level: number;
  first_response_ms: string | null;
  resolution_ms: string;
  first_response_business_ms: string | null;
  resolution_business_ms: string | null;
  first_response_breached: boolean;
  resolution_breached: boolean;
  csat_rating: number | null;
  outcome_seq: number;
}

export const OUTCOME_COLUMNS = `ticket_id, to_char(day, 'YYYY-MM-DD') AS day, agent_id, team_id, channel, tier, resolved_at, resolved_by,
  first_responder_resolution, first_contact_resolution, provisional, settles_at, reasons, public_agent_replies, reopen_count,
  repeat_contacts, handoffs, escalation_max_level, first_response_ms, resolution_ms, first_response_breached, resolution_breached,
  csat_rating, outcome_seq, first_response_business_ms, resolution_business_ms`;

const WRITE_COLUMNS = [
  'ticket_id', 'day', 'agent_id', 'team_id', 'channel', 'tier', 'resolved_at', 'resolved_by', 'first_responder_resolution',
  'first_contact_resolution', 'provisional', 'settles_at', 'reasons', 'public_agent_replies', 'reopen_count', 'repeat_contacts',
  'handoffs', 'escalation_max_level', 'first_response_ms', 'resolution_ms', 'first_response_breached', 'resolution_breached',
  'csat_rating', 'outcome_seq', 'computed_at', 'first_response_business_ms', 'resolution_business_ms',
] as const;
const WRITE_CASTS: Partial<Record<(typeof WRITE_COLUMNS)[number], string>> = { day: '::date', agent_id: '::uuid', team_id: '::uuid', resolved_by: '::uuid', reasons: '::text[]' };
/** 27 parameters a row. */
const ROWS_PER_STATEMENT = 1000;

export function toOutcomeRecord(row: TicketOutcomeRow): TicketOutcomeRecord {
  return {
    ticketId: row.ticket_id,
    day: row.day,
    agentId: row.agent_id,
    teamId: row.team_id,
    channel: row.channel,
    tier: row.tier,
    resolvedAt: row.resolved_at,
    resolvedBy: row.resolved_by,
    firstResponderResolution: row.first_responder_resolution,
    firstContactResolution: row.first_contact_resolution,
    provisional: row.provisional,
    settlesAt: row.settles_at,
    reasons: row.reasons as ResolutionShortfall[],
    publicAgentReplies: row.public_agent_replies,
    reopenCount: row.reopen_count,
    repeatContacts: row.repeat_contacts,
    handoffs: row.handoffs,
    escalationMaxLevel: row.escalation_max_level,
    firstResponseMs: row.first_response_ms === null ? null : Number(row.first_response_ms),
    resolutionMs: Number(row.resolution_ms),
    firstResponseBusinessMs: row.first_response_business_ms === null ? null : Number(row.first_response_business_ms),
    resolutionBusinessMs: row.resolution_business_ms === null ? null : Number(row.resolution_business_ms),
    firstResponseBreached: row.first_response_breached,
    resolutionBreached: row.resolution_breached,
    csatRating: row.csat_rating,
    outcomeSeq: row.outcome_seq,
  };
}

function writeParams(r: TicketOutcomeRecord, computedAt: Date): unknown[] {
  return [
    r.ticketId, r.day, r.agentId, r.teamId, r.channel, r.tier, r.resolvedAt, r.resolvedBy, r.firstResponderResolution,
    r.firstContactResolution, r.provisional, r.settlesAt, r.reasons, r.publicAgentReplies, r.reopenCount, r.repeatContacts,
    r.handoffs, r.escalationMaxLevel, r.firstResponseMs, r.resolutionMs, r.firstResponseBreached, r.resolutionBreached,
    r.csatRating, r.outcomeSeq, computedAt, r.firstResponseBusinessMs, r.resolutionBusinessMs,
  ];
}

/** ticket_outcomes and the timeline it is computed from; the caller holds the transaction. */
export class TicketOutcomesTable {
  constructor(private readonly sql: SqlRunner) {}

  /** Locks the ticket's outcome row, so the old contribution subtracted is the one stored. */
  async lockOutcome(ticketId: string): Promise<TicketOutcomeRecord | null> {
    // Prepared: every ticket change runs it, and planning it cost ten times running it.
    const [row] = await preparedRows<TicketOutcomeRow>(this.sql.manager, `SELECT ${OUTCOME_COLUMNS} FROM ticket_outcomes WHERE ticket_id = $1 FOR UPDATE`, [ticketId]);
    return row ? toOutcomeRecord(row) : null;
  }

  async ticket(ticketId: string): Promise<OutcomeTicket | null> {
    return this.sql.one<OutcomeTicket>(`SELECT ${OUTCOME_TICKET_COLUMNS} FROM tickets t WHERE t.id = $1`, [ticketId]);
  }

  async history(ticketId: string): Promise<ResolutionHistoryEvent[]> {
    const rows = await this.sql.rows<TicketEventRow>(`SELECT * FROM ticket_events WHERE ticket_id = $1 ORDER BY seq`, [ticketId]);
    return rows.map(toTicketEvent) as ResolutionHistoryEvent[];
  }

  /** Timelines of many tickets at once, each in ascending seq. */
  async histories(ticketIds: readonly string[]): Promise<Map<string, ResolutionHistoryEvent[]>> {
    const rows = await this.sql.rows<TicketEventRow>(`SELECT * FROM ticket_events WHERE ticket_id = ANY($1::uuid[]) ORDER BY ticket_id, seq`, [ticketIds]);
    const byTicket = new Map<string, ResolutionHistoryEvent[]>();
    for (const row of rows) {
      const list = byTicket.get(row.ticket_id) ?? [];
      list.push(toTicketEvent(row) as ResolutionHistoryEvent);
      byTicket.set(row.ticket_id, list);
    }
    return byTicket;
  }

  async save(records: readonly TicketOutcomeRecord[], computedAt: Date): Promise<void> {
    const updates = WRITE_COLUMNS.slice(1).map((c) => `${c} = EXCLUDED.${c}`).join(', ');
    for (let start = 0; start < records.length; start += ROWS_PER_STATEMENT) {
      const params: unknown[] = [];
      const values = records.slice(start, start + ROWS_PER_STATEMENT).map((record) => {
        const base = params.length;
        params.push(...writeParams(record, computedAt));
        return `(${WRITE_COLUMNS.map((c, i) => `$${base + i + 1}${WRITE_CASTS[c] ?? ''}`).join(', ')})`;
      });
      await this.sql.write(
        `INSERT INTO ticket_outcomes (${WRITE_COLUMNS.join(', ')}) VALUES ${values.join(', ')}
         ON CONFLICT (ticket_id) DO UPDATE SET ${updates}`,
        params,
      );
    }
  }

  async remove(ticketId: string): Promise<void> {
    await this.sql.write(`DELETE FROM ticket_outcomes WHERE ticket_id = $1`, [ticketId]);
  }
}
