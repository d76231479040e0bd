import { addBusinessMinutes, ALWAYS_OPEN_UTC, businessMinutesBetween, type BusinessCalendar } from './business-time/index.js';
import type { TicketDecision } from './ticket-decision.js';
import type { SlaTarget, TicketEventType } from './ticket-events.js';
import { SYSTEM, type Ticket } from './ticket.js';
import { ESCALATION_LEVELS, PRIORITIES, type EscalationLevel, type Priority } from './vocabulary.js';

export type SlaStage = 'warning' | 'breach' | 'critical' | 'reminder';

/** One moment an SLA clock acts: `dueAt` is the target's due time, `fireAt` when this stage of it acts. */
export interface SlaThreshold {
  target: SlaTarget;
  stage: SlaStage;
  dueAt: Date;
  fireAt: Date;
}

/** Warn the owner at 80% of a target, escalate at 100%, escalate again at 150%. */
export const SLA_STAGE_SHARE: Record<Exclude<SlaStage, 'reminder'>, number> = { warning: 0.8, breach: 1, critical: 1.5 };

const OPEN_STATUSES: ReadonlySet<Ticket['status']> = new Set(['new', 'open', 'pending_customer']);

function stagesOf(target: SlaTarget, startedAt: Date, dueAt: Date, calendar: BusinessCalendar): SlaThreshold[] {
  const stages = Object.keys(SLA_STAGE_SHARE) as Array<keyof typeof SLA_STAGE_SHARE>;
  // In working time: the warning at 80% of the working minutes to the due time, never after it; the
  // breach at the due time itself (which a 24×7 complaint cap may put outside working hours); the
  // critical stage at 150%, never before the breach.
  const span = calendar.alwaysOpen ? 0 : Math.max(0, businessMinutesBetween(calendar, startedAt, dueAt));
  // On the wall clock when the calendar never opens before the due time (a complaint opened on a
  // Saturday, due by its 24×7 cap on the Sunday): 80% of no working time would warn at once.
  if (calendar.alwaysOpen || (span === 0 && dueAt > startedAt)) {
    const wall = dueAt.getTime() - startedAt.getTime();
    return stages.map((stage) => ({ target, stage, dueAt, fireAt: new Date(startedAt.getTime() + Math.round(wall * SLA_STAGE_SHARE[stage])) }));
  }
  return stages.map((stage) => {
    if (stage === 'breach') return { target, stage, dueAt, fireAt: dueAt };
    const at = addBusinessMinutes(calendar, startedAt, span * SLA_STAGE_SHARE[stage]).getTime();
    const fireAt = stage === 'warning' ? Math.min(at, dueAt.getTime()) : Math.max(at, dueAt.getTime());
    return { target, stage, dueAt, fireAt: new Date(fireAt) };
  });
}

/**
 * Every threshold the ticket's clocks still have, from its current state: first response while
 * nobody has answered, resolution while unresolved and not stopped for the customer's turn
 * (measured from creation; its due time moved by each wait), and the owner's promised update while
 * the ticket is open. Stages fall in the working time of `calendar` (the ticket's SLA calendar).
 * A timer that fires checks it is still in this list: anything else is stale.
 */
export function slaThresholds(ticket: Ticket, calendar: BusinessCalendar = ALWAYS_OPEN_UTC): SlaThreshold[] {
  if (!OPEN_STATUSES.has(ticket.status)) return [];
  const thresholds: SlaThreshold[] = [];
  if (ticket.firstResponseAt === null && ticket.firstResponseDueAt) {
    thresholds.push(...stagesOf('first_response', ticket.createdAt, ticket.firstResponseDueAt, calendar));
  }
  if (ticket.resolutionDueAt && ticket.slaPausedAt === null) {
    thresholds.push(...stagesOf('resolution', ticket.createdAt, ticket.resolutionDueAt, calendar));
  }
  if (ticket.status === 'open' && ticket.ownerId && ticket.nextUpdateDueAt) {
    thresholds.push({ target: 'next_update', stage: 'reminder', dueAt: ticket.nextUpdateDueAt, fireAt: ticket.nextUpdateDueAt });
  }
  return thresholds;
}

/**
 * Thresholds this close after the next one are timed with it: moments a calendar put together (a
 * warning and a breach both moved to the next opening) fire together, not one after the other.
 */
export const SLA_SAME_MOMENT_MS = 1000;

/**
 * Of the thresholds not yet applied to a ticket, the ones given a timer: those whose moment has come
 * (`now` or before), and those of its next moment after `now`. The ones after that get theirs when
 * these fire, or when a change moves the clocks first, as most changes do before a first warning is
 * due. The ones whose moment has come are kept with the next: a job that read the ticket just before
 * a threshold was applied still sees it pending, and must not leave the ticket with no timer but
 * that one's, which has already run. Timing all six of a new ticket (both targets' warning, breach
 * and critical) took 5-8% of the email intake's CPU and a third of its Redis time
 * (docs/benchmarks.md), for timers mostly removed unfired.
 */
