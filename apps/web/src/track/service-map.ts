import type { CustomerTimelineEntry } from '@firsthand/domain';
import type { TrackView } from '@firsthand/http-contracts';

export type ServiceStepId = 'submitted' | 'taken' | 'in_progress' | 'waiting_for_you' | 'resolved' | 'closed';
export type ServiceStepState = 'done' | 'current' | 'upcoming' | 'skipped';

export interface ServiceStep {
  id: ServiceStepId;
  state: ServiceStepState;
}

/** Events by which an agent took the issue on (the customer sees them on their timeline). */
const TAKEN_BY: ReadonlySet<string> = new Set(['claimed', 'handoff_accepted', 'reassigned']);

/** Whether nobody ever took a finished issue on: the bot solved it, or the team closed it unanswered (spam). */
export function finishedUntaken(view: Pick<TrackView, 'stage' | 'promise'>, timeline: readonly CustomerTimelineEntry[]): boolean {
  const finished = view.stage === 'resolved' || view.stage === 'closed';
  return finished && view.promise.ownerName === null && !timeline.some((e) => TAKEN_BY.has(e.type));
}

/**
 * The live "service map": where the issue is on its way, from what the customer may see. Steps
 * nobody took are marked skipped, never done: an issue closed unanswered ends at "Closed".
 */
export function serviceSteps(view: Pick<TrackView, 'stage' | 'promise'>, timeline: readonly CustomerTimelineEntry[]): ServiceStep[] {
  const { stage } = view;
  const finished = stage === 'resolved' || stage === 'closed';
  const waited = timeline.some((e) => e.type === 'status_changed' && e.data.to === 'pending_customer');
  const untaken = finishedUntaken(view, timeline);
  const taken = view.promise.ownerName !== null || stage !== 'submitted';
  return [
    { id: 'submitted', state: 'done' },
    { id: 'taken', state: untaken ? 'skipped' : taken ? 'done' : 'current' },
    { id: 'in_progress', state: untaken ? 'skipped' : stage === 'in_progress' ? 'current' : stage === 'submitted' ? 'upcoming' : 'done' },
    { id: 'waiting_for_you', state: stage === 'waiting_for_you' ? 'current' : finished ? (waited ? 'done' : 'skipped') : 'upcoming' },
    { id: untaken && stage === 'closed' ? 'closed' : 'resolved', state: finished ? 'done' : 'upcoming' },
  ];
}
