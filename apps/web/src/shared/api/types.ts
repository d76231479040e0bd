import type { Channel, CustomerTier, Priority, TicketStatus, CustomerTimelineEntry } from '@firsthand/domain';
import type { LiveTicketEvent, NotificationListItem, SupervisorLiveMetrics } from '@firsthand/realtime-contracts';

/** JSON shapes of the REST API (README "API"); dates arrive as ISO strings. */
export interface Person {
  id: string;
  name: string;
}

export interface TicketView {
  id: string;
  code: string;
  subject: string;
  description: string;
  channel: Channel;
  kind: string;
  priority: Priority;
  tier: CustomerTier;
  status: TicketStatus;
  teamId: string | null;
  owner: Person | null;
  firstResponder: Person | null;
  pendingHandoffTo: Person | null;
  offeredTo: Person | null;
  repeatOfTicketId: string | null;
  customer: { id: string; name: string; email: string | null; phone: string | null; tier: CustomerTier; locale: string };
  createdAt: string;
  firstResponseAt: string | null;
  lastCustomerVisibleUpdateAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  sla: { firstResponseDueAt: string | null; nextUpdateDueAt: string | null; resolutionDueAt: string | null };
  escalationLevel: number;
  reopenCount: number;
  transferCount: number;
  tags: string[];
  resolution: string | null;
  csat: { rating: number; comment: string | null } | null;
  lastSeq: number;
}

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

export type FcrGrouping = 'agent' | 'team' | 'channel' | 'tier' | 'day' | 'week';

export interface FcrFigures {
  resolved: number;
  firstResponderResolved: number;
  firstContactResolved: number;
  firstResponderResolutionRate: number | null;
  firstContactResolutionRate: number | null;
  provisional: number;
  reopened: number;
  repeatContacts: number;
  handoffs: number;
  escalatedPastWarning: number;
  slaBreaches: { firstResponse: number; resolution: number };
  csatAverage: number | null;
  csatCount: number;
}

export interface FcrReport {
  from: string;
  to: string;
  groupBy: FcrGrouping;
  timeZone: string;
  windows: { reopenDays: number; repeatContactDays: number };
  groups: Array<FcrFigures & { key: string | null; name: string | null }>;
  total: FcrFigures;
}

/** GET /api/notifications: the shared contract. */
export type NotificationItem = NotificationListItem;
