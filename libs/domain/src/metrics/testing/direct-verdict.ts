import type { ResolutionCounts } from '../rate-summary.js';
import type { GeneratedTicket } from './ticket-history.arbitrary.js';
import { WINDOWS } from './ticket-history.arbitrary.js';
import { DAY_MS } from './timeline.builder.js';

/**
 * The rules of docs/metrics.md recomputed the plain way, one pass over the events with a few
 * running facts, written independently of classifyResolution so the two can disagree.
 */
export function judgeDirectly({ history, now, dueTimes }: GeneratedTicket) {
  let firstResponder: { id: string; at: number } | null = null;
  let firstReplySeen = false;
  let followUp = false;
  let replies = 0;
  let moves = 0;
  let reopens = 0;
  let level = 0;
  const contacts: number[] = [];
  let resolution: { at: number; by: string | null } | null = null;
  const createdAt = history[0].createdAt.getTime();
  for (const e of history) {
    const at = e.createdAt.getTime();
    if (e.type === 'claimed') firstResponder ??= { id: e.payload.ownerId, at };
    if (e.type === 'agent_replied' && e.visibility === 'public') {
      replies++;
      firstReplySeen = true;
      if (e.actor.type === 'agent') firstResponder ??= { id: e.actor.id, at };
    }
    if (e.type === 'customer_replied' && firstReplySeen) followUp = true;
    if ((e.type === 'handoff_accepted' || e.type === 'reassigned') && firstResponder) moves++;
    if (e.type === 'reopened') reopens++;
    if (e.type === 'repeat_contact') contacts.push(at);
    if (e.type === 'escalation_requested' || e.type === 'sla_warning' || e.type === 'sla_escalated') level = Math.max(level, e.payload.toLevel);
    if (e.type === 'status_changed' && e.payload.to === 'resolved') resolution = { at, by: e.actor.type === 'agent' ? e.actor.id : null };
  }
  if (!resolution) return null;
  const resolvedAt = resolution.at;
  const repeats = contacts.filter((at) => at <= resolvedAt + WINDOWS.repeatContactDays * DAY_MS).length;
  const byFirstResponder = firstResponder !== null && resolution.by === firstResponder.id && moves === 0 && reopens === 0 && repeats === 0;
  const answeredAt = firstResponder?.at ?? resolvedAt;
  return {
    resolvedAt: new Date(resolvedAt),
    resolvedBy: resolution.by,
    firstResponderId: firstResponder?.id ?? null,
    firstResponderResolution: byFirstResponder,
    firstContactResolution: byFirstResponder && replies <= 1 && !followUp && level <= 1,
    provisional: now.getTime() <= resolvedAt + Math.max(WINDOWS.reopenDays, WINDOWS.repeatContactDays) * DAY_MS,
    publicAgentReplies: replies,
    reopenCount: reopens,
    repeatContacts: repeats,
    handoffs: moves,
    escalationMaxLevel: level,
    firstResponseMs: firstResponder ? firstResponder.at - createdAt : null,
    resolutionMs: resolvedAt - createdAt,
    firstResponseBreached: dueTimes.firstResponseDueAt !== null && answeredAt > dueTimes.firstResponseDueAt.getTime(),
    resolutionBreached: dueTimes.resolutionDueAt !== null && resolvedAt > dueTimes.resolutionDueAt.getTime(),
  };
}

/** The summary's counts, added up ticket by ticket from the direct verdicts. */
export function totalsDirectly(tickets: readonly GeneratedTicket[]): ResolutionCounts {
  const verdicts = tickets.map(judgeDirectly).filter((v) => v !== null);
  const count = (p: (v: (typeof verdicts)[number]) => boolean) => verdicts.filter(p).length;
  return {
    resolved: verdicts.length,
    firstResponderResolved: count((v) => v.firstResponderResolution),
    firstContactResolved: count((v) => v.firstContactResolution),
    provisional: count((v) => v.provisional),
    reopened: count((v) => v.reopenCount > 0),
    repeatContacts: count((v) => v.repeatContacts > 0),
    handoffs: count((v) => v.handoffs > 0),
    firstResponseBreaches: count((v) => v.firstResponseBreached),
    resolutionBreaches: count((v) => v.resolutionBreached),
    slaBreached: count((v) => v.firstResponseBreached || v.resolutionBreached),
  };
}