export function nextSlaMoment<T extends Pick<SlaThreshold, 'fireAt'>>(thresholds: T[], now: Date): T[] {
  const ahead = thresholds.filter((t) => t.fireAt.getTime() > now.getTime());
  const next = ahead.length > 0 ? Math.min(...ahead.map((t) => t.fireAt.getTime())) + SLA_SAME_MOMENT_MS : now.getTime();
  return thresholds.filter((t) => t.fireAt.getTime() <= next);
}

/** The warning and critical instants of both targets, as the worker's timers would fire them; null without that due time. */
export interface SlaStageInstants {
  firstResponseWarnAt: Date | null;
  firstResponseCriticalAt: Date | null;
  resolutionWarnAt: Date | null;
  resolutionCriticalAt: Date | null;
  /** 80% of the working time from the last customer-visible update (else the first response, else creation) to the promised one: when badges turn amber. */
  nextUpdateWarnAt: Date | null;
}

/**
 * The stage instants of a ticket's due times in working time, whatever its status: stored beside the
 * due times so the overdue sweep can find lost timers by their business-time moment in SQL (the
 * breach needs none: it is the due time). Which ones still apply is the status's business, not this.
 */
export function slaStageInstants(
  ticket: Pick<Ticket, 'createdAt' | 'firstResponseDueAt' | 'resolutionDueAt' | 'nextUpdateDueAt' | 'lastCustomerVisibleUpdateAt' | 'firstResponseAt'>,
  calendar: BusinessCalendar = ALWAYS_OPEN_UTC,
): SlaStageInstants {
  const of = (target: SlaTarget, due: Date | null) => {
    const stages = due ? stagesOf(target, ticket.createdAt, due, calendar) : [];
    const at = (stage: SlaStage) => stages.find((t) => t.stage === stage)?.fireAt ?? null;
    return { warn: at('warning'), critical: at('critical') };
  };
  const firstResponse = of('first_response', ticket.firstResponseDueAt);
  const resolution = of('resolution', ticket.resolutionDueAt);
  const updateFrom = ticket.lastCustomerVisibleUpdateAt ?? ticket.firstResponseAt ?? ticket.createdAt;
  const nextUpdate = ticket.nextUpdateDueAt ? stagesOf('next_update', updateFrom, ticket.nextUpdateDueAt, calendar).find((t) => t.stage === 'warning')!.fireAt : null;
  return {
    firstResponseWarnAt: firstResponse.warn,
    firstResponseCriticalAt: firstResponse.critical,
    resolutionWarnAt: resolution.warn,
    resolutionCriticalAt: resolution.critical,
    nextUpdateWarnAt: nextUpdate,
  };
}

/**
 * Events whose decisions never touch what the clocks read (status, owner, first response, due
 * times): after them a ticket's timers stay as they were, so nobody needs to re-plan them.
 * Any other event, including one added later, re-plans.
 */
const SLA_NEUTRAL_EVENTS: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'internal_note_added',
  'handoff_proposed',
  'handoff_declined',
  'escalation_requested',
  'repeat_contact',
  'rated',
  'sla_warning',
  'sla_escalated',
  'update_reminder',
  'customer_merged',
]);

export function movesSlaClocks(type: TicketEventType): boolean {
  return !SLA_NEUTRAL_EVENTS.has(type);
}

export function sameThreshold(a: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>, b: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>): boolean {
  return a.target === b.target && a.stage === b.stage && a.dueAt.getTime() === b.dueAt.getTime();
}

/** Who hears about a threshold: the owner, or the whole team while nobody owns the ticket; seniors and supervisors on escalation. */
export interface SlaAudience {
  teamAgentIds: string[];
  seniorAndSupervisorIds: string[];
}

function raisedPriority(priority: Priority): Priority {
  return PRIORITIES[Math.min(PRIORITIES.indexOf(priority) + 1, PRIORITIES.length - 1)];
}

function unique(ids: string[]): string[] {
  return [...new Set(ids)];
}

const STAGE_LEVEL: Record<Exclude<SlaStage, 'reminder'>, EscalationLevel> = {
  warning: ESCALATION_LEVELS.warning,
  breach: ESCALATION_LEVELS.escalated,
  critical: ESCALATION_LEVELS.critical,
};

/** Stages that share a moment go in this order: a warning before the breach, the breach before its critical stage. */
const STAGE_ORDER: Record<SlaStage, number> = { warning: 0, breach: 1, critical: 2, reminder: 3 };

function before(a: SlaThreshold, b: SlaThreshold): number {
  return a.fireAt.getTime() - b.fireAt.getTime() || STAGE_ORDER[a.stage] - STAGE_ORDER[b.stage];
}

/** What a threshold and the earlier ones it carries did, in the order they happened, and which thresholds that was. */
export interface ReachedSlaThresholds {
  decision: TicketDecision;
  reached: SlaThreshold[];
}

