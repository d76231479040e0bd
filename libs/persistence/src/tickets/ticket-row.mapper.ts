import type { EscalationLevel, PlannedSlaTargets, Ticket, TicketEvent, TicketPatch } from '@firsthand/domain';

/** Columns every rule needs; selected together so the snapshot is complete. */
export const TICKET_COLUMNS = `t.id, t.code, t.subject, t.channel, t.kind, t.priority, t.tier, t.status, t.team_id,
  t.customer_id, t.owner_id, t.first_responder_id, t.pending_handoff_to_id, t.repeat_of_ticket_id, t.offered_to_id,
  t.created_at, t.first_response_at, t.last_customer_visible_update_at, t.resolved_at, t.closed_at,
  t.first_response_due_at, t.next_update_due_at, t.resolution_due_at, t.sla_paused_at, t.sla_paused_minutes,
  t.sla_first_response_seconds, t.sla_resolution_seconds, t.escalation_level, t.reopen_count,
  t.transfer_count, t.csat_rating, t.resolution, t.tags, t.bot_hold_until, t.bot_outcome, t.last_seq`;

export interface TicketRow {
  id: string;
  code: string;
  subject: string;
  channel: Ticket['channel'];
  kind: Ticket['kind'];
  priority: Ticket['priority'];
  tier: Ticket['tier'];
  status: Ticket['status'];
  team_id: string | null;
  customer_id: string;
  owner_id: string | null;
  first_responder_id: string | null;
  pending_handoff_to_id: string | null;
  repeat_of_ticket_id: string | null;
  offered_to_id: string | null;
  created_at: Date;
  first_response_at: Date | null;
  last_customer_visible_update_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  first_response_due_at: Date | null;
  next_update_due_at: Date | null;
  resolution_due_at: Date | null;
  sla_paused_at: Date | null;
  sla_paused_minutes: number;
  sla_first_response_seconds: number | null;
  sla_resolution_seconds: number | null;
  escalation_level: number;
  reopen_count: number;
  transfer_count: number;
  csat_rating: number | null;
  resolution?: string | null;
  tags: string[];
  bot_hold_until?: Date | null;
  bot_outcome?: Ticket['botOutcome'];
  last_seq: number;
}

export function toTicket(row: TicketRow): Ticket {
  return {
    id: row.id,
    code: row.code,
    subject: row.subject,
    channel: row.channel,
    kind: row.kind,
    priority: row.priority,
    tier: row.tier,
    status: row.status,
    teamId: row.team_id,
    customerId: row.customer_id,
    ownerId: row.owner_id,
    firstResponderId: row.first_responder_id,
    pendingHandoffToId: row.pending_handoff_to_id,
    repeatOfTicketId: row.repeat_of_ticket_id,
    offeredToId: row.offered_to_id,
    createdAt: row.created_at,
    firstResponseAt: row.first_response_at,
    lastCustomerVisibleUpdateAt: row.last_customer_visible_update_at,
    resolvedAt: row.resolved_at,
    closedAt: row.closed_at,
    firstResponseDueAt: row.first_response_due_at,
    nextUpdateDueAt: row.next_update_due_at,
    resolutionDueAt: row.resolution_due_at,
    slaPausedAt: row.sla_paused_at,
    slaPausedMinutes: row.sla_paused_minutes,
    plannedTargets:
      row.sla_first_response_seconds === null || row.sla_resolution_seconds === null
        ? null
        : { firstResponseMinutes: row.sla_first_response_seconds / 60, resolutionMinutes: row.sla_resolution_seconds / 60 },
    escalationLevel: row.escalation_level as EscalationLevel,
    reopenCount: row.reopen_count,
    transferCount: row.transfer_count,
    csatRating: row.csat_rating,
    resolution: row.resolution ?? null,
    tags: row.tags,
    botHoldUntil: row.bot_hold_until ?? null,
    botOutcome: row.bot_outcome ?? null,
    lastSeq: row.last_seq,
  };
}

/** The planned targets as the columns that keep them: whole seconds, as `sla_policies` holds them. */
export function plannedTargetColumns(targets: PlannedSlaTargets | null): { sla_first_response_seconds: number | null; sla_resolution_seconds: number | null } {
  return {
    sla_first_response_seconds: targets && Math.round(targets.firstResponseMinutes * 60),
    sla_resolution_seconds: targets && Math.round(targets.resolutionMinutes * 60),
  };
}

/** Patch keys to columns; a key missing here cannot be written, which keeps clients off the rest. */
const PATCH_COLUMNS: Record<Exclude<keyof TicketPatch, 'plannedTargets'>, string> = {
  status: 'status',
  priority: 'priority',
  ownerId: 'owner_id',
  firstResponderId: 'first_responder_id',
  pendingHandoffToId: 'pending_handoff_to_id',
  offeredToId: 'offered_to_id',
  firstResponseAt: 'first_response_at',
  lastCustomerVisibleUpdateAt: 'last_customer_visible_update_at',
  resolvedAt: 'resolved_at',
  closedAt: 'closed_at',
  nextUpdateDueAt: 'next_update_due_at',
  escalationLevel: 'escalation_level',
  reopenCount: 'reopen_count',
  transferCount: 'transfer_count',
  csatRating: 'csat_rating',
  tier: 'tier',
  customerId: 'customer_id',
  firstResponseDueAt: 'first_response_due_at',
  resolutionDueAt: 'resolution_due_at',
  slaPausedAt: 'sla_paused_at',
  slaPausedMinutes: 'sla_paused_minutes',
  tags: 'tags',
  botHoldUntil: 'bot_hold_until',
  botOutcome: 'bot_outcome',
  resolution: 'resolution',
  csatComment: 'csat_comment',
  handoffNote: 'handoff_note',
};

/** `SET a = $3, b = $4` for a patch, numbering parameters after `firstParam - 1` fixed ones. */
export function patchAssignments(patch: TicketPatch, firstParam: number): { sql: string; params: unknown[] } {
  const parts: string[] = [];
  const params: unknown[] = [];
  const assign = (column: string, value: unknown) => {
    params.push(value);
    parts.push(`${column} = $${firstParam + params.length - 1}`);
  };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    if (key === 'plannedTargets') {
      for (const [column, seconds] of Object.entries(plannedTargetColumns(value as PlannedSlaTargets | null))) assign(column, seconds);
      continue;
    }
    const column = PATCH_COLUMNS[key as keyof typeof PATCH_COLUMNS];
    if (!column) throw new Error(`Ticket field ${key} cannot be patched`);
    assign(column, value);
  }
  return { sql: parts.join(', '), params };
}

export interface TicketEventRow {
  id: string;
  ticket_id: string;
  seq: number;
  type: TicketEvent['type'];
  visibility: TicketEvent['visibility'];
  actor_type: 'agent' | 'customer' | 'system';
  actor_id: string | null;
  actor_name: string | null;
  payload: Record<string, unknown>;
  created_at: Date;
}

export function toTicketEvent(row: TicketEventRow): TicketEvent & { id: string } {
  const actor =
    row.actor_type === 'system'
      ? ({ type: 'system' } as const)
      : { type: row.actor_type, id: row.actor_id ?? '', name: row.actor_name ?? '' };
  return {
    id: row.id,
    ticketId: row.ticket_id,
    seq: row.seq,
    type: row.type,
    visibility: row.visibility,
    actor,
    payload: row.payload,
    createdAt: row.created_at,
  } as TicketEvent & { id: string };
}
