import type { Channel, CustomerTier, Priority, TicketStatus, CustomerTimelineEntry, MetricsGrouping, TicketView } from '@firsthand/domain';
import type { LiveTicketEvent, NotificationListItem, SupervisorLiveMetrics } from '@firsthand/realtime-contracts';

/** JSON shapes of the REST API (README "API"); dates arrive as ISO strings. */
export type { TicketView } from '@firsthand/domain';

export type TicketEventView = LiveTicketEvent;

export interface TicketChange {
  ticket: TicketView;
  events: TicketEventView[];
}

export interface SignedInAgent {
  id: string;
  name: string;
  email: string;
  role: 'agent' | 'senior' | 'supervisor' | 'admin';
  teamId: string | null;
}

export interface Colleague {
  id: string;
  name: string;
  role: SignedInAgent['role'];
  teamId: string | null;
  presence: string;
}

export type TrackStage = 'submitted' | 'in_progress' | 'waiting_for_you' | 'resolved' | 'closed';

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

export interface OpenedTicket {
  id: string;
  code: string;
  trackingToken: string;
  trackingUrl: string;
  status: TicketStatus;
}

/** GET /api/metrics/live, and the `metrics.changed` push: the shared contract. */
export type LiveMetricsView = SupervisorLiveMetrics;

export type { FcrFigures, FcrReport } from '@firsthand/domain';
export type FcrGrouping = MetricsGrouping;

/** GET /api/notifications: the shared contract. */
export type NotificationItem = NotificationListItem;
