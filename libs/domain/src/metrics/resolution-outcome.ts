import type { ResolutionWindows } from '../resolution-windows.js';
import type { TicketEvent } from '../ticket-events.js';
import type { Actor } from '../ticket.js';
import { ESCALATION_LEVELS } from '../vocabulary.js';
import { isSpamClose } from '../tags/close-as-spam.js';
import { slaBreachesOf, type SlaDueTimes } from './sla-attainment.js';

const DAY_MS = 86_400_000;

/** One ticket's timeline as the metrics read it, in ascending `seq`. */
export type ResolutionHistoryEvent = TicketEvent;

/** Why a resolution is not a first-responder resolution; each one also rules out first contact. */
export const FIRST_RESPONDER_SHORTFALLS = [
  'no_first_response',
  'resolved_by_other_than_first_responder',
  'handed_off',
  'reassigned',
  'reopened',
  'repeat_contact',
] as const;

/** Why a first-responder resolution is still not a first-contact resolution. */
export const FIRST_CONTACT_SHORTFALLS = [
  'more_than_one_public_reply',
  'customer_follow_up_after_reply',
  'escalated_past_warning',
] as const;

export type FirstResponderShortfall = (typeof FIRST_RESPONDER_SHORTFALLS)[number];
export type FirstContactShortfall = (typeof FIRST_CONTACT_SHORTFALLS)[number];
export type ResolutionShortfall = FirstResponderShortfall | FirstContactShortfall;

export interface ResolutionContext {
  now: Date;
  windows: ResolutionWindows;
  /** Repeat contacts known from elsewhere (new tickets linked to this one) and not in its history. */
  repeatContactAt?: readonly Date[];
  /** The ticket's SLA due times; without them no target can be missed. */
  dueTimes?: SlaDueTimes;
}

export interface ResolutionOutcome {
  ticketId: string;
  createdAt: Date;
  firstResponderId: string | null;
  firstResponseAt: Date | null;
  /** The ticket's last resolution: the one the metrics count. */
  resolvedAt: Date;
  resolvedBy: string | null;
  firstResponderResolution: boolean;
  firstContactResolution: boolean;
  /** The customer reopened it after this resolution and it has not been resolved again yet. */
  reopenedSinceResolution: boolean;
  provisional: boolean;
  settlesAt: Date;
  /** Every shortfall found, first-responder ones first; empty exactly when it is a first-contact resolution. */
  reasons: ResolutionShortfall[];
  publicAgentReplies: number;
  reopenCount: number;
  repeatContacts: number;
  /** Ownership moves (accepted handoffs and reassignments) after the first response. */
  handoffs: number;
  escalationMaxLevel: number;
  firstResponseMs: number | null;
  resolutionMs: number;
  /** The first response (or, without one, the resolution) came after its due time. */
  firstResponseBreached: boolean;
  /** The counted resolution came after the resolution due time. */
  resolutionBreached: boolean;
}

interface FirstResponse {
  agentId: string;
  at: Date;
  seq: number;
}

type ResolvingEvent = Extract<TicketEvent, { type: 'status_changed' }>;

function lastResolution(history: readonly ResolutionHistoryEvent[]): ResolvingEvent | null {
  for (let i = history.length - 1; i >= 0; i--) {
    const event = history[i];
    if (event.type === 'status_changed' && event.payload.to === 'resolved') return event;
  }
  return null;
}

/**
 * A claim is the first response (a reply on an unowned ticket is recorded as a claim via 'reply'
 * followed by the reply). A ticket a supervisor assigned before anyone answered gets its first
 * responder at the assignee's first public reply, exactly as the ticket row records it.
 */
function firstResponse(history: readonly ResolutionHistoryEvent[]): FirstResponse | null {
  for (const event of history) {
    if (event.type === 'claimed') return { agentId: event.payload.ownerId, at: event.createdAt, seq: event.seq };
    if (event.type === 'agent_replied' && event.actor.type === 'agent') return { agentId: event.actor.id, at: event.createdAt, seq: event.seq };
  }
  return null;
}

/** The customer's "this solved it" on the bot's answer (an agent's resolution never is, whatever its text). */
function isBotResolution(event: ResolutionHistoryEvent): boolean {
  return event.type === 'status_changed' && event.payload.to === 'resolved' && event.payload.resolution === 'bot' && event.actor.type !== 'agent';
}

/**
 * The reopens that took back the bot's "this solved it": the bot's failures, not a person's. They
 * come before anyone answered (the bot answers only tickets nobody has), and people's clocks start
 * again at the last of them.
 */
function botTakeBacks(history: readonly ResolutionHistoryEvent[]): ResolutionHistoryEvent[] {
  const takeBacks: ResolutionHistoryEvent[] = [];
  let undoingBot = false;
  for (const event of history) {
    if (event.type === 'status_changed' && event.payload.to === 'resolved') undoingBot = isBotResolution(event);
    else if (event.type === 'reopened' && undoingBot) takeBacks.push(event);
  }
  return takeBacks;
}

function ticketCreatedAt(history: readonly ResolutionHistoryEvent[]): Date {
  return (history.find((e) => e.type === 'created') ?? history[0]).createdAt;
}

function countOf(history: readonly ResolutionHistoryEvent[], matches: (e: ResolutionHistoryEvent) => boolean): number {
  return history.reduce((n, e) => (matches(e) ? n + 1 : n), 0);
}

/** Routing a ticket before anyone answered does not bounce the customer, so only later moves count. */
function ownershipMovesAfter(history: readonly ResolutionHistoryEvent[], first: FirstResponse | null) {
  const after = (e: ResolutionHistoryEvent) => first !== null && e.seq > first.seq;
  return {
    handedOff: countOf(history, (e) => e.type === 'handoff_accepted' && after(e)),
    reassigned: countOf(history, (e) => e.type === 'reassigned' && after(e)),
  };
}