/**
 * The threshold's time came: it, and before it every earlier threshold whose time has also come and
 * that is not in `applied`, each decided on the ticket as the one before left it. A warning's timer
 * that runs late (a flushed Redis, two sweepers, a busy worker) is carried by the breach that
 * overtook it, so the timeline never says "escalated" before "warned"; its own job then finds it
 * applied. Null when the threshold itself does not apply (see `reachSlaThreshold`).
 */
export function reachSlaThresholdInOrder(
  ticket: Ticket,
  threshold: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>,
  now: Date,
  audience: SlaAudience,
  calendar: BusinessCalendar = ALWAYS_OPEN_UTC,
  applied: ReadonlyArray<Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>> = [],
): ReachedSlaThresholds | null {
  const { current, earlier } = dueInOrder(ticket, threshold, now, calendar);
  if (!current) return null;
  const reached: SlaThreshold[] = [];
  const decision: TicketDecision = { patch: {}, events: [] };
  let state = ticket;
  for (const next of [...earlier.filter((t) => !applied.some((a) => sameThreshold(a, t))), current]) {
    const step = reachSlaThreshold(state, next, now, audience, calendar);
    if (!step) continue;
    reached.push(next);
    decision.patch = { ...decision.patch, ...step.patch };
    decision.events.push(...step.events);
    if (step.addWatcherIds?.length) decision.addWatcherIds = unique([...(decision.addWatcherIds ?? []), ...step.addWatcherIds]);
    state = { ...state, ...step.patch };
  }
  return reached.includes(current) ? { decision, reached } : null;
}

/**
 * The thresholds of the ticket due at `now` that come before `threshold`, applied or not: when there
 * are none, whoever applies it need not read which are applied.
 */
export function slaThresholdsDueBefore(ticket: Ticket, threshold: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>, now: Date, calendar: BusinessCalendar = ALWAYS_OPEN_UTC): SlaThreshold[] {
  return dueInOrder(ticket, threshold, now, calendar).earlier;
}

/** The threshold as the ticket has it now (none when it no longer applies or is not due), and the due ones before it, in order. */
function dueInOrder(ticket: Ticket, threshold: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>, now: Date, calendar: BusinessCalendar) {
  const all = slaThresholds(ticket, calendar);
  const current = all.find((t) => sameThreshold(t, threshold));
  if (!current || current.fireAt.getTime() > now.getTime()) return { current: null, earlier: [] };
  const earlier = all.filter((t) => t !== current && t.fireAt.getTime() <= now.getTime() && before(t, current) < 0).sort(before);
  return { current, earlier };
}

/**
 * What a threshold does when its time comes, or null when it no longer applies (the target was met,
 * the ticket was resolved, the due time moved, or it is not yet due). Escalation never moves
 * ownership: it raises the level, adds watchers and says who to notify.
 */
export function reachSlaThreshold(
  ticket: Ticket,
  threshold: Pick<SlaThreshold, 'target' | 'stage' | 'dueAt'>,
  now: Date,
  audience: SlaAudience,
  calendar: BusinessCalendar = ALWAYS_OPEN_UTC,
): TicketDecision | null {
  const current = slaThresholds(ticket, calendar).find((t) => sameThreshold(t, threshold));
  if (!current || current.fireAt.getTime() > now.getTime()) return null;
  const dueAt = current.dueAt.toISOString();

  if (current.stage === 'reminder') {
    const ownerId = ticket.ownerId as string;
    return { patch: {}, events: [{ type: 'update_reminder', visibility: 'internal', actor: SYSTEM, payload: { dueAt, ownerId } }] };
  }

  const fromLevel = ticket.escalationLevel;
  const toLevel = Math.max(fromLevel, STAGE_LEVEL[current.stage]) as EscalationLevel;
  const firstInLine = ticket.ownerId ? [ticket.ownerId] : audience.teamAgentIds;
  const levelPatch = toLevel > fromLevel ? { escalationLevel: toLevel } : {};

  if (current.stage === 'warning') {
    return {
      patch: levelPatch,
      events: [{ type: 'sla_warning', visibility: 'internal', actor: SYSTEM, payload: { target: current.target, dueAt, fromLevel, toLevel, notifiedIds: unique(firstInLine) } }],
    };
  }

  const watcherIds = unique(audience.seniorAndSupervisorIds.filter((id) => id !== ticket.ownerId));
  const bumped = current.stage === 'critical' ? raisedPriority(ticket.priority) : ticket.priority;
  const priority = bumped !== ticket.priority ? { from: ticket.priority, to: bumped } : null;
  return {
    patch: { ...levelPatch, ...(priority ? { priority: priority.to } : {}) },
    events: [
      {
        type: 'sla_escalated',
        visibility: 'internal',
        actor: SYSTEM,
        payload: { target: current.target, stage: current.stage, dueAt, fromLevel, toLevel, watcherIds, notifiedIds: unique([...firstInLine, ...watcherIds]), priority },
      },
    ],
    addWatcherIds: watcherIds,
  };
}
