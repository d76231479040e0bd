import { TransitionNotAllowed } from '../domain-errors.js';
import { FirstResponderPolicy } from '../ownership-policy.js';
import type { TicketDecision } from '../ticket-decision.js';
import { agentActor, type ActingAgent, type Ticket } from '../ticket.js';
import { endHoldOnClose } from '../knowledge-base/standard-question-bot.js';
import { tagDecision } from './ticket-tags.js';

/** The resolution a spam close records; the metrics read it (a spam close is no resolution). */
export const SPAM_RESOLUTION = 'spam';
export const SPAM_TAG = 'spam';

/**
 * A supervisor closes a ticket as spam from any status but closed: status `closed` with resolution
 * "spam" and the `spam` tag. Its status event is internal, so the sender is told nothing (no
 * "closed" message) and the customer timeline shows nothing; the metrics never count it as a
 * resolution (`classifyResolution`).
 */
export function closeAsSpam(ticket: Ticket, supervisor: ActingAgent, now: Date): TicketDecision {
  FirstResponderPolicy.assertSupervisor(supervisor, 'close a ticket as spam');
  if (ticket.status === 'closed') throw new TransitionNotAllowed('closed', 'closed', 'The ticket is already closed.');
  const actor = agentActor(supervisor);
  const tagging = tagDecision(ticket, { add: [SPAM_TAG] }, actor);
  return {
    patch: {
      ...tagging?.patch,
      status: 'closed',
      closedAt: now,
      resolution: SPAM_RESOLUTION,
      nextUpdateDueAt: null,
      pendingHandoffToId: null,
      handoffNote: null,
      offeredToId: null,
      ...endHoldOnClose(ticket, now),
    },
    events: [
      { type: 'status_changed', visibility: 'internal', actor, payload: { from: ticket.status, to: 'closed', resolution: SPAM_RESOLUTION } },
      ...(tagging?.events ?? []),
    ],
  };
}

/** Whether an event is a spam close. */
export function isSpamClose(event: { type: string; payload: unknown }): boolean {
  if (event.type !== 'status_changed') return false;
  const payload = event.payload as { to?: string; resolution?: string | null };
  return payload.to === 'closed' && payload.resolution === SPAM_RESOLUTION;
}
