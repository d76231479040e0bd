import type { TicketEventType } from '../ticket-events.js';

/** Event types that can change a resolution's verdict, bucket, durations or rating: after one of them the outcome is judged again. */
export const OUTCOME_EVENT_TYPES: ReadonlySet<TicketEventType> = new Set<TicketEventType>([
  'status_changed',
  'reopened',
  'agent_replied',
  'customer_replied',
  'handoff_accepted',
  'reassigned',
  'escalation_requested',
  'repeat_contact',
  'rated',
  // A warning changes no verdict (level 1 keeps first contact) but is the outcome's highest level.
  'sla_warning',
  'sla_escalated',
]);

/** Whether these events may move the ticket's outcome, and whether one of them resolves it (only then can a ticket without an outcome get one). */
export function outcomeMovesWith(events: ReadonlyArray<{ type: TicketEventType; payload: unknown }>): { moves: boolean; resolves: boolean } {
  return {
    moves: events.some((e) => OUTCOME_EVENT_TYPES.has(e.type)),
    resolves: events.some((e) => e.type === 'status_changed' && (e.payload as { to?: string }).to === 'resolved'),
  };
}
