import type { SupervisorServerEvents } from '@firsthand/realtime-contracts';
import type { LiveMetricsView, NotificationItem } from '../shared/api/types.js';

/**
 * What /supervisors sends the dashboard: the shared map, plus two events other issues are adding
 * (`metrics.changed` from the metrics issue, `notification.failed` from the notifications issue).
 * The dashboard works without them and applies them when they arrive; once they are in the
 * contracts lib, this extension can go.
 */
export interface SupervisorDashboardEvents extends SupervisorServerEvents {
  'metrics.changed': (metrics: LiveMetricsView) => void;
  'notification.failed': (notification: NotificationItem) => void;
}

/** Event types that move the live figures (resolutions, reopens, claims, breaches ...). */
export const ESCALATION_TYPES = new Set(['escalation_requested', 'sla_escalated', 'sla_warning']);
