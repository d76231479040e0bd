import type { CustomerTimelineEntry } from '@firsthand/domain';
import type { TrackView } from '@firsthand/http-contracts';

export type ServiceStepId = 'submitted' | 'taken' | 'in_progress' | 'waiting_for_you' | 'resolved';
export type ServiceStepState = 'done' | 'current' | 'upcoming' | 'skipped';

export interface ServiceStep {
  id: ServiceStepId;
  state: ServiceStepState;
}

/** The live "service map": where the issue is on its way, from what the customer may see. */
export function serviceSteps(view: Pick<TrackView, 'stage' | 'promise'>, timeline: readonly CustomerTimelineEntry[]): ServiceStep[] {
  const { stage } = view;
  const finished = stage === 'resolved' || stage === 'closed';
  const waited = timeline.some((e) => e.type === 'status_changed' && e.data.to === 'pending_customer');
  const taken = view.promise.ownerName !== null || stage !== 'submitted';
  return [
    { id: 'submitted', state: 'done' },
    { id: 'taken', state: taken ? 'done' : 'current' },
    { id: 'in_progress', state: stage === 'in_progress' ? 'current' : stage === 'submitted' ? 'upcoming' : 'done' },
    { id: 'waiting_for_you', state: stage === 'waiting_for_you' ? 'current' : finished ? (waited ? 'done' : 'skipped') : 'upcoming' },
    { id: 'resolved', state: finished ? 'done' : 'upcoming' },
  ];
}
