import type { Channel, CustomerTimelineEntry, TicketStatus } from '@firsthand/domain';

/** The stage of the live service map a customer sees. */
export type TrackStage = 'submitted' | 'in_progress' | 'waiting_for_you' | 'resolved' | 'closed';

/** `GET /api/track/:code` and the customer's actions: no agent ids, no internal events. */
export interface TrackView {
  code: string;
  subject: string;
  status: TicketStatus;
  stage: TrackStage;
  channel: Channel;
  createdAt: string;
  resolvedAt: string | null;
  resolution: string | null;
  promise: { ownerName: string | null; nextUpdateDueAt: string | null; resolutionDueAt: string | null };
  canReopenUntil: string | null;
  feedback: { rating: number; comment: string | null } | null;
  lastSeq: number;
  timeline: CustomerTimelineEntry[];
}
