import { customerResolution, reopenWindowEndsAt, SPAM_RESOLUTION, toCustomerTimelineEntry, type ResolutionWindows, type TicketEvent } from '@firsthand/domain';
import type { TicketView, TrackAutomaticAnswer, TrackStage, TrackView } from '@firsthand/http-contracts';

/** The stage of the live service map a customer sees. */
function stage(view: TicketView): TrackStage {
  switch (view.status) {
    case 'new':
      return 'submitted';
    case 'open':
      return 'in_progress';
    case 'pending_customer':
      return 'waiting_for_you';
    default:
      return view.status;
  }
}

/** What a customer sees of their ticket: no agent ids, no internal events, no other customers. */
export function customerTicketView(
  view: TicketView,
  events: TicketEvent[],
  windows: ResolutionWindows,
  answer: Omit<TrackAutomaticAnswer, 'awaitingChoice'> | null = null,
): TrackView {
  const reopenUntil = view.status === 'resolved' ? reopenWindowEndsAt({ resolvedAt: view.resolvedAt ? new Date(view.resolvedAt) : null }, windows) : null;
  return {
    code: view.code,
    subject: view.subject,
    description: view.description,
    status: view.status,
    stage: stage(view),
    channel: view.channel,
    createdAt: view.createdAt,
    resolvedAt: view.resolvedAt,
    // A spam close is the team's verdict, not an answer to the sender.
    resolution: customerResolution(view.resolution),
    promise: {
      ownerName: view.owner?.name ?? null,
      nextUpdateDueAt: view.status === 'new' ? view.sla.firstResponseDueAt : view.sla.nextUpdateDueAt,
      resolutionDueAt: view.status === 'resolved' || view.status === 'closed' ? null : view.sla.resolutionDueAt,
    },
    canReopenUntil: reopenUntil?.toISOString() ?? null,
    feedback: view.csat,
    rateable: (view.status === 'resolved' || view.status === 'closed') && view.csat === null && view.resolution !== SPAM_RESOLUTION,
    lastSeq: view.lastSeq,
    timeline: events.map(toCustomerTimelineEntry).filter((entry) => entry !== null),
    automaticAnswer: answer ? { ...answer, awaitingChoice: view.bot?.outcome === 'held' && view.owner === null && view.status === 'new' } : null,
  };
}