function publicAgentReplies(history: readonly ResolutionHistoryEvent[]): ResolutionHistoryEvent[] {
  return history.filter((e) => e.type === 'agent_replied' && e.visibility === 'public');
}

function customerFollowedUpAfter(history: readonly ResolutionHistoryEvent[], reply: ResolutionHistoryEvent | undefined): boolean {
  return reply !== undefined && history.some((e) => e.type === 'customer_replied' && e.seq > reply.seq);
}

export function highestEscalationLevel(history: readonly ResolutionHistoryEvent[]): number {
  return history.reduce((max, e) => {
    if (e.type !== 'escalation_requested' && e.type !== 'sla_escalated' && e.type !== 'sla_warning') return max;
    const level = e.payload.toLevel;
    return typeof level === 'number' && level > max ? level : max;
  }, ESCALATION_LEVELS.none as number);
}

function windowEnd(resolvedAt: Date, days: number): Date {
  return new Date(resolvedAt.getTime() + days * DAY_MS);
}

/** A contact while the issue was still unresolved, or within the window after its resolution, is the same issue coming back. */
function repeatContactsCounted(history: readonly ResolutionHistoryEvent[], resolvedAt: Date, context: ResolutionContext): number {
  const endsAt = windowEnd(resolvedAt, context.windows.repeatContactDays).getTime();
  const inHistory = history.filter((e) => e.type === 'repeat_contact').map((e) => e.createdAt);
  return [...inHistory, ...(context.repeatContactAt ?? [])].filter((at) => at.getTime() <= endsAt).length;
}

/** Both windows include their last instant (as reopening does), so an outcome settles once `now` is past `settlesAt`. */
export function resolutionSettlesAt(resolvedAt: Date, windows: ResolutionWindows): Date {
  return windowEnd(resolvedAt, Math.max(windows.reopenDays, windows.repeatContactDays));
}

function agentId(actor: Actor): string | null {
  return actor.type === 'agent' ? actor.id : null;
}

/**
 * Classifies one ticket's last resolution against SPEC.md's two rates; `null` for a ticket that was
 * never resolved. The history must be the ticket's whole timeline in ascending `seq`.
 */
export function classifyResolution(history: readonly ResolutionHistoryEvent[], context: ResolutionContext): ResolutionOutcome | null {
  const resolution = lastResolution(history);
  if (!resolution) return null;
  // Closed as spam after it was resolved: it was never a customer's issue, so no resolution counts.
  if (history.some((e) => e.seq > resolution.seq && isSpamClose(e))) return null;
  // Resolved by the bot ("this solved it"): no person handled it, so the agents' rates leave it out
  // (the bot's own figures count it; docs/metrics.md).
  if (isBotResolution(resolution)) return null;

  const resolvedAt = resolution.createdAt;
  const resolvedBy = agentId(resolution.actor);
  const createdAt = ticketCreatedAt(history);
  const takeBacks = botTakeBacks(history);
  // Since when people had the issue: its opening, or the last taking back of the bot's answer.
  const peopleFrom = takeBacks.at(-1)?.createdAt ?? createdAt;
  const first = firstResponse(history);
  const moves = ownershipMovesAfter(history, first);
  const replies = publicAgentReplies(history);
  const reopenCount = countOf(history, (e) => e.type === 'reopened') - takeBacks.length;
  const repeatContacts = repeatContactsCounted(history, resolvedAt, context);
  const escalation = highestEscalationLevel(history);
  const settles = resolutionSettlesAt(resolvedAt, context.windows);
  const breaches = slaBreachesOf(first?.at ?? null, resolvedAt, context.dueTimes);

  const shortfalls: Record<ResolutionShortfall, boolean> = {
    no_first_response: first === null,
    resolved_by_other_than_first_responder: first !== null && resolvedBy !== first.agentId,
    handed_off: moves.handedOff > 0,
    reassigned: moves.reassigned > 0,
    reopened: reopenCount > 0,
    repeat_contact: repeatContacts > 0,
    more_than_one_public_reply: replies.length > 1,
    customer_follow_up_after_reply: customerFollowedUpAfter(history, replies[0]),
    escalated_past_warning: escalation > ESCALATION_LEVELS.warning,
  };
  const reasons = [...FIRST_RESPONDER_SHORTFALLS, ...FIRST_CONTACT_SHORTFALLS].filter((r) => shortfalls[r]);
  const firstResponderResolution = !FIRST_RESPONDER_SHORTFALLS.some((r) => shortfalls[r]);

  return {
    ticketId: resolution.ticketId,
    createdAt,
    firstResponderId: first?.agentId ?? null,
    firstResponseAt: first?.at ?? null,
    resolvedAt,
    resolvedBy,
    firstResponderResolution,
    firstContactResolution: reasons.length === 0,
    reopenedSinceResolution: history.some((e) => e.type === 'reopened' && e.seq > resolution.seq),
    provisional: context.now.getTime() <= settles.getTime(),
    settlesAt: settles,
    reasons,
    publicAgentReplies: replies.length,
    reopenCount,
    repeatContacts,
    handoffs: moves.handedOff + moves.reassigned,
    escalationMaxLevel: escalation,
    firstResponseMs: first ? Math.max(0, first.at.getTime() - peopleFrom.getTime()) : null,
    resolutionMs: Math.max(0, resolvedAt.getTime() - peopleFrom.getTime()),
    firstResponseBreached: breaches.firstResponse,
    resolutionBreached: breaches.resolution,
  };
}
