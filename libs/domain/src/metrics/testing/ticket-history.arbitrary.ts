import fc from 'fast-check';
import type { ResolutionWindows } from '../../resolution-windows.js';
import type { ResolutionHistoryEvent } from '../resolution-outcome.js';
import type { SlaDueTimes } from '../sla-attainment.js';
import { ADA, DAY_MS, HOUR_MS, LI, MINUTE_MS, SAM, T0, TimelineBuilder, WEI, type Person } from './timeline.builder.js';

export const AGENTS: readonly Person[] = [LI, SAM, WEI];
export const WINDOWS: ResolutionWindows = { reopenDays: 7, repeatContactDays: 7 };

/** One thing that may happen next to a ticket; the interpreter skips it when the API would refuse it. */
const MOVES = [
  'claim', 'answer', 'assign', 'reply', 'reply', 'customer', 'pending', 'note', 'decline', 'handoff', 'reassign',
  'warn', 'sla-escalate', 'escalate-request', 'repeat', 'resolve', 'resolve', 'resolve', 'reopen', 'reopen', 'rate',
] as const;
type Move = (typeof MOVES)[number];

interface Step {
  waitMs: number;
  move: Move;
  agent: number;
  rating: number;
}

/** A ticket's life as a script; shrinking drops or simplifies steps and the interpreter keeps the rest legal. */
export interface TicketScript {
  startMs: number;
  steps: Step[];
  /** How long after the last event the history is judged. */
  judgedAfterMs: number;
  firstResponseDueMinutes: number | null;
  resolutionDueMinutes: number | null;
}

export interface GeneratedTicket {
  history: ResolutionHistoryEvent[];
  now: Date;
  dueTimes: SlaDueTimes;
}

/** Mostly minutes to hours, sometimes days, and sometimes exactly on (or just past) a window's last instant. */
const waitMs = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 3 * HOUR_MS }) },
  { weight: 2, arbitrary: fc.integer({ min: 0, max: 9 * DAY_MS }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, WINDOWS.reopenDays * DAY_MS, WINDOWS.reopenDays * DAY_MS + 1) },
);

const step: fc.Arbitrary<Step> = fc.record({
  waitMs,
  move: fc.constantFrom(...MOVES),
  agent: fc.nat({ max: AGENTS.length - 1 }),
  rating: fc.integer({ min: 1, max: 5 }),
});

export const ticketScript: fc.Arbitrary<TicketScript> = fc.record({
  startMs: fc.integer({ min: 0, max: 30 * DAY_MS }),
  steps: fc.array(step, { minLength: 1, maxLength: 20, size: 'medium' }),
  judgedAfterMs: fc.oneof(fc.integer({ min: 0, max: 12 * DAY_MS }), fc.constantFrom(WINDOWS.reopenDays * DAY_MS, WINDOWS.reopenDays * DAY_MS + 1)),
  firstResponseDueMinutes: fc.option(fc.integer({ min: 1, max: 6 * 60 }), { freq: 5 }),
  resolutionDueMinutes: fc.option(fc.integer({ min: 30, max: 4 * 24 * 60 }), { freq: 5 }),
});

/** Plays a script the way the API would record it: only the owner replies, resolves and escalates; reopens only inside the window. */
export function playScript(script: TicketScript, ticketId: string): GeneratedTicket {
  const start = new Date(T0.getTime() + script.startMs);
  const t = new TimelineBuilder(ticketId, start).created();
  let owner: Person | null = null;
  let level = 0;
  let resolvedAt: number | null = null;

  for (const s of script.steps) {
    t.after(s.waitMs);
    const status = t.currentStatus();
    const agent = AGENTS[s.agent];
    if (status === 'resolved') {
      if (s.move === 'reopen' && resolvedAt !== null && t.now().getTime() <= resolvedAt + WINDOWS.reopenDays * DAY_MS) {
        t.reopenedByCustomer();
        resolvedAt = null;
      } else if (s.move === 'repeat') t.repeatContact();
      else if (s.move === 'rate') t.rated(s.rating);
      continue;
    }
    if (!owner) {
      if (s.move === 'claim') t.claimedBy((owner = agent));
      else if (s.move === 'answer' || s.move === 'reply') t.answeredFirstBy((owner = agent));
      else if (s.move === 'assign' || s.move === 'reassign') t.reassigned(ADA, null, (owner = agent));
      else if (s.move === 'customer') t.customerReplied();
      else if (s.move === 'repeat') t.repeatContact();
      else if (s.move === 'note') t.notedBy(agent);
      else if (s.move === 'warn' && level < 1) t.slaEscalated((level = 1));
      else if (s.move === 'sla-escalate') t.slaEscalated((level = Math.min(3, Math.max(level, 1) + 1)));
      continue;
    }
    const other = agent.id === owner.id ? AGENTS[(s.agent + 1) % AGENTS.length] : agent;
    switch (s.move) {
      case 'reply':
      case 'answer':
        t.repliedBy(owner);
        break;
      case 'customer':
        t.customerReplied();
        break;
      case 'pending':
        if (status === 'open') t.waitingOnCustomer(owner);
        break;
      case 'note':
        t.notedBy(other);
        break;
      case 'decline':
        t.handoffProposed(owner, other).handoffDeclined(owner, other);
        break;
      case 'handoff':
        t.handoffProposed(owner, other).handoffAccepted(owner, other);
        owner = other;
        break;
      case 'reassign':
        t.reassigned(ADA, owner, other);
        owner = other;
        break;
      case 'warn':
        if (level < 1) t.slaEscalated((level = 1));
        break;
      case 'sla-escalate':
        t.slaEscalated((level = Math.min(3, Math.max(level, 1) + 1)));
        break;
      case 'escalate-request': {
        const toLevel = Math.min(3, Math.max(level, 1) + 1);
        t.escalationRequested(owner, level, toLevel);
        level = toLevel;
        break;
      }
      case 'repeat':
        t.repeatContact();
        break;
      case 'resolve':
        t.resolvedBy(owner);
        resolvedAt = t.now().getTime();
        break;
      default:
        break;
    }
  }
  const due = (minutes: number | null) => (minutes === null ? null : new Date(start.getTime() + minutes * MINUTE_MS));
  return {
    history: t.build(),
    now: new Date(t.now().getTime() + script.judgedAfterMs),
    dueTimes: { firstResponseDueAt: due(script.firstResponseDueMinutes), resolutionDueAt: due(script.resolutionDueMinutes) },
  };
}

/** One generated ticket. */
export const generatedTicket: fc.Arbitrary<GeneratedTicket> = ticketScript.map((script) => playScript(script, 'ticket-1'));

/** Several tickets with distinct ids, as one helpdesk's history. */
export const generatedTickets = (maxLength = 30): fc.Arbitrary<GeneratedTicket[]> =>
  fc.array(ticketScript, { maxLength }).map((scripts) => scripts.map((script, i) => playScript(script, `ticket-${i + 1}`)));
